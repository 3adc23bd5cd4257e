// The GDS engine's Cypher, checked without a server: Neo4j's own parser accepts every statement, the parameters
// carry exact integers, and the options are validated. Running it needs Neo4j with the GDS plugin (neo4j.test.ts).
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { InvalidInputError, UnsupportedError } from '../../src/domain/errors.ts';
import { lintCypher } from '../../src/store/cypher-lint.ts';
import { DirectedGraph } from 'graphology';
import { pagerank } from 'graphology-metrics/centrality/index.js';
import { centrality } from '../../src/analysis/centrality.ts';
import { buildSupplyGraph } from '../../src/domain/graph.ts';
import type { Dataset } from '../../src/domain/model.ts';
import { betweennessCall, dropCall, gdsCentrality, liveGenerationQuery, pageRankCalls, projectionCall, type GdsRunner } from '../../src/store/gds.ts';
import { tinyDataset } from '../fixtures/tiny-dataset.ts';

const lintClean = (call: { query: string; params: Record<string, unknown> }): void => {
  expect(lintCypher(call.query, call.params, 'gds')).toEqual([]);
};

describe('GDS query builders', () => {
  it('project the live generation of one mineral and year with tonnes and a 1/share cost, and parse as Neo4j Cypher', () => {
    const call = projectionCall('g1', 'gen-7', 'cobalt', 2025, ['country:CHN']);
    expect(call.params).toMatchObject({ graphName: 'g1', generation: 'gen-7', mineral: 'cobalt', exclude: ['country:CHN'] });
    expect(neo4j.isInt(call.params.year)).toBe(true);
    expect(call.query).toContain('gds.graph.project($graphName, s, t, {relationshipProperties: {');
    expect(call.query).toContain('rank: CASE WHEN sourceKnown THEN tonnes ELSE share END');
    // As centrality.ts: a flow of 0 t is no link.
    expect(call.query).toContain('AND (f.tonnes IS NULL OR f.tonnes > 0)');
    lintClean(call);
    lintClean(liveGenerationQuery());
    lintClean(dropCall('g1'));
  });

  it('build PageRank with tonnes as weight and integer iterations, and betweenness with cost or hops', () => {
    const pr = pageRankCalls('g1', { dampingFactor: 0.85, maxIterations: 100, tolerance: 1e-6 });
    const config = pr.stream.params.config as Record<string, unknown>;
    expect(config.relationshipWeightProperty).toBe('rank');
    expect(neo4j.isInt(config.maxIterations)).toBe(true);
    lintClean(pr.stats);
    lintClean(pr.stream);
    const weighted = betweennessCall('g1', { cost: 'inverse-share' });
    expect(weighted.params.config).toEqual({ relationshipWeightProperty: 'cost' });
    const hops = betweennessCall('g1', { cost: 'hops', sample: 64, seed: 7 });
    expect(Object.keys(hops.params.config as object)).toEqual(['samplingSize', 'samplingSeed']);
    lintClean(weighted);
  });
});

/** A runner that records statements and answers like GDS would for a 3-node chain a -> b -> c. */
function fakeGds(): { runner: GdsRunner; calls: string[] } {
  const calls: string[] = [];
  const runner: GdsRunner = {
    async run(query) {
      calls.push(query.split('\n')[0]!);
      if (query.includes("{key: 'generation'}")) return [{ generation: 'gen-1' }];
      if (query.includes('gds.graph.project(')) return [{ graphName: 'g', nodeCount: neo4j.int(3), relationshipCount: neo4j.int(2) }];
      if (query.includes('gds.pageRank.stats')) return [{ ranIterations: neo4j.int(12), didConverge: true }];
      if (query.includes('gds.pageRank.stream')) {
        return [
          { node: 'country:USA', name: 'United States', score: 0.5 },
          { node: 'refiner:x', name: 'X', score: 0.3 },
          { node: 'mine:y', name: 'Y', score: 0.2 },
        ];
      }
      if (query.includes('gds.betweenness.stream')) return [{ node: 'refiner:x', name: 'X', score: 1 }, { node: 'mine:y', name: 'Y', score: 0 }];
      return [];
    },
  };
  return { runner, calls };
}

describe('gdsCentrality orchestration', () => {
  it('returns CentralityResult with PageRank normalised to sum 1, and always drops the projection', async () => {
    const { runner, calls } = fakeGds();
    const result = await gdsCentrality(runner, { metric: 'pagerank', mineral: 'cobalt', year: 2025 });
    expect(result).toMatchObject({ metric: 'pagerank', mineral: 'cobalt', graph: 'flow', converged: true });
    expect(result.scores.map((s) => [s.node, s.kind])).toEqual([
      ['country:USA', 'country'],
      ['refiner:x', 'refiner'],
      ['mine:y', 'mine'],
    ]);
    expect(result.scores.reduce((s, x) => s + x.value, 0)).toBeCloseTo(1, 12);
    expect(calls.at(-1)).toContain('gds.graph.drop');
  });

  it('normalises betweenness by (n-1)(n-2) like graphology: the middle of a 3-chain scores 1/2', async () => {
    const { runner } = fakeGds();
    const result = await gdsCentrality(runner, { metric: 'betweenness', mineral: 'cobalt', year: 2025, cost: 'hops' });
    expect(result.scores[0]).toMatchObject({ node: 'refiner:x', value: 0.5 });
    expect(result.weighting).toMatch(/^unweighted hops/);
  });

  it('drops the projection when the algorithm fails', async () => {
    const { runner, calls } = fakeGds();
    const failing: GdsRunner = {
      run: (q, p) => (q.includes('gds.pageRank.stats') ? Promise.reject(new Error('no GDS')) : runner.run(q, p)),
    };
    await expect(gdsCentrality(failing, { metric: 'pagerank', year: 2025 })).rejects.toThrow('no GDS');
    expect(calls.at(-1)).toContain('gds.graph.drop');
  });

  it('refuses metrics and options it does not offer, naming them', async () => {
    const { runner } = fakeGds();
    await expect(gdsCentrality(runner, { metric: 'closeness' as 'pagerank', year: 2025 })).rejects.toBeInstanceOf(UnsupportedError);
    await expect(gdsCentrality(runner, { metric: 'pagerank', year: 2025, colour: 'red' } as never)).rejects.toThrow(/colour unknown option/);
    await expect(gdsCentrality(runner, { metric: 'betweenness', year: 2025.5 })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

/**
 * GDS PageRank as its documentation states it (algorithms/page-rank.adoc): x0 = 1 - d, then x = (1 - d) + d W'x with
 * W the weights normalised per source; a dead end's score is not passed on (no redistribution) and scores are not
 * normalised. `updates` after the initial vector.
 */
function gdsPageRank(edges: Array<[string, string, number]>, d: number, updates: number): Map<string, number> {
  const nodes = [...new Set(edges.flatMap(([u, v]) => [u, v]))];
  const out = new Map<string, number>();
  for (const [u, , w] of edges) out.set(u, (out.get(u) ?? 0) + w);
  let x = new Map(nodes.map((n) => [n, 1 - d]));
  for (let k = 0; k < updates; k++) {
    const next = new Map(nodes.map((n) => [n, 1 - d]));
    for (const [u, v, w] of edges) next.set(v, next.get(v)! + (d * x.get(u)! * w) / out.get(u)!);
    x = next;
  }
  return x;
}

describe('PageRank on GDS and on graphology: dead ends', () => {
  it("the reference above reproduces GDS's published weighted example (maxIterations 20)", () => {
    const w: Array<[string, string, number]> = [
      ['Home', 'About', 0.2], ['Home', 'Links', 0.2], ['Home', 'Product', 0.6], ['About', 'Home', 1], ['Product', 'Home', 1],
      ['Site A', 'Home', 1], ['Site B', 'Home', 1], ['Site C', 'Home', 1], ['Site D', 'Home', 1], ['Links', 'Home', 0.8],
      ['Links', 'Site A', 0.05], ['Links', 'Site B', 0.05], ['Links', 'Site C', 0.05], ['Links', 'Site D', 0.05],
    ];
    const x = gdsPageRank(w, 0.85, 19);
    expect(x.get('Home')).toBeCloseTo(3.53751028396339, 12);
    expect(x.get('Product')).toBeCloseTo(1.9357838291651097, 12);
    expect(x.get('About')).toBeCloseTo(0.7452612763883698, 12);
    expect(x.get('Site A')).toBeCloseTo(0.18152677135466103, 12);
  });

  it('GDS lets dead-end mass leak where graphology redistributes it, so only the normalised scores agree (hand-computed chain)', () => {
    // a -> b -> c, c a dead end. GDS: a = 0.15, b = 0.15 + 0.85 * 0.15 = 0.2775, c = 0.15 + 0.85 * 0.2775 = 0.385875.
    const raw = gdsPageRank([['a', 'b', 1], ['b', 'c', 1]], 0.85, 50);
    expect([...raw.values()]).toEqual([0.15, 0.2775, 0.385875].map((v) => expect.closeTo(v, 12)));
    const sum = 0.15 + 0.2775 + 0.385875; // 0.813375, not 3: the dead end's mass is gone each round
    // graphology redistributes c's mass to a, b and c alike: the same amount added to every node as the teleport,
    // so its fixed point is GDS's times a constant: a = 0.15 / 0.813375 = 0.184417...
    const g = new DirectedGraph();
    g.mergeEdge('a', 'b', { w: 1 });
    g.mergeEdge('b', 'c', { w: 1 });
    const ranks = pagerank(g, { getEdgeWeight: 'w', alpha: 0.85, maxIterations: 1000, tolerance: 1e-12 });
    expect(ranks.a).toBeCloseTo(0.15 / sum, 9);
    expect(ranks.b).toBeCloseTo(0.2775 / sum, 9);
    expect(ranks.c).toBeCloseTo(0.385875 / sum, 9);
    expect(ranks.a).not.toBeCloseTo(0.15, 2);
  });

  it("gdsCentrality's scores equal centrality()'s on a supply graph whose consumers are dead ends", async () => {
    // The tiny dataset with tonnes on every 2025 niobium flow and Brazil consuming part of the refined output.
    const dataset: Dataset = tinyDataset();
    const toUsa = dataset.flows.find((f) => f.from.startsWith('refiner:') && f.to === 'country:USA')!;
    Object.assign(toUsa, { tonnes: 63360.33, share: null });
    dataset.flows.push({ ...toUsa, id: 'flow:cbmm-to-bra-niobium-2025', to: 'country:BRA', tonnes: 32640.17 });
    const graphology = centrality(buildSupplyGraph(dataset), { metric: 'pagerank', mineral: 'niobium', year: 2025 });

    // What the projection holds: one link per pair, tonnes summed (all known here, so PageRank's weight is tonnes).
    const edges: Array<[string, string, number]> = dataset.flows
      .filter((f) => f.year === 2025 && f.mineral === 'niobium' && (f.tonnes ?? 0) > 0)
      .map((f) => [f.from, f.to, f.tonnes!]);
    const raw = gdsPageRank(edges, 0.85, 500);
    expect([...raw.values()].reduce((a, b) => a + b, 0)).toBeLessThan(raw.size - 1); // USA and BRA leak
    const runner: GdsRunner = {
      async run(query) {
        if (query.includes("{key: 'generation'}")) return [{ generation: 'gen-1' }];
        if (query.includes('gds.graph.project(')) return [{ graphName: 'g', nodeCount: neo4j.int(raw.size) }];
        if (query.includes('gds.pageRank.stats')) return [{ ranIterations: neo4j.int(40), didConverge: true }];
        if (query.includes('gds.pageRank.stream')) return [...raw].map(([node, score]) => ({ node, name: node, score }));
        return [];
      },
    };
    const gds = await gdsCentrality(runner, { metric: 'pagerank', mineral: 'niobium', year: 2025 });
    const expected = new Map(graphology.scores.map((s) => [s.node, s.value]));
    expect(gds.scores.map((s) => s.node).sort()).toEqual([...expected.keys()].sort());
    // graphology stops once the L1 change is below n * 1e-6 (POWER_ITERATION), hence 5e-6, not exact equality.
    for (const s of gds.scores) expect(s.value, s.node).toBeCloseTo(expected.get(s.node)!, 5);
    expect(gds.weighting).toMatch(/dead-end mass, which GDS does not redistribute, only rescales them/);
  });
});
