import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import { parse } from 'graphology-gexf/node/index.js';
import { buildViewGraph } from '../../web/src/graph.ts';
import { viewGraphToGexf } from '../../web/src/gexf.ts';
import { tinyApiGraph } from './fixtures.ts';

describe('viewGraphToGexf', () => {
  const graph = buildViewGraph(tinyApiGraph());

  it('writes a GEXF that graphology reads back with the same nodes, flows and scalar attributes', () => {
    const xml = viewGraphToGexf(graph, { nodeSize: () => 7, nodeColor: () => '#ff0000' });
    expect(xml).toContain('version="1.3"');
    const back = parse(MultiDirectedGraph, xml);
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    expect(back.getNodeAttribute('refiner:bbb-x', 'label')).toBe('Bland x refinery');
    expect(back.getNodeAttribute('refiner:bbb-x', 'kind')).toBe('refiner');
    expect(back.getNodeAttribute('refiner:bbb-x', 'supplyShare')).toBeCloseTo(1, 9);
    expect(back.getNodeAttribute('refiner:bbb-x', 'size')).toBe(7);
    expect(back.getNodeAttribute('refiner:bbb-x', 'x')).toBeCloseTo(graph.getNodeAttribute('refiner:bbb-x', 'x'), 4);
    expect(back.getEdgeAttribute('e1', 'tonnes')).toBe(60);
    expect(back.getEdgeAttribute('e1', 'mineral')).toBe('x');
    expect(back.getEdgeAttribute('e4', 'estimated')).toBe(true);
  });

  it('leaves excluded (removed) nodes and their flows out', () => {
    const back = parse(MultiDirectedGraph, viewGraphToGexf(graph, { exclude: new Set(['refiner:bbb-x']) }));
    expect(back.hasNode('refiner:bbb-x')).toBe(false);
    expect(back.edges().sort()).toEqual(['e6']);
  });
});
