// centrality(): hand-computed scores on tiny supply graphs (path, star, diamond with ties) for every metric, the
// cost weighting that makes the BIG flow central, per-mineral vs "all", the country graph, caching and errors.
import { betweenness as graphologyBetweenness } from 'graphology-metrics/centrality/index.js';
import { describe, expect, it } from 'vitest';
import { centrality, centralityGraph } from '../../src/analysis/centrality.ts';
import { ANALYSES, type AnalysisDefinition } from '../../src/analysis/index.ts';
import type { CentralityResult } from '../../src/analysis/types.ts';
import { buildSupplyGraph, type SupplyGraph } from '../../src/domain/graph.ts';
import type { FlowRecord, SupplyNode } from '../../src/domain/model.ts';
import { InvalidInputError, NotFoundError } from '../../src/domain/errors.ts';

const SRC = { source: 'centrality test', year: 2025 };

function node(id: string, extra: Record<string, unknown> = {}): SupplyNode {
  const kind = id.slice(0, id.indexOf(':'));
  const key = id.slice(id.indexOf(':') + 1);
  const base: Record<string, unknown> = { id, kind, name: `name of ${id}`, ...SRC };
  if (kind === 'country') base.iso3 = key;
  if (kind === 'mineral') base.slug = key;
  if (kind === 'mine' || kind === 'refiner') Object.assign(base, { country: 'AAA', minerals: [] });
  return { ...base, ...extra } as unknown as SupplyNode;
}

let seq = 0;
function flow(from: string, to: string, tonnes: number | null, extra: Partial<FlowRecord> = {}): FlowRecord {
  return { id: `f${++seq}`, from, to, mineral: 'x', stage: 'mine', tonnes, ...SRC, ...extra };
}

function graphOf(flows: FlowRecord[], extraNodes: SupplyNode[] = []): SupplyGraph {
  const ids = new Set<string>(['mineral:x', 'mineral:y']);
  for (const f of flows) ids.add(f.from).add(f.to);
  const given = new Map(extraNodes.map((n) => [n.id, n]));
  const nodes = [...ids].map((id) => given.get(id) ?? node(id));
  for (const n of extraNodes) if (!ids.has(n.id)) nodes.push(n);
  return buildSupplyGraph({ version: 'test', nodes, flows, links: [] });
}

function values(result: CentralityResult): Record<string, number> {
  return Object.fromEntries(result.scores.map((s) => [s.node, s.value]));
}

/** mine:a -10-> refiner:b -10-> country:C */
const path = () => graphOf([flow('mine:a', 'refiner:b', 10), flow('refiner:b', 'country:C', 10)]);

/** Three mines -> refiner:r -> three consumers, 10 t per link into r, r's 30 t split 10/10/10. */
const star = () =>
  graphOf([
    ...['mine:m1', 'mine:m2', 'mine:m3'].map((m) => flow(m, 'refiner:r', 10)),
    ...['country:C1', 'country:C2', 'country:C3'].map((c) => flow('refiner:r', c, 10)),
  ]);

/** mine:s sends `big` t via refiner:big and `small` t via refiner:small; each refiner passes all of it to T. */
const diamond = (big: number, small: number) =>
  graphOf([
    flow('mine:s', 'refiner:big', big),
    flow('mine:s', 'refiner:small', small),
    flow('refiner:big', 'country:T', big),
    flow('refiner:small', 'country:T', small),
  ]);

describe('centrality on a path', () => {
  it('strength is in + out tonnes', () => {
    const result = centrality(path(), { metric: 'strength', mineral: 'x' });
    expect(values(result)).toEqual({ 'mine:a': 10, 'refiner:b': 20, 'country:C': 10 });
    expect(result.scores[0]).toMatchObject({ node: 'refiner:b', in: 10, out: 10, kind: 'refiner', name: 'name of refiner:b' });
    expect(result.weighting).toMatch(/tonnes as strength/);
    expect(result.year).toBe(2025);
  });

  it('betweenness: the middle node carries the one pair, normalized by (n-1)(n-2) = 2', () => {
    const result = centrality(path(), { metric: 'betweenness' });
    expect(values(result)).toEqual({ 'mine:a': 0, 'refiner:b': 0.5, 'country:C': 0 });
    expect(result.weighting).toMatch(/cost 1\/share/);
    expect(result.cost).toBe('inverse-share');
  });

  it('closeness: distances into the node, Wasserman-Faust', () => {
    // Each link carries all of its source's output: share 1, cost 1. C is reached from b (1) and a (2): 2/3 * 2/2.
    const result = centrality(path(), { metric: 'closeness' });
    expect(values(result)['country:C']).toBeCloseTo(2 / 3, 12);
    expect(values(result)['refiner:b']).toBeCloseTo(0.5, 12);
    expect(values(result)['mine:a']).toBe(0);
  });

  it('pagerank: closed form of a 3-node path with a dangling end', () => {
    // x_a = c, x_b = c(1 + alpha), x_C = c(1 + alpha + alpha^2), with c = 1 / (3 + 2 alpha + alpha^2).
    const alpha = 0.85;
    const c = 1 / (3 + 2 * alpha + alpha ** 2);
    const result = centrality(path(), { metric: 'pagerank' });
    expect(result.converged).toBe(true);
    expect(values(result)['mine:a']).toBeCloseTo(c, 5);
    expect(values(result)['refiner:b']).toBeCloseTo(c * (1 + alpha), 5);
    expect(values(result)['country:C']).toBeCloseTo(c * (1 + alpha + alpha ** 2), 5);
  });

  it('eigenvector: undefined on an acyclic chain, so converged false, no scores and a note on DAGs', () => {
    const result = centrality(path(), { metric: 'eigenvector' });
    expect(result.converged).toBe(false);
    expect(result.scores).toEqual([]);
    expect(result.notes!.join(' ')).toMatch(/has no cycle \(a DAG.*use pagerank/);
  });

  it('eigenvector: a DAG where the power iteration settles is still refused (scores would be meaningless)', () => {
    // The niobium shape: facilities into an aggregate that ships to two consumers. graphology's iteration "converges"
    // here with the sinks near 0.99 and 0.11 and every producer near 0 (as niobium's ROW 0.998, producers 3e-11).
    const fan = graphOf([
      flow('mine:f1', 'mine:a', 1),
      flow('mine:f2', 'mine:a', 1),
      flow('mine:a', 'country:R', 90),
      flow('mine:a', 'country:U', 10),
      flow('mine:b', 'country:R', 5),
    ]);
    const result = centrality(fan, { metric: 'eigenvector', mineral: 'x' });
    expect(result.converged).toBe(false);
    expect(result.scores).toEqual([]);
    expect(result.notes!.join(' ')).toMatch(/x flow graph of 2025 has no cycle/);
  });

  it('eigenvector: converges on a cycle of equal flows (1/sqrt 3 each)', () => {
    const cycle = graphOf([flow('country:A', 'country:B', 5), flow('country:B', 'country:C', 5), flow('country:C', 'country:A', 5)]);
    const result = centrality(cycle, { metric: 'eigenvector' });
    expect(result.converged).toBe(true);
    for (const s of result.scores) expect(s.value).toBeCloseTo(1 / Math.sqrt(3), 6);
  });
});

describe('centrality on a star', () => {
  it('betweenness: the hub carries all 9 mine-consumer pairs, 9 / (6 * 5)', () => {
    for (const cost of ['inverse-share', 'hops'] as const) {
      const result = centrality(star(), { metric: 'betweenness', cost });
      expect(result.scores[0]).toMatchObject({ node: 'refiner:r' });
      expect(result.scores[0]!.value).toBeCloseTo(9 / 30, 12);
      expect(result.scores.slice(1).every((s) => s.value === 0)).toBe(true);
    }
  });

  it('strength and PageRank rank the hub first (PageRank in closed form)', () => {
    expect(centrality(star(), { metric: 'strength' }).scores[0]).toMatchObject({ node: 'refiner:r', value: 60 });
    const pr = centrality(star(), { metric: 'pagerank' });
    // Mines get c, the hub c(1 + 3 alpha), each consumer c(1 + alpha(1 + 3 alpha)/3); they sum to 1.
    const alpha = 0.85;
    const c = 1 / (7 + 4 * alpha + 3 * alpha ** 2);
    const v = values(pr);
    expect(pr.scores[0]!.node).toBe('refiner:r');
    expect(v['refiner:r']).toBeCloseTo(c * (1 + 3 * alpha), 5);
    expect(v['country:C1']).toBeCloseTo(c * (1 + (alpha * (1 + 3 * alpha)) / 3), 5);
    expect(v['mine:m1']).toBeCloseTo(c, 5);
    expect(Object.values(v).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe('the cost weighting makes the BIG flow central', () => {
  it('ranks the refiner carrying 90% first, where tonnes-as-distance would pick the small one', () => {
    const graph = diamond(90, 10);
    const result = centrality(graph, { metric: 'betweenness', mineral: 'x' });
    // Costs 1/0.9 + 1 via big, 1/0.1 + 1 via small: the single pair (s, T) goes via big. n = 4: / (3 * 2).
    expect(values(result)).toEqual({ 'mine:s': 0, 'refiner:big': 1 / 6, 'refiner:small': 0, 'country:T': 0 });
    // The bug this guards against: graphology reading tonnes as a distance sends the pair through the small flow.
    const wrong = graphologyBetweenness(centralityGraph(graph, { mineral: 'x' }), { getEdgeWeight: 'tonnes' });
    expect(wrong['refiner:small']).toBeCloseTo(1 / 6, 12);
    expect(wrong['refiner:big']).toBe(0);
  });

  it('ties split the pair: equal flows, or hops whatever the tonnes', () => {
    const tied = centrality(diamond(50, 50), { metric: 'betweenness' });
    expect(values(tied)['refiner:big']).toBeCloseTo(1 / 12, 12);
    expect(values(tied)['refiner:small']).toBeCloseTo(1 / 12, 12);
    const hops = centrality(diamond(90, 10), { metric: 'betweenness', cost: 'hops' });
    expect(values(hops)['refiner:big']).toBeCloseTo(1 / 12, 12);
    expect(hops.weighting).toMatch(/unweighted hops/);
  });

  it('closeness puts the big link closer', () => {
    // T is reached from big (cost 1), small (1) and s (1/0.9 + 1): 3 / (3 + 1/0.9) * 3/3.
    const result = centrality(diamond(90, 10), { metric: 'closeness' });
    expect(values(result)['country:T']).toBeCloseTo(3 / (3 + 1 / 0.9), 12);
    // big is reached from s at 1/0.9, small at 1/0.1: each 1 / d * 1/3.
    expect(values(result)['refiner:big']).toBeCloseTo(0.9 / 3, 12);
    expect(values(result)['refiner:small']).toBeCloseTo(0.1 / 3, 12);
  });

  it('sampled betweenness with k = n equals exact, and says when it sampled', () => {
    const graph = star();
    const exact = centrality(graph, { metric: 'betweenness' });
    const all = centrality(graph, { metric: 'betweenness', sample: 7, seed: 3 });
    expect(all.scores).toEqual(exact.scores);
    expect(all.sample).toBeUndefined();
    const sampled = centrality(graph, { metric: 'betweenness', sample: 3, seed: 3 });
    expect(sampled.sample).toEqual({ sources: 3, seed: 3 });
    expect(sampled.weighting).toMatch(/sampled: 3 of 7 sources/);
  });
});

describe('minerals, years, unknown tonnes', () => {
  const twoMinerals = () =>
    graphOf([
      flow('mine:a', 'country:C', 10),
      flow('mine:a', 'country:C', 5, { mineral: 'y' }),
      flow('mine:a', 'country:D', 5, { mineral: 'y' }),
      flow('mine:a', 'country:C', 99, { year: 2024 }),
    ]);

  it('strength per mineral, summed over minerals for "all", of the latest year by default', () => {
    expect(values(centrality(twoMinerals(), { metric: 'strength', mineral: 'x' }))).toEqual({ 'mine:a': 10, 'country:C': 10 });
    const all = centrality(twoMinerals(), { metric: 'strength' });
    expect(values(all)).toEqual({ 'mine:a': 20, 'country:C': 15, 'country:D': 5 });
    expect(all.mineral).toBe('all');
    expect(values(centrality(twoMinerals(), { metric: 'strength', year: 2024 }))).toEqual({ 'mine:a': 99, 'country:C': 99 });
  });

  it('the union graph has one link per node pair, its cost from the strongest mineral share', () => {
    const derived = centralityGraph(twoMinerals(), {});
    expect(derived.size).toBe(2);
    // a -> C carries all of a's x (share 1) and half of its y: the link's share is the larger.
    expect(derived.getEdgeAttributes('mine:a', 'country:C')).toMatchObject({ tonnes: 15, share: 1, cost: 1, flows: 2 });
    expect(derived.getEdgeAttributes('mine:a', 'country:D')).toMatchObject({ tonnes: 5, share: 0.5, cost: 2 });
  });

  it('flows without tonnes use their recorded share and say so', () => {
    const graph = graphOf([
      flow('country:P', 'country:USA', null, { share: 0.8, stage: 'trade' }),
      flow('country:P', 'country:Q', null, { share: 0.2, stage: 'trade' }),
      flow('country:Q', 'country:USA', null, { share: 1, stage: 'trade' }),
    ]);
    const derived = centralityGraph(graph, {});
    expect(derived.getEdgeAttribute('country:P', 'country:USA', 'cost')).toBeCloseTo(1.25, 12);
    const result = centrality(graph, { metric: 'pagerank' });
    expect(result.notes!.join(' ')).toMatch(/use the share recorded on the flow/);
    expect(centrality(graph, { metric: 'strength' }).notes!.join(' ')).toMatch(/share/);
  });

  it('flows without tonnes but with a share of a known output get share x output', () => {
    const graph = graphOf(
      [flow('mine:a', 'country:C', null, { share: 0.25 }), flow('mine:a', 'country:D', 30)],
      [node('mine:a', { output: { '2025': 40 } })],
    );
    expect(values(centrality(graph, { metric: 'strength' }))).toEqual({ 'mine:a': 40, 'country:C': 10, 'country:D': 30 });
  });
});

describe('the country graph', () => {
  const graph = () =>
    graphOf(
      [
        flow('mine:bra1', 'refiner:chn1', 40),
        flow('mine:bra2', 'refiner:bra3', 7),
        flow('mine:arg1', 'refiner:arg2', 3),
        flow('mine:oth', 'refiner:chn1', 10),
        flow('refiner:chn1', 'country:USA', 20),
        flow('refiner:chn1', 'country:ROW', 30),
      ],
      [
        node('mine:bra1', { country: 'BRA' }),
        node('mine:bra2', { country: 'BRA' }),
        node('refiner:bra3', { country: 'BRA' }),
        node('mine:oth', { country: 'OTH', name: 'Other countries x' }),
        node('mine:arg1', { country: 'ARG' }),
        node('refiner:arg2', { country: 'ARG' }),
        node('refiner:chn1', { country: 'CHN' }),
        node('country:BRA', { name: 'Brazil' }),
        node('country:ROW', { name: 'Rest of world', aggregate: true }),
      ],
    );

  it('collapses facilities to their country, keeps OTH and ROW apart, drops flows within a country', () => {
    const result = centrality(graph(), { metric: 'strength', graph: 'country' });
    expect(result.graph).toBe('country');
    expect(values(result)).toEqual({ 'country:BRA': 40, 'country:CHN': 100, 'mine:oth': 10, 'country:USA': 20, 'country:ROW': 30 });
    const names = Object.fromEntries(result.scores.map((s) => [s.node, [s.name, s.kind]]));
    expect(names['country:BRA']).toEqual(['Brazil', 'country']);
    // No country:CHN node in the data: named by its code.
    expect(names['country:CHN']).toEqual(['CHN', 'country']);
    expect(names['mine:oth']).toEqual(['Other countries x', 'mine']);
    // ARG only ships to itself: no link left, so no isolated country:ARG node either.
    expect(result.notes!.join(' ')).toMatch(/2 flow\(s\) within one country/);
  });

  it('betweenness on the country graph: CHN carries the 4 producer-consumer pairs', () => {
    const result = centrality(graph(), { metric: 'betweenness', graph: 'country' });
    // n = 5 (BRA, OTH, CHN, USA, ROW): pairs (BRA|OTH) x (USA|ROW) = 4, / (4 * 3).
    expect(values(result)['country:CHN']).toBeCloseTo(4 / 12, 12);
  });
});

describe('caching', () => {
  it('reuses the derived graph and rebuilds it when the source graph changes', () => {
    const graph = path();
    const first = centralityGraph(graph, { mineral: 'x' });
    expect(centralityGraph(graph, { mineral: 'x' })).toBe(first);
    expect(centralityGraph(graph, { mineral: 'x', graph: 'country' })).not.toBe(first);
    // A score written back onto the nodes does not invalidate; a new flow does.
    graph.setNodeAttribute('mine:a', 'pagerank' as never, 0.1 as never);
    expect(centralityGraph(graph, { mineral: 'x' })).toBe(first);
    graph.addDirectedEdgeWithKey('extra', 'mine:a', 'country:C', { ...SRC, mineral: 'x', stage: 'mine', tonnes: 5 });
    const second = centralityGraph(graph, { mineral: 'x' });
    expect(second).not.toBe(first);
    expect(values(centrality(graph, { metric: 'strength', mineral: 'x' }))['country:C']).toBe(15);
  });
});

describe('centrality.assign', () => {
  it('writes the scores onto the nodes under the metric name, keeping the cache', () => {
    const graph = path();
    const derived = centralityGraph(graph, {});
    const result = centrality.assign(graph, { metric: 'betweenness' });
    expect(graph.getNodeAttribute('refiner:b', 'betweenness' as never)).toBe(0.5);
    expect(result.scores[0]!.node).toBe('refiner:b');
    centrality.assign(graph, { metric: 'strength' }, 'tonnage');
    expect(graph.getNodeAttribute('refiner:b', 'tonnage' as never)).toBe(20);
    expect(centralityGraph(graph, {})).toBe(derived);
  });
});

describe('centrality errors', () => {
  it('rejects unknown metrics, graphs, options and misplaced cost/sample', () => {
    expect(() => centrality(path(), { metric: 'degree' as never })).toThrow(InvalidInputError);
    expect(() => centrality(path(), { metric: 'pagerank', graph: 'mines' as never })).toThrow(/unknown graph "mines"/);
    expect(() => centrality(path(), { metric: 'pagerank', weight: 'tonnes' } as never)).toThrow(/unknown option "weight"/);
    expect(() => centrality(path(), { metric: 'pagerank', cost: 'hops' })).toThrow(/cost applies to betweenness and closeness/);
    expect(() => centrality(path(), { metric: 'closeness', sample: 2 })).toThrow(/sample applies to betweenness only/);
    expect(() => centrality(path(), { metric: 'betweenness', sample: 0 })).toThrow(InvalidInputError);
  });

  it('names an unknown mineral with a suggestion and an unknown year with the available ones', () => {
    expect(() => centrality(path(), { metric: 'strength', mineral: 'xx' })).toThrow(NotFoundError);
    expect(() => centrality(path(), { metric: 'strength', year: 1999 })).toThrow(/available: 2025/);
  });

  it('a known mineral without flows in the year gives no scores and says why', () => {
    const result = centrality(path(), { metric: 'pagerank', mineral: 'y' });
    expect(result.scores).toEqual([]);
    expect(result.notes).toContain('no flows of y in 2025');
  });
});

describe('centrality in the ANALYSES registry', () => {
  const entry = ANALYSES.find((a) => a.id === 'centrality') as unknown as AnalysisDefinition;

  it('runs centrality with validated parameters', () => {
    const graph = star();
    expect(entry.run(graph, { metric: 'betweenness', cost: 'hops' })).toEqual(centrality(graph, { metric: 'betweenness', cost: 'hops' }));
    expect(() => entry.run(graph, { metric: 'degree' })).toThrow(InvalidInputError);
    expect(() => entry.run(graph, { metric: 'pagerank', weight: 'tonnes' })).toThrow(InvalidInputError);
  });
});
