// Centrality of the supply graph, per mineral or over all minerals, on the flow graph or the country-to-country
// graph, with the edge weighting stated in the result (DOMAIN.md "Centrality, carefully"; STYLE.md habit 2):
// tonnes are a STRENGTH (strength, PageRank, eigenvector); shortest-path measures use a COST, 1/share, or hops.
// Costs: derivation O(m); betweenness O(n m log n) (kernels/betweenness.ts), closeness the same, PageRank O(m) per
// iteration (graphology-metrics).
import { DirectedGraph } from 'graphology';
import { hasCycle } from 'graphology-dag';
import { eigenvector, pagerank } from 'graphology-metrics/centrality/index.js';
import { weightedInDegree, weightedOutDegree } from 'graphology-metrics/node/weighted-degree.js';
import type { GraphAttributes, NodeAttributes, SupplyGraph } from '../domain/graph.ts';
import type { NodeKind } from '../domain/model.ts';
import { InvalidInputError } from '../domain/errors.ts';
import {
  OTHER_COUNTRIES,
  isFacility,
  knownMinerals,
  resolveMineral,
  resolveOptions,
  resolveYear,
  mineralYearMissing,
} from './common.ts';
import { graphIndex } from './flow-index.ts';
import { betweennessArray, DEFAULT_BETWEENNESS_SEED } from './kernels/betweenness.ts';
import { closenessCentrality } from './kernels/closeness.ts';
import type { CentralityMetric, CentralityResult, CentralityScore } from './types.ts';

export const CENTRALITY_METRICS: readonly CentralityMetric[] = ['strength', 'pagerank', 'betweenness', 'closeness', 'eigenvector'];
export const CENTRALITY_GRAPHS = ['flow', 'country'] as const;
export type CentralityGraphKind = (typeof CENTRALITY_GRAPHS)[number];
export const CENTRALITY_COSTS = ['inverse-share', 'hops'] as const;
export type CentralityCost = (typeof CENTRALITY_COSTS)[number];

export interface CentralityOptions {
  metric: CentralityMetric;
  /** Mineral slug, or 'all': strength sums over minerals, the other metrics run on the union graph. */
  mineral: string;
  /** 'flow': nodes as in the dataset; 'country': every node collapsed to its country (OTH producers kept apart). */
  graph: CentralityGraphKind;
  /** Data year (default: the latest year with flows and production figures, flow-index.ts defaultYear). */
  year: number | undefined;
  /** Betweenness and closeness only: 1/share (default) or hop counts. */
  cost: CentralityCost;
  /** Betweenness only: number of sampled sources (exact when absent or >= node count). */
  sample: number | undefined;
  /** Betweenness only: seed of the sample. */
  seed: string | number;
}

export const DEFAULT_CENTRALITY_OPTIONS: CentralityOptions = {
  metric: 'pagerank',
  mineral: 'all',
  graph: 'flow',
  year: undefined,
  cost: 'inverse-share',
  sample: undefined,
  seed: DEFAULT_BETWEENNESS_SEED,
};

/** PageRank and eigenvector settings (graphology-metrics defaults, stated so results are reproducible). */
export const POWER_ITERATION = { alpha: 0.85, maxIterations: 100, tolerance: 1e-6 } as const;

export interface CentralityNodeAttributes {
  name: string;
  kind: NodeKind;
}

export interface CentralityEdgeAttributes {
  /** Known tonnes summed over the merged flows (and minerals): the strength. Unknown tonnes count 0. */
  tonnes: number;
  /** Every merged flow had a tonnage (published or share x source output). */
  tonnesKnown: boolean;
  /** Largest per-mineral share of the source's out-tonnes of that mineral carried by this link (0..1]. */
  share: number;
  /** 1 / share: strong links are short (the cost betweenness and closeness read). */
  cost: number;
  /** PageRank / eigenvector weight: tonnes, or the summed shares where the source's tonnages are not all known. */
  rank: number;
  /** Flows merged into this link. */
  flows: number;
}

/** The simple directed graph a centrality runs on: one edge per ordered node pair of the selected flows. */
export type CentralityGraph = DirectedGraph<CentralityNodeAttributes, CentralityEdgeAttributes, GraphAttributes> & {
  /** Caveats of the derivation (unknown tonnes, dropped flows), repeated in every result's notes. */
  notes?: string[];
};

interface DeriveKey {
  mineral: string;
  year: number;
  kind: CentralityGraphKind;
}

// Derived graphs per source graph; cleared when the source graph changes (see watch()).
const cache = new WeakMap<SupplyGraph, Map<string, CentralityGraph>>();

// Node attributes that change a derived graph (names and kinds are copied, countries drive the collapse).
const RELEVANT_NODE_ATTRIBUTES = new Set(['name', 'kind', 'country', 'output', 'iso3']);

function watch(graph: SupplyGraph, entries: Map<string, CentralityGraph>): void {
  const clear = () => entries.clear();
  for (const event of ['nodeAdded', 'edgeAdded', 'nodeDropped', 'edgeDropped', 'cleared', 'edgesCleared'] as const) {
    graph.on(event, clear);
  }
  graph.on('edgeAttributesUpdated', clear);
  graph.on('eachEdgeAttributesUpdated', clear);
  graph.on('eachNodeAttributesUpdated', clear);
  graph.on('nodeAttributesUpdated', (payload) => {
    // .assign-style writes of scores (e.g. `pagerank`) must not throw the cache away.
    if (payload.type === 'set' && payload.name !== undefined && !RELEVANT_NODE_ATTRIBUTES.has(payload.name)) return;
    clear();
  });
}

/** The derived graph for (mineral, year, kind), built once per source graph and cached. */
export function centralityGraph(
  graph: SupplyGraph,
  options: Partial<Pick<CentralityOptions, 'mineral' | 'year' | 'graph'>> = {},
): CentralityGraph {
  const gi = graphIndex(graph);
  const year = resolveYear('centrality', gi.years, options.year, gi.defaultYear);
  const mineral =
    options.mineral === undefined || options.mineral === 'all'
      ? 'all'
      : resolveMineral('centrality', knownMinerals(graph), options.mineral);
  const kind = options.graph ?? 'flow';
  if (mineral !== 'all' && options.year !== undefined && !gi.edgesByKey.has(`${mineral}|${year}`)) {
    throw mineralYearMissing('centrality', mineral, year, gi.years.filter((y) => gi.edgesByKey.has(`${mineral}|${y}`)));
  }
  let entries = cache.get(graph);
  if (!entries) {
    entries = new Map();
    cache.set(graph, entries);
    watch(graph, entries);
  }
  const key = `${mineral}\u0000${year}\u0000${kind}`;
  let derived = entries.get(key);
  if (!derived) {
    derived = derive(graph, { mineral, year, kind });
    entries.set(key, derived);
  }
  return derived;
}

interface Group {
  mineral: string;
  u: string;
  v: string;
  tonnes: number;
  unknown: number;
  givenShare: number;
  flows: number;
}

function derive(graph: SupplyGraph, { mineral, year, kind }: DeriveKey): CentralityGraph {
  const derived: CentralityGraph = new DirectedGraph<CentralityNodeAttributes, CentralityEdgeAttributes, GraphAttributes>();
  derived.replaceAttributes({ ...graph.getAttributes(), years: [year] });

  // Where a node sits in the derived graph: itself, or its country for the country graph.
  const mapped = new Map<string, string>();
  const nodeOf = (id: string, attrs: NodeAttributes): string => {
    let target = mapped.get(id);
    if (target === undefined) {
      target = kind === 'country' && isFacility(attrs) && attrs.country && attrs.country !== OTHER_COUNTRIES ? `country:${attrs.country}` : id;
      mapped.set(id, target);
    }
    return target;
  };
  // Nodes enter with their first kept link, so a node whose flows are all left out is not an isolated extra node.
  const addNode = (target: string, id: string, attrs: NodeAttributes): void => {
    if (derived.hasNode(target)) return;
    if (target === id) derived.addNode(target, { name: attrs.name, kind: attrs.kind });
    else {
      const country = graph.hasNode(target) ? graph.getNodeAttributes(target) : undefined;
      derived.addNode(target, { name: country?.name ?? target.slice('country:'.length), kind: 'country' });
    }
  };

  const groups = new Map<string, Group>();
  let zeroFlows = 0;
  let selfLoops = 0;
  let estimatedTonnes = 0;
  graph.forEachEdge((_edge, a, source, target, sa, ta) => {
    if (a.year !== year || (mineral !== 'all' && a.mineral !== mineral)) return;
    let tonnes: number | null = typeof a.tonnes === 'number' && Number.isFinite(a.tonnes) ? a.tonnes : null;
    if (tonnes === null && typeof a.share === 'number' && isFacility(sa)) {
      const output = sa.output?.[String(year)];
      if (typeof output === 'number') {
        tonnes = a.share * output;
        estimatedTonnes++;
      }
    }
    if (tonnes !== null && tonnes <= 0) {
      // A flow of nothing is no link: it would be an infinitely long edge and a zero PageRank weight.
      zeroFlows++;
      return;
    }
    const u = nodeOf(source, sa);
    const v = nodeOf(target, ta);
    if (u === v) {
      selfLoops++;
      return;
    }
    const key = `${a.mineral}\u0000${u}\u0000${v}`;
    let group = groups.get(key);
    if (!group) {
      group = { mineral: a.mineral, u, v, tonnes: 0, unknown: 0, givenShare: 0, flows: 0 };
      groups.set(key, group);
      addNode(u, source, sa);
      addNode(v, target, ta);
    }
    group.flows++;
    if (tonnes === null) {
      group.unknown++;
      if (typeof a.share === 'number' && a.share > 0) group.givenShare += a.share;
    } else group.tonnes += tonnes;
  });

  // Shares are per mineral and per (derived) source: tonnes / the source's out-tonnes of that mineral.
  const outTonnes = new Map<string, number>();
  const outGroups = new Map<string, number>();
  for (const g of groups.values()) {
    const k = `${g.mineral}\u0000${g.u}`;
    outTonnes.set(k, (outTonnes.get(k) ?? 0) + g.tonnes);
    outGroups.set(k, (outGroups.get(k) ?? 0) + 1);
  }
  let shareFromRecord = 0;
  let equalSplit = 0;
  // Links are merged in plain maps and added once: graphology attribute updates per flow cost more than the rest.
  const links = new Map<string, CentralityEdgeAttributes & { u: string; v: string; shareSum: number }>();
  for (const g of groups.values()) {
    const k = `${g.mineral}\u0000${g.u}`;
    const total = outTonnes.get(k)!;
    let share: number;
    if (g.tonnes > 0 && total > 0) share = g.tonnes / total;
    else if (g.givenShare > 0) {
      share = Math.min(1, g.givenShare);
      shareFromRecord++;
    } else {
      share = 1 / outGroups.get(k)!;
      equalSplit++;
    }
    const known = g.unknown === 0;
    const edgeKey = `${g.u}\u0000${g.v}`;
    const link = links.get(edgeKey);
    if (link) {
      link.tonnes += g.tonnes;
      link.tonnesKnown &&= known;
      link.share = Math.max(link.share, share);
      link.shareSum += share;
      link.flows += g.flows;
    } else {
      links.set(edgeKey, { u: g.u, v: g.v, tonnes: g.tonnes, tonnesKnown: known, share, cost: 0, rank: 0, flows: g.flows, shareSum: share });
    }
  }

  // PageRank normalises weights per source, so tonnes and shares only need to be consistent per source.
  const sourceKnown = new Map<string, boolean>();
  for (const link of links.values()) {
    sourceKnown.set(link.u, (sourceKnown.get(link.u) ?? true) && link.tonnesKnown && link.tonnes > 0);
  }
  let rankByShare = 0;
  for (const known of sourceKnown.values()) if (!known) rankByShare++;
  for (const { u, v, shareSum, ...attributes } of links.values()) {
    attributes.cost = 1 / attributes.share;
    attributes.rank = sourceKnown.get(u) ? attributes.tonnes : shareSum;
    derived.addDirectedEdge(u, v, attributes);
  }

  const notes: string[] = [];
  if (kind === 'country' && selfLoops) notes.push(`${selfLoops} flow(s) within one country left out of the country graph`);
  if (zeroFlows) notes.push(`${zeroFlows} flow(s) of 0 t left out`);
  if (estimatedTonnes) notes.push(`${estimatedTonnes} flow(s) without tonnes estimated as share x source output`);
  if (shareFromRecord) notes.push(`${shareFromRecord} link(s) without tonnes use the share recorded on the flow`);
  if (equalSplit) notes.push(`${equalSplit} link(s) with neither tonnes nor share split their source's output equally`);
  if (rankByShare) notes.push(`${rankByShare} source(s) with unknown tonnages weighted by share in PageRank/eigenvector`);
  derived.notes = notes;
  return derived;
}

function scoresOf(
  derived: CentralityGraph,
  value: (node: string, index: number) => number,
  extra?: (node: string) => Partial<CentralityScore>,
): CentralityScore[] {
  const scores: CentralityScore[] = [];
  let i = 0;
  derived.forEachNode((node, a) => {
    scores.push({ node, name: a.name, kind: a.kind, value: value(node, i++), ...extra?.(node) });
  });
  return scores.sort((x, y) => y.value - x.value || (x.node < y.node ? -1 : x.node > y.node ? 1 : 0));
}

function validate(options: CentralityOptions): void {
  const problems: Array<{ field: string; message: string }> = [];
  if (!CENTRALITY_METRICS.includes(options.metric)) {
    problems.push({ field: 'metric', message: `unknown metric "${String(options.metric)}" (known: ${CENTRALITY_METRICS.join(', ')})` });
  }
  if (!(CENTRALITY_GRAPHS as readonly string[]).includes(options.graph)) {
    problems.push({ field: 'graph', message: `unknown graph "${String(options.graph)}" (known: ${CENTRALITY_GRAPHS.join(', ')})` });
  }
  if (!(CENTRALITY_COSTS as readonly string[]).includes(options.cost)) {
    problems.push({ field: 'cost', message: `unknown cost "${String(options.cost)}" (known: ${CENTRALITY_COSTS.join(', ')})` });
  }
  const pathMetric = options.metric === 'betweenness' || options.metric === 'closeness';
  if (!pathMetric && options.cost !== DEFAULT_CENTRALITY_OPTIONS.cost) {
    problems.push({ field: 'cost', message: `cost applies to betweenness and closeness; ${options.metric} reads tonnes as a strength` });
  }
  if (options.sample !== undefined) {
    if (options.metric !== 'betweenness') problems.push({ field: 'sample', message: 'sample applies to betweenness only' });
    else if (!Number.isInteger(options.sample) || options.sample < 1) {
      problems.push({ field: 'sample', message: `sample must be a positive integer, got ${String(options.sample)}` });
    }
  }
  if (problems.length) throw new InvalidInputError(`centrality: ${problems.map((p) => p.message).join('; ')}`, problems);
}

/**
 * Centrality scores of every node of the selected flows, highest first. `weighting` says how edges were read;
 * `converged` is false (and `scores` empty) when a power iteration does not converge, and for eigenvector
 * centrality on an acyclic graph (graphology-dag hasCycle, O(V + E)), where it is undefined.
 */
export function centrality(
  graph: SupplyGraph,
  options: Partial<CentralityOptions> & Pick<CentralityOptions, 'metric'>,
): CentralityResult {
  const o = resolveOptions('centrality', DEFAULT_CENTRALITY_OPTIONS, options);
  validate(o);
  const derived = centralityGraph(graph, { mineral: o.mineral, year: o.year, graph: o.graph });
  const year = derived.getAttribute('years')[0]!;
  const mineral = o.mineral === 'all' ? 'all' : resolveMineral('centrality', knownMinerals(graph), o.mineral);
  const notes = [...(derived.notes ?? [])];
  if (derived.order === 0) notes.push(`no flows${mineral === 'all' ? '' : ` of ${mineral}`} in ${year}`);
  const base = {
    metric: o.metric,
    mineral,
    graph: o.graph,
    year,
    nodeCount: derived.order,
    edgeCount: derived.size,
  };
  const finish = (weighting: string, scores: CentralityScore[], extra: Partial<CentralityResult> = {}): CentralityResult => ({
    ...base,
    weighting,
    ...extra,
    scores,
    notes,
  });
  const over = mineral === 'all' ? ' summed over minerals (units differ by mineral)' : '';

  switch (o.metric) {
    case 'strength': {
      const inS = new Map<string, number>();
      const outS = new Map<string, number>();
      derived.forEachNode((node) => {
        inS.set(node, weightedInDegree(derived, node, 'tonnes'));
        outS.set(node, weightedOutDegree(derived, node, 'tonnes'));
      });
      return finish(
        `tonnes as strength: value = in + out tonnes${over}; flows without tonnes count 0`,
        scoresOf(
          derived,
          (node) => inS.get(node)! + outS.get(node)!,
          (node) => ({ in: inS.get(node)!, out: outS.get(node)! }),
        ),
      );
    }
    case 'pagerank':
    case 'eigenvector': {
      const weighting =
        o.metric === 'pagerank'
          ? `tonnes as strength: PageRank (alpha ${POWER_ITERATION.alpha}) follows flows in proportion to tonnes${over}; shares where tonnes are unknown`
          : `tonnes as strength${over}; shares where tonnes are unknown`;
      if (derived.order === 0) return finish(weighting, [], { converged: true });
      // On an acyclic graph the adjacency matrix is nilpotent: its only eigenvalue is 0 and no positive eigenvector
      // exists, so whatever the power iteration settles on (mass drained into the sinks) is not a centrality.
      if (o.metric === 'eigenvector' && !hasCycle(derived)) {
        notes.push(
          `eigenvector centrality is undefined here: the ${mineral === 'all' ? '' : `${mineral} `}flow graph of ${year} has no cycle ` +
            '(a DAG, as supply chains mostly are), so its adjacency matrix has no positive eigenvector; use pagerank',
        );
        return finish(weighting, [], { converged: false });
      }
      let values: Record<string, number>;
      try {
        values =
          o.metric === 'pagerank'
            ? pagerank(derived, { getEdgeWeight: 'rank', ...POWER_ITERATION })
            : eigenvector(derived, {
                getEdgeWeight: 'rank',
                maxIterations: POWER_ITERATION.maxIterations,
                tolerance: POWER_ITERATION.tolerance,
              });
      } catch (error) {
        if (!(error instanceof Error) || !/failed to converge/.test(error.message)) throw error;
        notes.push(
          `${o.metric} did not converge in ${POWER_ITERATION.maxIterations} iterations` +
            (o.metric === 'eigenvector'
              ? ': supply chains are acyclic, so there is no dominant positive eigenvector; use pagerank'
              : ''),
        );
        return finish(weighting, [], { converged: false });
      }
      return finish(weighting, scoresOf(derived, (node) => values[node]!), { converged: true });
    }
    case 'betweenness': {
      const hops = o.cost === 'hops';
      const { values, sources } = betweennessArray(derived, {
        getEdgeWeight: hops ? null : 'cost',
        normalized: true,
        ...(o.sample !== undefined ? { sample: o.sample, seed: o.seed } : {}),
      });
      const sampled = sources < derived.order;
      let weighting = hops
        ? 'unweighted hops'
        : "cost 1/share (share = the link's tonnes / its source's out-tonnes of the mineral; strong links are short)";
      weighting += ', normalized by (n-1)(n-2)';
      if (sampled) weighting += `; sampled: ${sources} of ${derived.order} sources (seed ${o.seed}), scaled by n/k`;
      return finish(
        weighting,
        scoresOf(derived, (_node, i) => values[i]!),
        { cost: o.cost, ...(sampled ? { sample: { sources, seed: o.seed } } : {}) },
      );
    }
    case 'closeness': {
      const hops = o.cost === 'hops';
      const values = closenessCentrality(derived, { getEdgeWeight: hops ? null : 'cost', wassermanFaust: true });
      const weighting =
        (hops ? 'unweighted hops' : "cost 1/share (share = the link's tonnes / its source's out-tonnes of the mineral)") +
        '; distances from the other nodes to the node; Wasserman-Faust (reached / (n-1)) for disconnected graphs';
      return finish(weighting, scoresOf(derived, (node) => values[node]!), { cost: o.cost });
    }
  }
}

/**
 * Writes each score onto the source graph's node of the same id as attribute `attribute` (default: the metric
 * name), graphology-metrics' `.assign` style; nodes without a score (other minerals, collapsed facilities) are left
 * as they are. Returns the result it wrote. Does not invalidate the derived-graph cache.
 */
centrality.assign = function assignCentrality(
  graph: SupplyGraph,
  options: Partial<CentralityOptions> & Pick<CentralityOptions, 'metric'>,
  attribute: string = options.metric,
): CentralityResult {
  const result = centrality(graph, options);
  // Score attributes are outside the record schema on purpose: they are derived, never stored.
  const set = graph.setNodeAttribute.bind(graph) as (node: string, name: string, value: number) => void;
  for (const score of result.scores) if (graph.hasNode(score.node)) set(score.node, attribute, score.value);
  return result;
};
