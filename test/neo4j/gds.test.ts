// The GDS engine's Cypher, checked without a server: Neo4j's own parser accepts every statement, the parameters
// carry exact integers, and the options are validated. Running it needs Neo4j with the GDS plugin (neo4j.test.ts).
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { InvalidInputError, UnsupportedError } from '../../src/domain/errors.ts';
import { lintCypher } from '../../src/store/cypher-lint.ts';
import {
  betweennessCall,
  dropCall,
  gdsCentrality,
  gdsMaxFlow,
  liveGenerationQuery,
  maxFlowCall,
  pageRankCalls,
  projectionCall,
  type GdsRunner,
} from '../../src/store/gds.ts';

const lintClean = (call: { query: string; params: Record<string, unknown> }): void => {
  expect(lintCypher(call.query, call.params, 'gds')).toEqual([]);
};

describe('GDS query builders', () => {
  it('project the live generation of one mineral and year with tonnes and a 1/share cost, and parse as Neo4j Cypher', () => {
    const call = projectionCall('g1', 'gen-7', 'cobalt', 2025, ['country:CHN']);
    expect(call.params).toMatchObject({ graphName: 'g1', generation: 'gen-7', mineral: 'cobalt', exclude: ['country:CHN'] });
    expect(neo4j.isInt(call.params.year)).toBe(true);
    expect(call.query).toContain('gds.graph.project($graphName, s, t, {relationshipProperties: {tonnes: tonnes, cost: 1.0 / share}})');
    lintClean(call);
    lintClean(liveGenerationQuery());
    lintClean(dropCall('g1'));
  });

  it('build PageRank with tonnes as weight and integer iterations, and betweenness with cost or hops', () => {
    const pr = pageRankCalls('g1', { dampingFactor: 0.85, maxIterations: 100, tolerance: 1e-6 });
    const config = pr.stream.params.config as Record<string, unknown>;
    expect(config.relationshipWeightProperty).toBe('tonnes');
    expect(neo4j.isInt(config.maxIterations)).toBe(true);
    lintClean(pr.stats);
    lintClean(pr.stream);
    const weighted = betweennessCall('g1', { cost: 'inverse-share' });
    expect(weighted.params.config).toEqual({ relationshipWeightProperty: 'cost' });
    const hops = betweennessCall('g1', { cost: 'hops', sample: 64, seed: 7 });
    expect(Object.keys(hops.params.config as object)).toEqual(['samplingSize', 'samplingSeed']);
    lintClean(weighted);
    lintClean(maxFlowCall('g1', 'gen-7', ['mine:cod-cobalt'], ['country:USA']));
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
      if (query.includes('gds.maxFlow.stream')) return [{ from: 'mine:y', to: 'refiner:x', flow: 5 }, { from: 'refiner:x', to: 'country:USA', flow: 5 }];
      return [];
    },
  };
  return { runner, calls };
}

describe('gdsCentrality / gdsMaxFlow orchestration', () => {
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

  it('sums max-flow into the targets', async () => {
    const { runner } = fakeGds();
    const result = await gdsMaxFlow(runner, { mineral: 'cobalt', year: 2025, sources: ['mine:y'], targets: ['country:USA'] });
    expect(result.value).toBe(5);
  });

  it('refuses metrics and options it does not offer, naming them', async () => {
    const { runner } = fakeGds();
    await expect(gdsCentrality(runner, { metric: 'closeness' as 'pagerank', year: 2025 })).rejects.toBeInstanceOf(UnsupportedError);
    await expect(gdsCentrality(runner, { metric: 'pagerank', year: 2025, colour: 'red' } as never)).rejects.toThrow(/colour unknown option/);
    await expect(gdsCentrality(runner, { metric: 'betweenness', year: 2025.5 })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(gdsMaxFlow(runner, { mineral: 'x', year: 2025, sources: [], targets: ['country:USA'] })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
