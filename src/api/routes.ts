// The route table of the HTTP API (issue 4): each entry declares its request schemas, its documented response with an
// example, its curl example and its handler. Handlers are thin: validation happened in app.ts, analysis lives in
// src/analysis, read models in views.ts.
import { z } from 'zod';
import {
  centrality,
  chokepoints,
  facilityCoverage,
  concentration,
  countryGovernanceRisk,
  dependencies,
  impact,
  perspectiveRisk,
  runScenario,
  supplyRisk,
} from '../analysis/index.ts';
import type { ChokepointLevel } from '../analysis/chokepoints.ts';
import { formatRemoval, parseRemoval } from '../analysis/impact.ts';
import type { CentralityResult, ChokepointRow, Concentration, ImpactRequest, RiskReport } from '../analysis/types.ts';
import { toGexf, flowsCsv } from '../data/export.ts';
import { getScenario, listScenarios } from '../data/scenarios.ts';
import { NotFoundError, unknownIdError } from '../domain/errors.ts';
import type { FlowRecord } from '../domain/model.ts';
import { AnalysisContext, type Snapshot } from './context.ts';
import { queryLibrary, runCypherRequest } from './cypher.ts';
import * as ex from './examples.ts';
import { defineRoute, RawReply, type AnyRoute } from './route.ts';
import * as s from './schemas.ts';
import { TIME_ROUTES } from './time-routes.ts';
import {
  filteredSubgraph,
  latestYear,
  mineralDetail,
  mineralSummaries,
  nodeDetail,
  requireMineral,
  requireNode,
  requireYear,
  searchIndex,
  searchNodes,
} from './views.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

function paginate<T>(items: T[], limit: number | undefined, offset: number | undefined, defaultLimit: number) {
  const l = limit ?? defaultLimit;
  const o = offset ?? 0;
  return { total: items.length, limit: l, offset: o, items: items.slice(o, o + l) };
}

/** Serialises `compute()` once per dataset version and canonical key; a hit returns the very same bytes. */
function cachedJson(snapshot: Snapshot, key: string, compute: () => unknown): RawReply {
  const hit = snapshot.responses.get(key);
  if (hit !== undefined) return new RawReply(hit, JSON_TYPE, { 'x-cache': 'hit' });
  const text = JSON.stringify(compute());
  snapshot.responses.set(key, text);
  return new RawReply(text, JSON_TYPE, { 'x-cache': 'miss' });
}

const allConcentrations = (snap: Snapshot): Concentration[] =>
  AnalysisContext.memo(snap, 'concentration', () => concentration(snap.graph, {}));
const riskReport = (snap: Snapshot): RiskReport => AnalysisContext.memo(snap, 'risk', () => supplyRisk(snap.graph, {}));

/**
 * The chokepoint ranking, computed once per dataset version for level 'all' (ranked per level already); the
 * 'country' (default) and 'facility' levels are its rows of that level (the same ranking chokepoints() gives for the
 * level, without a second pass over every removal).
 */
function chokepointRows(
  snap: Snapshot,
  mineral?: string,
  stage?: 'mine' | 'refined',
  year?: number,
  level: ChokepointLevel = 'country',
  byProducts = false,
): ChokepointRow[] {
  const key = `chokepoints:${mineral ?? ''}|${stage ?? ''}|${year ?? ''}${byProducts ? '|by-products' : ''}`;
  const all = AnalysisContext.memo<ChokepointRow[]>(snap, key, () => chokepoints(snap.graph, { mineral, stage, year, level: 'all', byProducts }));
  if (level === 'all') return all;
  return AnalysisContext.memo<ChokepointRow[]>(snap, `${key}|${level}`, () => all.filter((row) => row.level === level));
}

/** Computes what most first requests need (concentration, risk, the full chokepoint ranking) before serving. */
export function warmUp(snap: Snapshot): void {
  allConcentrations(snap);
  riskReport(snap);
  chokepointRows(snap);
}

/** The impact request with ids sorted and deduplicated and every default filled: the cache key and the call. */
export function canonicalImpactRequest(body: z.output<typeof s.ImpactBody>, latest: number | null): ImpactRequest {
  const request: ImpactRequest = {
    // `{id, severity}` and `"id@severity"` name the same removal: one canonical string each, so both share a cache entry.
    remove: [...new Set(body.remove.map((r) => formatRemoval(parseRemoval(r))))].sort(),
    model: body.model ?? 'proportional',
  };
  if (body.mineral !== undefined) request.mineral = body.mineral;
  if (body.byProducts !== undefined) request.byProducts = body.byProducts;
  if (body.draws !== undefined) request.draws = body.draws;
  if (body.seed !== undefined) request.seed = body.seed;
  const year = body.year ?? latest;
  if (year !== null) request.year = year;
  return request;
}

const health = defineRoute({
  method: 'get',
  path: '/api/health',
  operationId: 'health',
  tag: 'Service',
  summary: 'Store kind, dataset version and counts',
  query: s.NoQuery,
  response: { description: 'The service is up and its store answers.', schema: s.Health, example: ex.health },
  errors: [],
  curl: 'curl -s $BASE/api/health',
  async handler(_input, ctx) {
    const snap = await ctx.snapshot();
    // Counts asked of the store once per dataset version (a dozen queries, ~200 ms on the embedded store); the
    // store's location is not shown: a public health check has no business naming server paths.
    const counts = AnalysisContext.memo(snap, 'health:counts', () =>
      ctx.store.counts().catch((error: unknown) => {
        snap.memo.delete('health:counts'); // a failure is not remembered: the next check asks again
        throw error;
      }),
    );
    return {
      status: 'ok',
      store: { kind: ctx.store.kind },
      datasetVersion: snap.version,
      counts: await counts,
      graph: { nodes: snap.graph.order, edges: snap.graph.size, years: snap.graph.getAttribute('years') },
      uptimeSeconds: Math.round(process.uptime()),
    };
  },
});

const minerals = defineRoute({
  method: 'get',
  path: '/api/minerals',
  operationId: 'listMinerals',
  cache: true,
  tag: 'Minerals',
  summary: 'Minerals with list membership, headline HHI and top producer',
  query: s.MineralsQuery,
  response: { description: 'A page of minerals, by slug.', schema: s.MineralPage, example: ex.minerals },
  errors: [],
  curl: 'curl -s "$BASE/api/minerals?limit=2"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    const all = AnalysisContext.memo(snap, 'minerals', () => mineralSummaries(snap.graph, allConcentrations(snap)));
    return paginate(all, query.limit, query.offset, 100);
  },
});

const mineral = defineRoute({
  method: 'get',
  path: '/api/minerals/:slug',
  operationId: 'getMineral',
  cache: true,
  tag: 'Minerals',
  summary: 'One mineral: concentration by stage and year, supply risk, producers by stage',
  params: s.MineralParams,
  query: s.NoQuery,
  response: { description: 'The mineral and its analyses.', schema: s.MineralDetail, example: ex.mineral },
  errors: [404],
  curl: 'curl -s $BASE/api/minerals/niobium',
  async handler({ params }, ctx) {
    const snap = await ctx.snapshot();
    requireMineral(snap.graph, params.slug);
    return mineralDetail(snap.graph, params.slug, allConcentrations(snap), riskReport(snap));
  },
});

const nodes = defineRoute({
  method: 'get',
  path: '/api/nodes',
  operationId: 'searchNodes',
  cache: true,
  tag: 'Nodes',
  summary: 'Search nodes by id or name, optionally of one kind',
  query: s.NodesQuery,
  response: { description: 'A page of matching nodes, best match first.', schema: s.NodePage, example: ex.nodes },
  errors: [],
  curl: 'curl -s "$BASE/api/nodes?q=brazil&kind=country"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    const index = AnalysisContext.memo(snap, 'search', () => searchIndex(snap.graph));
    return paginate(searchNodes(index, query.q, query.kind), query.limit, query.offset, 20);
  },
});

const node = defineRoute({
  method: 'get',
  path: '/api/nodes/:id',
  operationId: 'getNode',
  cache: true,
  tag: 'Nodes',
  summary: 'One node: attributes, sources, metrics, top suppliers and customers',
  params: s.NodeParams,
  query: s.NoQuery,
  response: { description: 'The node.', schema: s.NodeDetail, example: ex.node },
  errors: [404],
  curl: 'curl -s $BASE/api/nodes/country:BRA',
  async handler({ params }, ctx) {
    const snap = await ctx.snapshot();
    requireNode(snap.graph, params.id);
    return nodeDetail(snap.graph, params.id, allConcentrations(snap), (iso3, year) =>
      countryGovernanceRisk(snap.graph, iso3, year),
    );
  },
});

const graphRoute = defineRoute({
  method: 'get',
  path: '/api/graph',
  operationId: 'getGraph',
  cache: true,
  tag: 'Graph',
  summary: 'The filtered supply graph, serialised by graphology (for the web view)',
  description: 'Flows matching every given filter and every node they touch; `mineral` also adds the mineral node.',
  query: s.GraphQuery,
  response: { description: 'graphology `graph.export()`.', schema: s.SerializedGraph, example: ex.graph },
  errors: [404],
  curl: 'curl -s "$BASE/api/graph?mineral=niobium&year=2025"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    if (query.mineral) requireMineral(snap.graph, query.mineral);
    requireYear(snap.graph, query.year);
    return filteredSubgraph(snap.graph, query).export();
  },
});

const chokepointsRoute = defineRoute({
  method: 'get',
  path: '/api/chokepoints',
  operationId: 'listChokepoints',
  cache: true,
  tag: 'Analyses',
  summary: 'Producers ranked by the share of world supply lost without them',
  query: s.ChokepointsQuery,
  response: { description: 'A page of the ranking.', schema: s.ChokepointPage, example: ex.chokepoints },
  errors: [404],
  curl: 'curl -s "$BASE/api/chokepoints?mineral=beryllium&level=country&limit=3"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    if (query.mineral) requireMineral(snap.graph, query.mineral);
    requireYear(snap.graph, query.year);
    const rows = chokepointRows(snap, query.mineral, query.stage, query.year, query.level, query.byProducts === 'true');
    return paginate(rows, query.limit, query.offset, 20);
  },
});

const coverageRoute = defineRoute({
  method: 'get',
  path: '/api/coverage',
  operationId: 'facilityCoverage',
  cache: true,
  tag: 'Analyses',
  summary: "Facility coverage: the share of each market's tonnes resting on published facility figures",
  description:
    'Per mineral and stage (one year, default the latest): tonnes carried by facilities with a published figure (a USGS facility-layer capacity or a company-reported production), by facilities sharing an equal split, and by country totals no facility feeds.',
  query: s.CoverageQuery,
  response: { description: 'Coverage rows by mineral and stage.', schema: s.CoverageReport, example: ex.coverage },
  errors: [404],
  curl: 'curl -s "$BASE/api/coverage?mineral=niobium"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    if (query.mineral) requireMineral(snap.graph, query.mineral);
    requireYear(snap.graph, query.year);
    return AnalysisContext.memo(snap, `coverage:${query.mineral ?? ''}|${query.year ?? ''}`, () =>
      facilityCoverage(snap.graph, { mineral: query.mineral, year: query.year }),
    );
  },
});

const impactRoute = defineRoute({
  method: 'post',
  path: '/api/impact',
  operationId: 'impact',
  tag: 'Analyses',
  summary: 'What is lost, by whom and along which paths, when nodes are removed',
  description:
    'Proportional (no rerouting) or rerouting (spare capacity, max-flow) model. Results are cached per dataset version by canonical request (ids sorted, defaults filled): the same request returns the same bytes.',
  body: s.ImpactBody,
  response: { description: 'The impact of the removal.', schema: s.ImpactResultSchema, example: ex.impact },
  errors: [404, 413, 415, 422],
  curl: `curl -s $BASE/api/impact -d '{"remove":["country:BRA"],"mineral":"niobium"}' -H 'content-type: application/json'`,
  async handler({ body }, ctx) {
    const snap = await ctx.snapshot();
    const request = canonicalImpactRequest(body, latestYear(snap.graph));
    return cachedJson(snap, `impact:${JSON.stringify(request)}`, () => impact(snap.graph, request));
  },
});

const scenarios = defineRoute({
  method: 'get',
  path: '/api/scenarios',
  operationId: 'listScenarios',
  tag: 'Scenarios',
  summary: 'Shipped what-if scenarios, with their sources',
  query: s.NoQuery,
  response: { description: 'Every scenario.', schema: s.ScenarioList, example: ex.scenarios },
  errors: [],
  curl: 'curl -s $BASE/api/scenarios',
  async handler(_input, ctx) {
    return { items: await listScenarios(ctx.scenariosDir) };
  },
});

const scenarioRun = defineRoute({
  method: 'post',
  path: '/api/scenarios/:name/run',
  operationId: 'runScenario',
  tag: 'Scenarios',
  summary: 'Run a shipped scenario (an impact request stored as data)',
  params: s.ScenarioParams,
  body: s.ScenarioRunBody,
  bodyOptional: true,
  response: { description: 'The scenario and its impact.', schema: s.ScenarioRun, example: ex.scenarioRun },
  errors: [404, 415, 422],
  curl: 'curl -s -X POST $BASE/api/scenarios/brazil-niobium-outage/run',
  async handler({ params, body }, ctx) {
    const scenario = await getScenario(params.name, ctx.scenariosDir);
    const run = {
      ...scenario,
      ...(body?.model ? { model: body.model } : {}),
      ...(body?.year ? { year: body.year } : {}),
    };
    const snap = await ctx.snapshot();
    return cachedJson(snap, `scenario:${JSON.stringify(run)}`, () => ({
      scenario: run,
      result: runScenario(snap.graph, run),
    }));
  },
});

const centralityRoute = defineRoute({
  method: 'get',
  path: '/api/centrality',
  operationId: 'centrality',
  cache: true,
  tag: 'Analyses',
  summary: 'Centrality scores (strength, PageRank, betweenness, closeness, eigenvector), highest first',
  description:
    'Betweenness and closeness use a cost (1/share) or hops, never tonnes as a distance; `weighting` says which.',
  query: s.CentralityQuery,
  response: { description: 'A page of scores.', schema: s.CentralityResultSchema, example: ex.centrality },
  errors: [404],
  curl: 'curl -s "$BASE/api/centrality?mineral=cobalt&metric=pagerank&limit=3"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    if (query.mineral) requireMineral(snap.graph, query.mineral);
    requireYear(snap.graph, query.year);
    const metric = query.metric ?? 'pagerank';
    const key = `centrality:${metric}|${query.mineral ?? ''}|${query.graph ?? ''}|${query.year ?? ''}`;
    const result = AnalysisContext.memo<CentralityResult>(snap, key, () => {
      const r = centrality(snap.graph, { metric, mineral: query.mineral, graph: query.graph, year: query.year });
      return { ...r, scores: [...r.scores].sort((a, b) => b.value - a.value || a.node.localeCompare(b.node)) };
    });
    const { total, limit, offset, items } = paginate(result.scores, query.limit, query.offset, 50);
    return { ...result, scores: items, total, limit, offset };
  },
});

const risk = defineRoute({
  method: 'get',
  path: '/api/risk',
  operationId: 'supplyRisk',
  cache: true,
  tag: 'Analyses',
  summary: 'WGI-weighted supply risk per mineral, stage and year (seed 003, eq. 4-7), or from an importer perspective (EU CRM SR)',
  description:
    'R is normalised over every mineral and year computed, whatever the filter: filtering never changes a value. ' +
    'With `perspective` (ISO3 or EU) the answer is a PerspectiveReport: the EU CRM supply risk SR of Blengini et al. 2017 ' +
    "from that importer's sourcing, gross (EoL_RIR = 0, SI = 1); trade figures CEPII BACI, V202601, from UN Comtrade.",
  query: s.RiskQuery,
  response: { description: 'The risk report, filtered (a PerspectiveReport with `perspective`).', schema: s.RiskResponseSchema, example: ex.risk },
  errors: [404],
  curl: 'curl -s "$BASE/api/risk?mineral=niobium"; curl -s "$BASE/api/risk?perspective=EU&mineral=gallium"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    if (query.mineral) requireMineral(snap.graph, query.mineral);
    if (query.perspective !== undefined) {
      const key = `risk-perspective:${query.perspective.toUpperCase()}|${query.mineral ?? ''}|${query.year ?? ''}`;
      return AnalysisContext.memo(snap, key, () =>
        perspectiveRisk(snap.graph, { perspective: query.perspective!, mineral: query.mineral, year: query.year }),
      );
    }
    const report = riskReport(snap);
    if (query.mineral && query.year !== undefined && !report.risks.some((r) => r.mineral === query.mineral && r.year === query.year)) {
      const own = [...new Set(report.risks.filter((r) => r.mineral === query.mineral).map((r) => r.year))].sort();
      throw new NotFoundError(`no supply risk for ${query.mineral} in ${query.year} (years for ${query.mineral}: ${own.join(', ')})`, own.map(String));
    }
    if (query.year !== undefined && !report.risks.some((r) => r.year === query.year)) {
      const years = [...new Set(report.risks.map((r) => r.year))].sort();
      throw new NotFoundError(
        `no supply risk for year ${query.year} (available: ${years.join(', ')})`,
        years.map(String),
      );
    }
    return {
      ...report,
      risks: report.risks.filter(
        (r) => (!query.mineral || r.mineral === query.mineral) && (query.year === undefined || r.year === query.year),
      ),
    };
  },
});

const countryDependencies = defineRoute({
  method: 'get',
  path: '/api/countries/:iso3/dependencies',
  operationId: 'countryDependencies',
  cache: true,
  tag: 'Analyses',
  summary: "A country's dependencies: suppliers, net import reliance, import dependence, hot-spot type",
  params: s.CountryParams,
  query: s.DependenciesQuery,
  response: { description: 'Dependencies per mineral.', schema: s.DependencyList, example: ex.dependencies },
  errors: [404],
  curl: 'curl -s "$BASE/api/countries/USA/dependencies?mineral=beryllium"',
  async handler({ params, query }, ctx) {
    const snap = await ctx.snapshot();
    const iso3 = params.iso3.toUpperCase();
    const id = `country:${iso3}`;
    if (!snap.graph.hasNode(id)) {
      throw unknownIdError(
        'country',
        id,
        snap.graph.filterNodes((_n, a) => a.kind === 'country'),
      );
    }
    if (query.mineral) requireMineral(snap.graph, query.mineral);
    requireYear(snap.graph, query.year);
    const items = dependencies(snap.graph, { country: iso3, mineral: query.mineral, year: query.year });
    return { country: id, name: snap.graph.getNodeAttribute(id, 'name'), items };
  },
});

const exportRoute = defineRoute({
  method: 'get',
  path: '/api/export',
  operationId: 'exportGraph',
  tag: 'Graph',
  summary: 'Download the (filtered) graph as GEXF (Gephi, Gephi Lite), graphology JSON or a flows CSV',
  query: s.ExportQuery,
  response: {
    description: 'The file, as an attachment.',
    schema: z.string(),
    contentType: 'application/gexf+xml',
    example: ex.exportGexf,
    // format=json answers graphology's graph.export() as a JSON object, the shape of GET /api/graph.
    alternatives: { 'application/json': { example: ex.graph, schema: s.SerializedGraph }, 'text/csv': { example: ex.exportCsv } },
  },
  errors: [404],
  curl: 'curl -s -o niobium.gexf "$BASE/api/export?format=gexf&mineral=niobium"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    if (query.mineral) requireMineral(snap.graph, query.mineral);
    requireYear(snap.graph, query.year);
    const format = query.format ?? 'gexf';
    const sub = filteredSubgraph(snap.graph, query);
    const name = `chokepoint-${snap.version}${query.mineral ? `-${query.mineral}` : ''}${query.stage ? `-${query.stage}` : ''}${query.year ?? ''}`;
    const attachment = (ext: string) => ({ 'content-disposition': `attachment; filename="${name}.${ext}"` });
    if (format === 'json') return new RawReply(JSON.stringify(sub.export()), JSON_TYPE, attachment('json'));
    if (format === 'csv') {
      const flows: FlowRecord[] = sub.mapEdges((key, a, from, to) => ({ id: key, from, to, ...a }));
      return new RawReply(flowsCsv(flows), 'text/csv; charset=utf-8', attachment('csv'));
    }
    return new RawReply(toGexf(sub), 'application/gexf+xml; charset=utf-8', attachment('gexf'));
  },
});

const cypher = defineRoute({
  method: 'post',
  path: '/api/cypher',
  operationId: 'cypher',
  tag: 'Store',
  summary: 'A library query by name, or (with CHOKEPOINT_ENABLE_CYPHER=1) read-only Cypher text, on the store',
  description:
    'Library queries (graph/queries, listed by GET /api/cypher/queries) run by default: `{"name": ..., "params": {...}}`, ' +
    'params checked against the query header (400 naming each problem; an unknown name is 404 with suggestions). ' +
    'Ad-hoc `{"query": ...}` text needs CHOKEPOINT_ENABLE_CYPHER=1 (else 403 CYPHER_DISABLED) and passes the guard ' +
    '(README "Cypher guard": writes, files, settings, procedures that run query strings are 403 READ_ONLY). Row limit ' +
    'and the request timeout apply; a query is dropped when its request ends; a full Cypher queue answers 503 BUSY ' +
    'with Retry-After. The memory store has no query language (501).',
  body: s.CypherBody,
  response: { description: 'Columns and rows.', schema: s.CypherResultSchema, example: ex.cypher },
  errors: [403, 404, 413, 415, 422, 501],
  curl: `curl -s $BASE/api/cypher -H 'content-type: application/json' -d '{"name":"top-producers","params":{"mineral":"niobium","stage":"mine","year":2025,"limit":3}}'`,
  async handler({ body }, ctx) {
    return runCypherRequest(body, ctx);
  },
});

const cypherQueries = defineRoute({
  method: 'get',
  path: '/api/cypher/queries',
  operationId: 'cypherQueries',
  tag: 'Store',
  summary: 'The library queries POST /api/cypher runs by name: purpose, parameters, an example, columns',
  response: { description: 'The query library, sorted by name.', schema: s.LibraryQueryList, example: ex.cypherQueries },
  errors: [],
  curl: 'curl -s $BASE/api/cypher/queries',
  async handler() {
    return (await queryLibrary()).map(({ name, purpose, parameters, example, columns }) => ({ name, purpose, parameters, example, columns }));
  },
});

export const ROUTES: AnyRoute[] = [
  health,
  minerals,
  mineral,
  nodes,
  node,
  graphRoute,
  chokepointsRoute,
  coverageRoute,
  impactRoute,
  scenarios,
  scenarioRun,
  centralityRoute,
  risk,
  countryDependencies,
  exportRoute,
  cypher,
  cypherQueries,
  ...TIME_ROUTES,
];
