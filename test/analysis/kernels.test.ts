// The typed-array shortest-path kernels: equal to graphology-metrics (the reference) on seeded random graphs,
// hand-computed values on tiny graphs, path counts past 2^32, sampling, the worker path and the bad-input throws.
import { DirectedGraph, MultiDirectedGraph, UndirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes } from 'graphology-types';
import {
  betweenness as graphologyBetweenness,
  closeness as graphologyCloseness,
} from 'graphology-metrics/centrality/index.js';
import { toSimple } from 'graphology-operators';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain/errors.ts';
import { betweennessCentrality, sampleSources } from '../../src/analysis/kernels/betweenness.ts';
import { closenessCentrality } from '../../src/analysis/kernels/closeness.ts';
import { buildCsr } from '../../src/analysis/kernels/csr.ts';
import { runKernel } from '../../src/analysis/kernels/parallel.ts';

type Costs = 'integer' | 'float';

/** n nodes, m random edges (no self loops); integer costs 1..3 make many equal-cost ties. */
function randomGraph<G extends AbstractGraph>(graph: G, n: number, m: number, seed: string, costs: Costs): G {
  const random = seedrandom(seed);
  for (let i = 0; i < n; i++) graph.addNode(`n${i}`);
  let added = 0;
  while (added < m) {
    const s = Math.floor(random() * n);
    const t = Math.floor(random() * n);
    if (s === t || (!graph.multi && graph.hasEdge(`n${s}`, `n${t}`))) continue;
    const cost = costs === 'integer' ? 1 + Math.floor(random() * 3) : 0.1 + random();
    graph.addEdge(`n${s}`, `n${t}`, { cost });
    added++;
  }
  return graph;
}

function expectClose(actual: Record<string, number>, expected: Record<string, number>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [node, value] of Object.entries(expected)) {
    expect(actual[node], node).toBeCloseTo(value, 9);
  }
}

describe('betweennessCentrality kernel vs graphology-metrics', () => {
  const cases: Array<{ name: string; make: () => AbstractGraph }> = [];
  for (const seed of ['a', 'b', 'c', 'd']) {
    cases.push({ name: `directed 40/120 integer costs seed ${seed}`, make: () => randomGraph(new DirectedGraph(), 40, 120, seed, 'integer') });
    cases.push({ name: `directed 60/150 float costs seed ${seed}`, make: () => randomGraph(new DirectedGraph(), 60, 150, seed, 'float') });
  }
  cases.push({ name: 'multi directed 30/120 (parallel edges)', make: () => randomGraph(new MultiDirectedGraph(), 30, 120, 'multi', 'integer') });
  cases.push({ name: 'undirected 40/90', make: () => randomGraph(new UndirectedGraph(), 40, 90, 'undirected', 'integer') });
  cases.push({ name: 'directed sparse with unreachable parts 80/70', make: () => randomGraph(new DirectedGraph(), 80, 70, 'sparse', 'integer') });

  for (const { name, make } of cases) {
    for (const normalized of [true, false]) {
      it(`${name}, weighted, normalized=${normalized}`, () => {
        const graph = make();
        const ours = betweennessCentrality(graph, { getEdgeWeight: 'cost', normalized });
        expectClose(ours, graphologyBetweenness(graph, { getEdgeWeight: 'cost', normalized }));
      });
      it(`${name}, hops, normalized=${normalized}`, () => {
        const graph = make();
        const ours = betweennessCentrality(graph, { getEdgeWeight: null, normalized });
        // Hops count distinct neighbours, so a multigraph is compared through its simple graph: graphology-metrics'
        // unweighted index on a multigraph reads past its last filled slot (phantom edges from the last node).
        const reference = graph.multi ? toSimple(graph) : graph;
        expectClose(ours, graphologyBetweenness(reference, { getEdgeWeight: null, normalized }));
      });
    }
  }

  it('a getter function is read like graphology reads it', () => {
    const graph = randomGraph(new DirectedGraph(), 30, 90, 'getter', 'float');
    const getEdgeWeight = (_edge: string, attributes: Attributes) => 1 / (attributes.cost as number);
    expectClose(betweennessCentrality(graph, { getEdgeWeight }), graphologyBetweenness(graph, { getEdgeWeight }));
  });

  it('the worker threads compute the same values as the main thread', () => {
    const graph = randomGraph(new DirectedGraph(), 300, 1500, 'threads', 'integer');
    const all = new Int32Array(300).map((_, i) => i);
    for (const task of ['betweenness', 'closeness'] as const) {
      const csr = buildCsr(graph, 'cost', task === 'betweenness' ? 'outbound' : 'inbound');
      const single = runKernel(task, csr, all, { threads: 1 });
      let joined = -1;
      // The main thread only waits, so both workers must have started and done all the work.
      const parallel = runKernel(task, csr, all, {
        threads: 3,
        mainThreadWorks: false,
        onStats: (stats) => (joined = stats.workersJoined),
      });
      expect(joined).toBe(2);
      for (let i = 0; i < 300; i++) expect(parallel[i]).toBeCloseTo(single[i]!, 9);
    }
    const mixed = betweennessCentrality(graph, { getEdgeWeight: 'cost', threads: 2 });
    expectClose(mixed, graphologyBetweenness(graph, { getEdgeWeight: 'cost' }));
  });
});

describe('betweennessCentrality kernel, hand-computed', () => {
  it('diamond: the cheaper branch carries the pair, a tie splits it', () => {
    const graph = new DirectedGraph();
    graph.mergeEdge('s', 'a', { cost: 1 });
    graph.mergeEdge('s', 'b', { cost: 1 });
    graph.mergeEdge('a', 't', { cost: 1 });
    graph.mergeEdge('b', 't', { cost: 2 });
    expect(betweennessCentrality(graph, { getEdgeWeight: 'cost', normalized: false })).toEqual({ s: 0, a: 1, b: 0, t: 0 });
    graph.setEdgeAttribute('b', 't', 'cost', 1);
    expect(betweennessCentrality(graph, { getEdgeWeight: 'cost', normalized: false })).toEqual({ s: 0, a: 0.5, b: 0.5, t: 0 });
    // Normalized by (n-1)(n-2) = 6.
    expect(betweennessCentrality(graph, { getEdgeWeight: null }).a).toBeCloseTo(0.5 / 6, 12);
  });

  it('counts 2^40 tied paths exactly (a 32-bit counter would wrap to 0)', () => {
    // K diamonds in series: j0 -> {a1, b1} -> j1 -> ... -> jK. A side node of diamond i carries half of every pair
    // (u before it, v after it): (3i - 2) nodes before, (3K - 3i + 1) after.
    const K = 40;
    const graph = new DirectedGraph();
    for (let i = 1; i <= K; i++) {
      for (const side of ['a', 'b']) {
        graph.mergeEdge(`j${i - 1}`, `${side}${i}`);
        graph.mergeEdge(`${side}${i}`, `j${i}`);
      }
    }
    const result = betweennessCentrality(graph, { getEdgeWeight: null, normalized: false });
    for (const i of [1, 20, 40]) {
      expect(result[`a${i}`]).toBeCloseTo(((3 * i - 2) * (3 * K - 3 * i + 1)) / 2, 6);
      expect(result[`b${i}`]).toBeCloseTo(result[`a${i}`]!, 6);
    }
  });

  it('edges of infinite cost are no path', () => {
    const graph = new DirectedGraph();
    graph.mergeEdge('a', 'b', { cost: 1 });
    graph.mergeEdge('b', 'c', { cost: Infinity });
    expect(betweennessCentrality(graph, { getEdgeWeight: 'cost', normalized: false }).b).toBe(0);
  });
});

describe('sampled betweenness', () => {
  const graph = randomGraph(new DirectedGraph(), 50, 200, 'sample', 'integer');

  it('with k = n equals exact', () => {
    const exact = betweennessCentrality(graph, { getEdgeWeight: 'cost' });
    expectClose(betweennessCentrality(graph, { getEdgeWeight: 'cost', sample: 50, seed: 7 }), exact);
    expectClose(betweennessCentrality(graph, { getEdgeWeight: 'cost', sample: 500 }), exact);
  });

  it('is deterministic for a seed and scales one source by n/k', () => {
    const a = betweennessCentrality(graph, { getEdgeWeight: 'cost', sample: 10, seed: 'x' });
    expect(betweennessCentrality(graph, { getEdgeWeight: 'cost', sample: 10, seed: 'x' })).toEqual(a);
    // Path p -> q -> r: only the pair (p, r) goes through q, so q scores n/k = 3 if p was drawn, else 0.
    const path = new DirectedGraph();
    path.mergeEdge('p', 'q');
    path.mergeEdge('q', 'r');
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const drawn = sampleSources(3, 1, seed)[0];
      const value = betweennessCentrality(path, { getEdgeWeight: null, normalized: false, sample: 1, seed }).q;
      expect(value).toBe(drawn === 0 ? 3 : 0);
    }
  });

  it('draws k distinct sources', () => {
    const drawn = [...sampleSources(100, 64, 'distinct')];
    expect(new Set(drawn).size).toBe(64);
    expect(Math.max(...drawn)).toBeLessThan(100);
  });
});

describe('closenessCentrality kernel', () => {
  it('equals graphology-metrics with hops, plain and Wasserman-Faust', () => {
    for (const seed of ['c1', 'c2']) {
      const graph = randomGraph(new DirectedGraph(), 40, 100, seed, 'integer');
      expectClose(closenessCentrality(graph, { getEdgeWeight: null }), graphologyCloseness(graph));
      expectClose(
        closenessCentrality(graph, { getEdgeWeight: null, wassermanFaust: true }),
        graphologyCloseness(graph, { wassermanFaust: true }),
      );
    }
  });

  it('reads costs as distances from the others to the node', () => {
    const graph = new DirectedGraph();
    graph.mergeEdge('a', 'b', { cost: 2 });
    graph.mergeEdge('b', 'c', { cost: 3 });
    // c is reached from b (3) and a (5): 2 / 8; b from a (2): 1 / 2; nothing reaches a.
    expect(closenessCentrality(graph, { getEdgeWeight: 'cost' })).toEqual({ a: 0, b: 0.5, c: 0.25 });
    expect(closenessCentrality(graph, { getEdgeWeight: 'cost', wassermanFaust: true }).b).toBeCloseTo(0.25, 12);
  });
});

describe('kernel input errors', () => {
  const graph = new DirectedGraph();
  graph.mergeEdge('a', 'b', { cost: -1 });

  it('requires getEdgeWeight', () => {
    expect(() => betweennessCentrality(graph, {} as never)).toThrow(InvalidInputError);
    expect(() => closenessCentrality(graph, {} as never)).toThrow(/getEdgeWeight is required/);
  });

  it('rejects non-positive costs naming the edge', () => {
    expect(() => betweennessCentrality(graph, { getEdgeWeight: 'cost' })).toThrow(/edge ".*" \(a -> b\) has cost -1/);
  });

  it('rejects unknown options and bad sample sizes', () => {
    expect(() => betweennessCentrality(graph, { getEdgeWeight: null, weight: 'x' } as never)).toThrow(/unknown option/);
    expect(() => betweennessCentrality(graph, { getEdgeWeight: null, sample: 0 })).toThrow(InvalidInputError);
  });
});
