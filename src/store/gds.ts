// The Neo4j Graph Data Science engine (`--engine gds`): PageRank and betweenness (gds.pageRank, gds.betweenness)
// returning the CentralityResult of src/analysis/centrality.ts, and the max-flow solver of the rerouting impact model
// (gds.maxFlow; gds-impact.ts). Centrality projects the live generation's FLOW graph of one mineral and year with a
// Cypher projection (the gds.graph.project aggregation, successor of gds.graph.project.cypher), runs the algorithm
// in stream mode and drops the projection in `finally`. Worth it beyond a few million edges, where the in-process
// graphology path runs out of memory or time (graph/README.md); GDS is a server plugin, not in Neo4j Community
// images by default. The query builders are pure and unit-tested; the runs need a server with GDS.
import { randomUUID } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import type { MaxFlowNetwork } from '../analysis/maxflow.ts';
import type { CentralityResult, CentralityScore } from '../analysis/types.ts';
import { ChokepointError, InvalidInputError, StoreError, UnsupportedError } from '../domain/errors.ts';
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
 * Projects the FLOW graph of one mineral and year, one relationship per node pair, with the weights of
 * src/analysis/centrality.ts: flows of 0 t are no link; `tonnes` (sum, a strength); `cost` = 1/share, share = the
 * pair's tonnes / the source's out-tonnes, falling back to the published share (at most 1), then to 1/out-degree,
 * where tonnes are unknown; `rank` (PageRank's weight) = tonnes when every link of the source has tonnes, else its
 * share. `exclude` drops nodes (what-if removal). Nodes that only appear in `exclude`d flows are not projected.
 */
export function projectionCall(graphName: string, generation: string, mineral: string, year: number, exclude: string[] = []): CypherCall {
  return {
    query: `MATCH (s:${ANY_NODE})-[f:FLOW]->(t:${ANY_NODE})
WHERE s.generation = $generation AND t.generation = $generation AND f.year = $year
  AND ($mineral = 'all' OR f.mineral = $mineral) AND NOT s.id IN $exclude AND NOT t.id IN $exclude
  AND (f.tonnes IS NULL OR f.tonnes > 0)
WITH s, t, sum(coalesce(f.tonnes, 0.0)) AS tonnes, max(f.share) AS givenShare, count(f.tonnes) = count(f) AS known
WITH s, collect({t: t, tonnes: tonnes, givenShare: givenShare, known: known}) AS links, sum(tonnes) AS out, count(*) AS degree
WITH s, links, out, degree, all(l IN links WHERE l.known AND l.tonnes > 0) AS sourceKnown
UNWIND links AS l
WITH s, l.t AS t, l.tonnes AS tonnes, sourceKnown,
  CASE
    WHEN l.tonnes > 0 AND out > 0 THEN l.tonnes / out
    WHEN l.givenShare > 0 THEN CASE WHEN l.givenShare < 1.0 THEN l.givenShare ELSE 1.0 END
    ELSE 1.0 / degree
  END AS share
WITH gds.graph.project($graphName, s, t, {relationshipProperties: {
  tonnes: tonnes, cost: 1.0 / share, rank: CASE WHEN sourceKnown THEN tonnes ELSE share END
}}) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount`,
    params: { graphName, generation, mineral, year: toNeo4jInt(year, 'year'), exclude },
  };
}

export function dropCall(graphName: string): CypherCall {
  return { query: 'CALL gds.graph.drop($graphName, false) YIELD graphName RETURN graphName', params: { graphName } };
}

/**
 * PageRank with `rank` (tonnes, or shares where a source lacks tonnes) as the weight; raw GDS scores. GDS iterates
 * x = (1 - d) + d W'x and lets the mass of dead ends (consumers) leak, where graphology redistributes it uniformly;
 * both add the same amount to every node, so their fixed points differ by a factor only and gdsCentrality's
 * normalisation to sum 1 gives graphology's scores (test/neo4j/gds.test.ts checks it on GDS's own example).
 */
export function pageRankCalls(graphName: string, o: Pick<GdsCentralityOptions, 'dampingFactor' | 'maxIterations' | 'tolerance'>): { stats: CypherCall; stream: CypherCall } {
  const config = {
    relationshipWeightProperty: 'rank',
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
        weighting:
          `tonnes as strength: PageRank (damping ${o.dampingFactor}) follows flows in proportion to tonnes${over}; shares where ` +
          'tonnes are unknown; GDS engine, scores normalised to sum 1 (dead-end mass, which GDS does not redistribute, ' +
          'only rescales them)',
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

/**
 * The statements that solve `network` on GDS: a Cypher projection from integer ids (no database nodes; the
 * network is data), then gds.maxFlow.stats from the source to the sink. GDS capacities are finite, so Infinity
 * becomes one more than the sum of every finite capacity: no flow can reach it, since the total flow is at most
 * the (finite) capacity leaving the source.
 */
export function maxFlowNetworkCalls(graphName: string, network: MaxFlowNetwork): { project: CypherCall; stats: CypherCall } {
  let finite = 0;
  for (const [, , c] of network.arcs) if (Number.isFinite(c)) finite += c;
  const unbounded = finite + 1;
  const arcs = network.arcs.map(([u, v, c]) => [toNeo4jInt(u, 'arc source'), toNeo4jInt(v, 'arc target'), Number.isFinite(c) ? c : unbounded]);
  return {
    project: {
      query: `UNWIND $arcs AS arc
WITH gds.graph.project($graphName, arc[0], arc[1], {relationshipProperties: {capacity: arc[2]}}) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount`,
      params: { graphName, arcs },
    },
    stats: {
      query: `CALL gds.maxFlow.stats($graphName, {sourceNodes: [$source], targetNodes: [$sink], capacityProperty: 'capacity'})
YIELD totalFlow
RETURN totalFlow`,
      params: { graphName, source: toNeo4jInt(network.source, 'source'), sink: toNeo4jInt(network.sink, 'sink') },
    },
  };
}

/** The GDS error when the server lacks GDS or its max-flow (GDS < 2.23), as UnsupportedError naming the fix. */
function gdsMissing(error: unknown, what: string): ChokepointError | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const code = String((error as { code?: unknown })?.code ?? '');
  if (/ProcedureNotFound|Unknown function|no procedure|not found/i.test(`${code} ${text}`) && /gds\./i.test(text)) {
    return new UnsupportedError(
      `gds: ${what} needs Neo4j Graph Data Science 2.23 or later (gds.maxFlow; Neo4j 2025.10+; Neo4j 5's GDS 2.13 has ` +
        `no max-flow) on the server (${text}); use --engine graphology`,
    );
  }
  return undefined;
}

/** The maximum flow of `network` from its source to its sink, computed by gds.maxFlow; 0 when no arc connects them. */
export async function gdsMaxFlowValue(runner: GdsRunner, network: MaxFlowNetwork, mineral = 'network'): Promise<number> {
  const leaves = network.arcs.some(([u, , c]) => u === network.source && c > 0);
  const enters = network.arcs.some(([, v, c]) => v === network.sink && c > 0);
  if (!leaves || !enters) return 0;
  const graphName = `chokepoint-maxflow-${randomUUID()}`;
  const calls = maxFlowNetworkCalls(graphName, network);
  try {
    await runner.run(calls.project.query, calls.project.params);
    const [row] = await runner.run(calls.stats.query, calls.stats.params);
    const value = fromNeo4j(row?.totalFlow);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new StoreError(`gds maxFlow (${mineral}): the server answered no totalFlow`);
    return value;
  } catch (error) {
    throw gdsMissing(error, `the rerouting max-flow (${mineral})`) ?? error;
  } finally {
    const drop = dropCall(graphName);
    await runner.run(drop.query, drop.params).catch(() => undefined);
  }
}
