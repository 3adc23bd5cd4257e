// The synthetic benchmark graph: exact sizes, determinism per seed, layered structure, conserved tonnes, and the
// plain edge list other tools read.
import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { centralityGraph } from '../../src/analysis/centrality.ts';
import { formatEdgeList, syntheticDataset, syntheticSupplyGraph } from '../../src/analysis/synthetic.ts';
import { InvalidInputError } from '../../src/domain/errors.ts';

describe('syntheticSupplyGraph', () => {
  it('has exactly the requested nodes and flows (default 5,000 / 50,000)', () => {
    const graph = syntheticSupplyGraph();
    expect(graph.order).toBe(5000);
    expect(graph.size).toBe(50000);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = syntheticDataset({ nodes: 400, flows: 2000, seed: 1 });
    expect(syntheticDataset({ nodes: 400, flows: 2000, seed: 1 })).toEqual(a);
    expect(syntheticDataset({ nodes: 400, flows: 2000, seed: 2 }).flows).not.toEqual(a.flows);
  });

  it('is layered mine -> refiner -> country, one mineral per chain, tonnes conserved through refiners', () => {
    const graph = syntheticSupplyGraph({ nodes: 400, flows: 2000, seed: 'layers', minerals: 3, countries: 20 });
    const inflow = new Map<string, number>();
    const outflow = new Map<string, number>();
    const shareSum = new Map<string, number>();
    graph.forEachEdge((_e, a, source, target, sa, ta) => {
      expect(`${sa.kind}->${ta.kind}`).toMatch(/^(mine->refiner|refiner->country)$/);
      if (ta.kind === 'refiner') expect((ta as { mineral?: string }).mineral).toBe(a.mineral);
      expect(a.tonnes).toBeGreaterThan(0);
      inflow.set(target, (inflow.get(target) ?? 0) + a.tonnes!);
      outflow.set(source, (outflow.get(source) ?? 0) + a.tonnes!);
      shareSum.set(source, (shareSum.get(source) ?? 0) + a.share!);
    });
    graph.forEachNode((node, a) => {
      if (a.kind === 'mine') expect(outflow.get(node), node).toBeGreaterThan(0);
      if (a.kind === 'refiner') {
        expect(inflow.get(node), node).toBeGreaterThan(0);
        expect(outflow.get(node)).toBeCloseTo(inflow.get(node)!, 6);
        expect((a as { output?: Record<string, number> }).output!['2025']).toBeCloseTo(inflow.get(node)!, 6);
      }
    });
    for (const sum of shareSum.values()) expect(sum).toBeCloseTo(1, 12);
  });

  it('gives the centrality cost graph the same links, costs 1/share', () => {
    const graph = syntheticSupplyGraph({ nodes: 300, flows: 1200, seed: 'cost' });
    const derived = centralityGraph(graph, {});
    expect(derived.size).toBe(graph.size);
    graph.forEachEdge((_e, a, s, t) => expect(derived.getEdgeAttribute(s, t, 'cost')).toBeCloseTo(1 / a.share!, 9));
  });

  it('rejects sizes that cannot be built, naming the problem', () => {
    expect(() => syntheticDataset({ nodes: 50, flows: 100, countries: 100 })).toThrow(InvalidInputError);
    expect(() => syntheticDataset({ nodes: 400, flows: 10 })).toThrow(/cannot give every producer a link/);
    expect(() => syntheticDataset({ nodes: 400, flows: 2000, colour: 'red' } as never)).toThrow(/unknown option "colour"/);
  });
});

describe('formatEdgeList', () => {
  it('writes "source target cost" with node indices in graph order and exact costs', () => {
    const graph = new DirectedGraph<Record<string, never>, { cost: number }>();
    graph.mergeEdge('a', 'b', { cost: 0.1 + 0.2 });
    graph.mergeEdge('b', 'c', { cost: 2 });
    const { nodes, text } = formatEdgeList(graph, (_e, a) => a.cost);
    expect(nodes).toEqual(['a', 'b', 'c']);
    expect(text).toBe('0 1 0.30000000000000004\n1 2 2\n');
    expect(Number(text.split('\n')[0]!.split(' ')[2])).toBe(0.1 + 0.2);
  });
});
