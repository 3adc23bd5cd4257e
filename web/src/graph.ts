// The graph sigma draws: the API's serialised supply graph (GET /api/graph) kept to one year, with positions and
// scores written as node attributes (STYLE.md habit 9: data in the graph, UI state in the store). O(n + m).
import { MultiDirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type { NodeKind, Stage, WgiScores } from '../../src/domain/model.ts';
import type { CentralityScore } from '../../src/analysis/types.ts';
import { geoPositions, worldProjection, type GeoInput } from './layout/geo.ts';
import { countryShares, governanceRisk, supplySharesByMineral } from './metrics.ts';
import { shortName } from './ranking.ts';

/** Node attributes as the API sends them (src/domain/graph.ts NodeAttributes, every field optional but kind/name). */
export interface ApiNodeAttributes {
  kind: NodeKind;
  name: string;
  country?: string;
  iso3?: string;
  lat?: number;
  lon?: number;
  aggregate?: boolean;
  mineral?: string;
  stage?: Stage;
  minerals?: string[];
  output?: Record<string, number>;
  wgi?: Record<string, WgiScores>;
  source?: string;
  year?: number;
  estimated?: boolean;
  [key: string]: unknown;
}

export interface ApiEdgeAttributes {
  mineral: string;
  stage: Stage;
  tonnes: number | null;
  share?: number | null;
  year: number;
  estimated?: boolean;
  source?: string;
  [key: string]: unknown;
}

export interface ApiGraphAttributes {
  version?: string;
  years?: number[];
  [key: string]: unknown;
}

export type ApiGraph = SerializedGraph<ApiNodeAttributes, ApiEdgeAttributes, ApiGraphAttributes>;

export interface ViewNodeAttributes extends ApiNodeAttributes {
  /** Current position (geographic or force-directed). */
  x: number;
  y: number;
  /** Geographic position, kept so switching back from the force layout needs no recomputation. */
  geoX: number;
  geoY: number;
  label: string;
  /**
   * Share of the largest mineral supply passing through the node (0..1), see metrics.ts supplySharesByMineral; for a
   * country, also what its producers (aggregates, else facilities) supply, see countryShares.
   */
  supplyShare: number | null;
  /** The mineral `supplyShare` is the share of. */
  supplyShareMineral: string | null;
  pagerank: number | null;
  betweenness: number | null;
  /** Governance risk G of the node's location (0..1), or the mineral's supply risk R for mineral nodes. */
  risk: number | null;
}

export type ViewEdgeAttributes = ApiEdgeAttributes;
export interface ViewGraphAttributes {
  version: string;
  year: number | null;
  /** Every year present in what the API sent. */
  years: number[];
  /** Largest flow in tonnes, for edge thickness. */
  maxTonnes: number;
}

export type ViewGraph = MultiDirectedGraph<ViewNodeAttributes, ViewEdgeAttributes, ViewGraphAttributes>;

export interface BuildViewGraphOptions {
  /** Keep flows of this year only (default: the latest year present). */
  year?: number | null;
  /** ISO3 -> centroid for countries the graph does not carry as nodes. */
  extraCentroids?: ReadonlyMap<string, { lat: number; lon: number }>;
}

/** Builds the displayed graph: the chosen year's flows, the nodes they touch and the countries those are located in. */
export function buildViewGraph(data: ApiGraph, options: BuildViewGraphOptions = {}): ViewGraph {
  const years = [...new Set(data.edges.map((e) => e.attributes?.year).filter((y): y is number => typeof y === 'number'))].sort(
    (a, b) => a - b,
  );
  const year = options.year ?? (years.length ? years[years.length - 1]! : null);
  const edges = data.edges.filter((e) => e.attributes && (year === null || e.attributes.year === year));
  const touched = new Set<string>();
  for (const e of edges) {
    touched.add(e.source);
    touched.add(e.target);
  }

  // Countries stay when something drawn is located in them: the geographic layout shows them at their centroids and
  // selecting one highlights what it hosts.
  for (const n of data.nodes) if (touched.has(n.key) && n.attributes?.country) touched.add(`country:${n.attributes.country}`);
  const nodes = data.nodes.filter((n) => n.attributes && touched.has(n.key));
  const centroids = new Map(options.extraCentroids ?? []);
  for (const n of data.nodes) {
    const a = n.attributes;
    if (a?.kind === 'country' && typeof a.lat === 'number' && typeof a.lon === 'number') {
      centroids.set(a.iso3 ?? n.key.slice('country:'.length), { lat: a.lat, lon: a.lon });
    }
  }
  const geoInput: GeoInput[] = nodes.map((n) => ({
    id: n.key,
    kind: n.attributes!.kind,
    lat: n.attributes!.lat,
    lon: n.attributes!.lon,
    country: n.attributes!.country,
  }));
  const positions = geoPositions(geoInput, centroids, worldProjection());

  const wgiByCountry = new Map<string, Record<string, WgiScores>>();
  for (const n of data.nodes) {
    const a = n.attributes;
    if (a?.kind === 'country' && a.wgi) wgiByCountry.set(a.iso3 ?? n.key.slice('country:'.length), a.wgi);
  }
  const shares = supplySharesByMineral(edges.map((e) => ({ source: e.source, target: e.target, mineral: e.attributes!.mineral, tonnes: e.attributes!.tonnes })));
  const byCountry = countryShares(
    nodes.map((n) => ({ id: n.key, kind: n.attributes!.kind, country: n.attributes!.country, aggregate: n.attributes!.aggregate, stage: n.attributes!.stage })),
    shares,
  );

  const graph: ViewGraph = new MultiDirectedGraph<ViewNodeAttributes, ViewEdgeAttributes, ViewGraphAttributes>();
  for (const n of nodes) {
    const a = n.attributes!;
    const p = positions.get(n.key) ?? { x: 0, y: 0 };
    const iso3 = a.kind === 'country' ? (a.iso3 ?? n.key.slice('country:'.length)) : a.country;
    const risk = a.kind === 'mineral' ? null : governanceRisk(iso3 ? (a.wgi ?? wgiByCountry.get(iso3)) : undefined, year);
    const share = largestShare(shares.get(n.key), a.kind === 'country' ? byCountry.get(n.key) : undefined);
    graph.addNode(n.key, {
      ...a,
      x: p.x,
      y: p.y,
      geoX: p.x,
      geoY: p.y,
      label: shortName(a.name ?? n.key),
      supplyShare: share?.share ?? null,
      supplyShareMineral: share?.mineral ?? null,
      pagerank: null,
      betweenness: null,
      risk,
    });
  }
  let maxTonnes = 0;
  for (const e of edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    const attrs = e.attributes!;
    if (typeof attrs.tonnes === 'number' && attrs.tonnes > maxTonnes) maxTonnes = attrs.tonnes;
    if (e.key !== undefined && !graph.hasEdge(e.key)) graph.addDirectedEdgeWithKey(e.key, e.source, e.target, { ...attrs });
    else graph.addDirectedEdge(e.source, e.target, { ...attrs });
  }
  graph.replaceAttributes({ version: String(data.attributes?.version ?? ''), year, years, maxTonnes });
  return graph;
}

/** The largest share over minerals of one or two share maps (a country's own flows and its producers'). */
function largestShare(...maps: Array<ReadonlyMap<string, number> | undefined>): { share: number; mineral: string } | null {
  let best: { share: number; mineral: string } | null = null;
  for (const map of maps) {
    if (!map) continue;
    for (const [mineral, share] of map) if (share > 0 && (!best || share > best.share)) best = { share, mineral };
  }
  return best;
}

/** Writes API centrality scores onto the nodes (missing nodes get null, so a stale score never lingers). */
export function assignScores(graph: ViewGraph, attribute: 'pagerank' | 'betweenness', scores: readonly CentralityScore[]): void {
  const byNode = new Map(scores.map((s) => [s.node, s.value]));
  graph.updateEachNodeAttributes((node, attrs) => ({ ...attrs, [attribute]: byNode.get(node) ?? null }), {
    attributes: [attribute],
  });
}

/** Writes per-mineral supply risk R onto mineral nodes (`mineral:<slug>`). */
export function assignMineralRisk(graph: ViewGraph, riskBySlug: ReadonlyMap<string, number>): void {
  graph.forEachNode((node, attrs) => {
    if (attrs.kind !== 'mineral') return;
    const slug = node.slice('mineral:'.length);
    graph.setNodeAttribute(node, 'risk', riskBySlug.get(slug) ?? null);
  });
}

/** Largest value of a numeric node attribute (0 when none), for size scaling. */
export function maxNodeValue(graph: ViewGraph, attribute: 'supplyShare' | 'pagerank' | 'betweenness'): number {
  let max = 0;
  graph.forEachNode((_n, a) => {
    const v = a[attribute];
    if (typeof v === 'number' && Number.isFinite(v) && v > max) max = v;
  });
  return max;
}

/** A node and, for a country, every drawn node located in it: what "the selected country" stands for. O(n). */
export function focusOf(graph: ViewGraph, id: string): Set<string> {
  const focus = new Set<string>();
  if (!graph.hasNode(id)) return focus;
  focus.add(id);
  if (id.startsWith('country:')) {
    const iso3 = id.slice('country:'.length);
    graph.forEachNode((n, a) => {
      if (a.kind !== 'country' && a.country === iso3) focus.add(n);
    });
  }
  return focus;
}
