// The Neo4j Graph Data Science engine (`--engine gds`): PageRank and betweenness (gds.pageRank, gds.betweenness)
// returning the same CentralityResult as src/analysis/centrality.ts, and max-flow (gds.maxFlow) over the flow
// network. Each call projects the live generation's FLOW graph of one mineral and year with a Cypher projection
// (the gds.graph.project aggregation, successor of gds.graph.project.cypher), runs the algorithm in stream
// mode and drops the projection in `finally`. Worth it beyond a few million edges, where the in-process
// graphology path runs out of memory or time (graph/README.md); GDS is a server plugin, not in Neo4j Community
// images by default. The query builders are pure and unit-tested; the runs need a server with GDS.
import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { CentralityResult, CentralityScore } from '../analysis/types.ts';
import { InvalidInputError, UnsupportedError } from '../domain/errors.ts';
import { nodeKindOf } from '../domain/model.ts';
import { fromNeo4j, toNeo4jInt } from './neo4j-values.ts';
import { META_LABEL, NODE_LABELS } from './records.ts';

/** Runs one Cypher statement and returns its rows as plain objects (values still driver types). */
export interface GdsRunner {
  run(query: string, params?: Record<string, unknown>): Promise<Array<Record<string, unknown>>>;
}

/** A runner on a driver: one auto-commit session per statement (GDS procedures manage their own transactions). */
export function driverRunner(driver: Driver, database?: string): GdsRunner {
  return {
    async run(query, params = {}) {
      const session = driver.session({ defaultAccessMode: neo4j.session.WRITE, ...(database ? { database } : {}) });
      try {
        const result = await session.run(query, params);
        return result.records.map((r) => r.toObject() as Record<string, unknown>);
      } finally {
        await session.close();
      }
    },
  };
}

export type GdsCentralityMetric = 'pagerank' | 'betweenness';
export type GdsCost = 'inverse-share' | 'hops';

export interface GdsCentralityOptions {
  metric: GdsCentralityMetric;
  /** Mineral slug, or 'all' (tonnes summed over minerals). */
  mineral: string;
  /** Flow year (required: the projection holds one year). */
  year: number;
  /** Betweenness only: 1/share (default) or hop counts, as src/analysis/centrality.ts. */
  cost: GdsCost;
  /** Betweenness only: sampled sources (exact when absent). */
  sample?: number;
  seed?: number;
  /** PageRank settings; the defaults are graphology-metrics' (src/analysis/centrality.ts POWER_ITERATION). */
  dampingFactor: number;
  maxIterations: number;
  tolerance: number;
}

export const DEFAULT_GDS_CENTRALITY_OPTIONS: Omit<GdsCentralityOptions, 'metric' | 'year'> = {
  mineral: 'all',
  cost: 'inverse-share',
  dampingFactor: 0.85,
  maxIterations: 100,
  tolerance: 1e-6,
};

export interface CypherCall {
  query: string;
  params: Record<string, unknown>;
}

const ANY_NODE = NODE_LABELS.filter((l) => l !== 'Mineral').join('|');

/** The live load generation (see neo4j.ts): projections read only its nodes. */
export function liveGenerationQuery(): CypherCall {
  return { query: `MATCH (g:${META_LABEL} {key: 'generation'}) RETURN g.value AS generation`, params: {} };
}

/**
 * Projects the FLOW graph of one mineral and year, one relationship per node pair with `tonnes` (sum, a strength)
 * and `cost` = 1/share, share = the pair's tonnes / the source's out-tonnes (the definition of centrality.ts),
 * falling back to the published share, then to 1/out-degree, where tonnes are unknown. `exclude` drops nodes
 * (what-if removal). Nodes that only appear in `exclude`d flows are not projected.
 */
export function projectionCall(graphName: string, generation: string, mineral: string, year: number, exclude: string[] = []): CypherCall {
  return {
    query: `MATCH (s:${ANY_NODE})-[f:FLOW]->(t:${ANY_NODE})
WHERE s.generation = $generation AND t.generation = $generation AND f.year = $year
  AND ($mineral = 'all' OR f.mineral = $mineral) AND NOT s.id IN $exclude AND NOT t.id IN $exclude
WITH s, t, sum(coalesce(f.tonnes, 0.0)) AS tonnes, max(f.share) AS givenShare
WITH s, collect({t: t, tonnes: tonnes, givenShare: givenShare}) AS links, sum(tonnes) AS out, count(*) AS degree
UNWIND links AS l
WITH s, l.t AS t, l.tonnes AS tonnes,
  CASE WHEN l.tonnes > 0 AND out > 0 THEN l.tonnes / out WHEN l.givenShare > 0 THEN l.givenShare ELSE 1.0 / degree END AS share
WITH gds.graph.project($graphName, s, t, {relationshipProperties: {tonnes: tonnes, cost: 1.0 / share}}) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount`,
    params: { graphName, generation, mineral, year: toNeo4jInt(year, 'year'), exclude },
  };
}

export function dropCall(graphName: string): CypherCall {
  return { query: 'CALL gds.graph.drop($graphName, false) YIELD graphName RETURN graphName', params: { graphName } };
}

/** PageRank with tonnes as strength; raw GDS scores (normalised to sum 1 by gdsCentrality, as graphology's). */
export function pageRankCalls(graphName: string, o: Pick<GdsCentralityOptions, 'dampingFactor' | 'maxIterations' | 'tolerance'>): { stats: CypherCall; stream: CypherCall } {
  const config = {
    relationshipWeightProperty: 'tonnes',
    dampingFactor: o.dampingFactor,
    maxIterations: toNeo4jInt(o.maxIterations, 'maxIterations'),
    tolerance: o.tolerance,
  };
  return {
    stats: { query: 'CALL gds.pageRank.stats($graphName, $config) YIELD ranIterations, didConverge RETURN ranIterations, didConverge', params: { graphName, config } },
    stream: {
      query: `CALL gds.pageRank.stream($graphName, $config) YIELD nodeId, score
WITH gds.util.asNode(nodeId) AS n, score
RETURN n.id AS node, n.name AS name, score
ORDER BY score DESC, node`,
      params: { graphName, config },
    },
  };
}

/** Betweenness with a cost (1/share) or hops; raw GDS scores (normalised by gdsCentrality as graphology's). */
export function betweennessCall(graphName: string, o: Pick<GdsCentralityOptions, 'cost' | 'sample' | 'seed'>): CypherCall {
  const config: Record<string, unknown> = {};
  if (o.cost === 'inverse-share') config.relationshipWeightProperty = 'cost';
  if (o.sample !== undefined) {
    config.samplingSize = toNeo4jInt(o.sample, 'sample');
    config.samplingSeed = toNeo4jInt(o.seed ?? 0, 'seed');
  }
  return {
    query: `CALL gds.betweenness.stream($graphName, $config) YIELD nodeId, score
WITH gds.util.asNode(nodeId) AS n, score
RETURN n.id AS node, n.name AS name, score
ORDER BY score DESC, node`,
    params: { graphName, config },
  };
}

/** Max-flow from `sources` to `targets` with each projected link's current tonnes as its capacity. */
export function maxFlowCall(graphName: string, generation: string, sources: string[], targets: string[]): CypherCall {
  return {
    query: `MATCH (s:${ANY_NODE}) WHERE s.generation = $generation AND s.id IN $sources
WITH collect(s) AS sourceNodes
MATCH (t:${ANY_NODE}) WHERE t.generation = $generation AND t.id IN $targets
WITH sourceNodes, collect(t) AS targetNodes
CALL gds.maxFlow.stream($graphName, {sourceNodes: sourceNodes, targetNodes: targetNodes, capacityProperty: 'tonnes'})
YIELD source, target, flow
RETURN gds.util.asNode(source).id AS from, gds.util.asNode(target).id AS to, flow
ORDER BY flow DESC, from, to`,
    params: { graphName, generation, sources, targets },
  };
}

function resolve(options: Partial<GdsCentralityOptions> & Pick<GdsCentralityOptions, 'metric' | 'year'>): GdsCentralityOptions {
  const known = new Set([...Object.keys(DEFAULT_GDS_CENTRALITY_OPTIONS), 'metric', 'year', 'sample', 'seed', 'graph']);
  const problems = Object.keys(options)
    .filter((k) => !known.has(k))
    .map((k) => ({ field: k, message: 'unknown option' }));
  const o = { ...DEFAULT_GDS_CENTRALITY_OPTIONS, ...options } as GdsCentralityOptions & { graph?: string };
  if (!['pagerank', 'betweenness'].includes(o.metric)) {
    throw new UnsupportedError(`gds: metric "${o.metric}" is not offered by the GDS engine; use pagerank or betweenness, or the default engine`);
  }
  if (o.graph !== undefined && o.graph !== 'flow') {
    throw new UnsupportedError(`gds: the "${o.graph}" graph is not offered by the GDS engine; use graph "flow" or the default engine`);
  }
  if (!Number.isInteger(o.year)) problems.push({ field: 'year', message: `must be an integer year, got ${String(o.year)}` });
  if (!['inverse-share', 'hops'].includes(o.cost)) problems.push({ field: 'cost', message: 'must be "inverse-share" or "hops"' });
  if (o.sample !== undefined && !(Number.isInteger(o.sample) && o.sample > 0)) problems.push({ field: 'sample', message: 'must be a positive integer' });
  if (problems.length) throw new InvalidInputError(`gds: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  return o;
}

type RunnerSource = GdsRunner | { gdsRunner(): GdsRunner };
const runnerOf = (target: RunnerSource): GdsRunner => ('gdsRunner' in target ? target.gdsRunner() : target);

async function withProjection<T>(runner: GdsRunner, mineral: string, year: number, exclude: string[], work: (graphName: string, generation: string, nodeCount: number) => Promise<T>): Promise<T> {
  const [live] = await runner.run(liveGenerationQuery().query);
  const generation = live?.generation as string | undefined;
  if (!generation) throw new InvalidInputError('gds: the Neo4j store is empty; load the dataset first (chokepoint start)');
  const graphName = `chokepoint-${randomUUID()}`;
  const projection = projectionCall(graphName, generation, mineral, year, exclude);
  try {
    const [projected] = await runner.run(projection.query, projection.params);
    const nodeCount = Number(fromNeo4j(projected?.nodeCount) ?? 0);
    return await work(graphName, generation, nodeCount);
  } finally {
    const drop = dropCall(graphName);
    await runner.run(drop.query, drop.params).catch(() => undefined);
  }
}

/** Centrality on the GDS engine, in the CentralityResult shape and scale of src/analysis/centrality.ts. */
export async function gdsCentrality(
  target: RunnerSource,
  options: Partial<GdsCentralityOptions> & Pick<GdsCentralityOptions, 'metric' | 'year'>,
): Promise<CentralityResult> {
  const o = resolve(options);
  const runner = runnerOf(target);
  return withProjection(runner, o.mineral, o.year, [], async (graphName, _generation, n) => {
    const toScores = (rows: Array<Record<string, unknown>>, scale: number): CentralityScore[] =>
      rows.map((r) => {
        const node = String(r.node);
        return { node, name: String(r.name ?? node), kind: nodeKindOf(node) ?? 'country', value: (fromNeo4j(r.score) as number) * scale };
      });
    const over = o.mineral === 'all' ? ' summed over minerals (units differ by mineral)' : '';
    if (o.metric === 'pagerank') {
      const calls = pageRankCalls(graphName, o);
      const [stats] = await runner.run(calls.stats.query, calls.stats.params);
      const rows = await runner.run(calls.stream.query, calls.stream.params);
      // GDS does not normalise PageRank; graphology does (sum 1), so scale to match.
      const sum = rows.reduce((s, r) => s + (fromNeo4j(r.score) as number), 0);
      return {
        metric: 'pagerank',
        mineral: o.mineral,
        graph: 'flow',
        weighting: `tonnes as strength: PageRank (damping ${o.dampingFactor}) follows flows in proportion to tonnes${over}; GDS engine, scores normalised to sum 1`,
        converged: stats?.didConverge === true,
        scores: toScores(rows, sum > 0 ? 1 / sum : 1),
      };
    }
    const call = betweennessCall(graphName, o);
    const rows = await runner.run(call.query, call.params);
    let weighting =
      o.cost === 'hops' ? 'unweighted hops' : "cost 1/share (share = the link's tonnes / its source's out-tonnes of the mineral; strong links are short)";
    weighting += ', normalized by (n-1)(n-2); GDS engine';
    if (o.sample !== undefined) weighting += `; sampled: ${o.sample} sources (seed ${o.seed ?? 0})`;
    return { metric: 'betweenness', mineral: o.mineral, graph: 'flow', weighting, scores: toScores(rows, n > 2 ? 1 / ((n - 1) * (n - 2)) : 1) };
  });
}

export interface GdsMaxFlowResult {
  mineral: string;
  year: number;
  /** Total flow that can reach the targets with each link carrying at most its current tonnes. */
  value: number;
  flows: Array<{ from: string; to: string; flow: number }>;
  capacity: string;
}

/**
 * Max-flow on the GDS engine from `sources` to `targets` (node ids), each link's capacity its current tonnes,
 * without the `exclude`d nodes: how much could still get through over existing links after a removal. Link
 * capacities beyond today's tonnage are unknown in our data, so this is a lower bound on rerouting, never more.
 */
export async function gdsMaxFlow(
  target: RunnerSource,
  options: { mineral: string; year: number; sources: string[]; targets: string[]; exclude?: string[] },
): Promise<GdsMaxFlowResult> {
  if (!options.sources.length || !options.targets.length) {
    throw new InvalidInputError('gds maxFlow: give at least one source and one target node id', [
      { field: options.sources.length ? 'targets' : 'sources', message: 'empty' },
    ]);
  }
  const runner = runnerOf(target);
  return withProjection(runner, options.mineral, options.year, options.exclude ?? [], async (graphName, generation) => {
    const call = maxFlowCall(graphName, generation, options.sources, options.targets);
    const rows = await runner.run(call.query, call.params);
    const flows = rows.map((r) => ({ from: String(r.from), to: String(r.to), flow: fromNeo4j(r.flow) as number }));
    const targets = new Set(options.targets);
    const value = flows.filter((f) => targets.has(f.to)).reduce((s, f) => s + f.flow, 0);
    return { mineral: options.mineral, year: options.year, value, flows, capacity: "each link's current tonnes (capacities beyond today's flows are unknown)" };
  });
}
