// The layered layout: columns by stage of the chain, order in each column by barycenter (fewer crossings).
import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { buildViewGraph, type ViewGraph } from '../../web/src/graph.ts';
import { LAYERED_HEIGHT, LAYERED_WIDTH, layerOf, layeredPositions } from '../../web/src/layout/layered.ts';
import { tinyApiGraph } from './fixtures.ts';

/** Edge pairs between the same two columns that cross, for the given positions. */
function crossings(graph: ViewGraph, pos: Map<string, { x: number; y: number }>): number {
  const edges = graph.mapEdges((_e, _a, s, t) => [pos.get(s)!, pos.get(t)!] as const).filter(([a, b]) => a.x !== b.x);
  let n = 0;
  for (let i = 0; i < edges.length; i++)
    for (let j = i + 1; j < edges.length; j++) {
      const [a, b] = [edges[i]!, edges[j]!];
      if (a[0].x !== b[0].x || a[1].x !== b[1].x) continue;
      if ((a[0].y - b[0].y) * (a[1].y - b[1].y) < 0) n++;
    }
  return n;
}

function chain(edges: Array<[string, string]>): ViewGraph {
  const g: ViewGraph = new MultiDirectedGraph();
  const node = (id: string) => {
    if (g.hasNode(id)) return;
    const kind = id.slice(0, id.indexOf(':')) as 'mine' | 'refiner' | 'country';
    g.addNode(id, { kind, name: id, x: 0, y: 0, geoX: 0, geoY: 0, label: id, supplyShare: null, supplyShareMineral: null, pagerank: null, betweenness: null, risk: null });
  };
  for (const [s, t] of edges) {
    node(s);
    node(t);
    g.addEdge(s, t, { mineral: 'x', stage: 'mine', tonnes: 1, year: 2025 });
  }
  return g;
}

describe('layered layout', () => {
  it('puts mines, refiners, trade hubs and consumers in columns left to right', () => {
    const graph = buildViewGraph(tinyApiGraph(), { year: 2025 });
    const pos = layeredPositions(graph);
    expect(layerOf(graph, 'mine:aaa-x')).toBe('mine');
    expect(layerOf(graph, 'refiner:bbb-x')).toBe('refiner');
    expect(layerOf(graph, 'country:CCC')).toBe('consumer');
    expect(pos.get('mine:aaa-x')!.x).toBe(0);
    expect(pos.get('mine:bbb-x')!.x).toBe(0);
    expect(pos.get('refiner:bbb-x')!.x).toBeGreaterThan(0);
    // No country passes supply on in the fixture: the hub column is left out, consumers take the right edge.
    expect(pos.get('country:CCC')!.x).toBe(LAYERED_WIDTH);
    expect(pos.get('country:ROW')!.x).toBe(LAYERED_WIDTH);
    for (const p of pos.values()) {
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(LAYERED_HEIGHT);
    }
    expect(pos.size).toBe(graph.order);
  });

  it('a country that exports onwards is a trade hub, between refiners and consumers', () => {
    const graph = chain([
      ['mine:a', 'refiner:b'],
      ['refiner:b', 'country:NLD'],
      ['country:NLD', 'country:DEU'],
    ]);
    const pos = layeredPositions(graph);
    expect(layerOf(graph, 'country:NLD')).toBe('trade hub');
    expect(layerOf(graph, 'country:DEU')).toBe('consumer');
    ['mine:a', 'refiner:b', 'country:NLD', 'country:DEU'].forEach((n, i) => expect(pos.get(n)!.x).toBeCloseTo((i * LAYERED_WIDTH) / 3, 9));
  });

  it('orders each column by barycenter: a chain drawn crossed in id order comes out uncrossed', () => {
    // In id order a1 is above a2 and r1 above r2, but a1 feeds r2 and a2 feeds r1: two columns, crossed.
    const graph = chain([
      ['mine:a1', 'refiner:r2'],
      ['mine:a2', 'refiner:r1'],
      ['refiner:r1', 'country:C2'],
      ['refiner:r2', 'country:C1'],
      ['mine:a3', 'refiner:r3'],
      ['refiner:r3', 'country:C3'],
    ]);
    expect(crossings(graph, layeredPositions(graph, 0))).toBeGreaterThan(0);
    expect(crossings(graph, layeredPositions(graph))).toBe(0);
  });
});
