// Read models of the HTTP API that no analysis provides as such: mineral summaries, node details, node search and the
// filtered subgraph for the web view. Pure functions of the typed graph (and analysis results), O(V + E) at most.
import type { FlowAttributes, NodeAttributes, SupplyGraph } from '../domain/graph.ts';
import type { CountryNode, FacilityNode, MineralNode, NodeKind, Stage } from '../domain/model.ts';
import { editDistance, NotFoundError, unknownIdError } from '../domain/errors.ts';
import type { Concentration, ProductionStage, RiskReport } from '../analysis/types.ts';
import { defaultYear } from '../analysis/flow-index.ts';

export const KIND_ORDER: Record<NodeKind, number> = { country: 0, mineral: 1, mine: 2, refiner: 3 };
/** Producer nodes listed per stage in a mineral's detail (the rest are counted in the concentration). */
export const MAX_PRODUCERS_PER_STAGE = 100;
const MAX_PEERS = 10;

// NodeAttributes is Omit<SupplyNode, 'id'>, which does not narrow on `kind`: these guards restore the variants.
type Attrs<T> = Omit<T, 'id'>;
const asCountry = (a: NodeAttributes): Attrs<CountryNode> | undefined =>
  a.kind === 'country' ? (a as Attrs<CountryNode>) : undefined;
const asMineral = (a: NodeAttributes): Attrs<MineralNode> | undefined =>
  a.kind === 'mineral' ? (a as Attrs<MineralNode>) : undefined;
const asFacility = (a: NodeAttributes): Attrs<FacilityNode> | undefined =>
  a.kind === 'mine' || a.kind === 'refiner' ? (a as Attrs<FacilityNode>) : undefined;

export function graphYears(graph: SupplyGraph): number[] {
  const years = graph.getAttribute('years');
  return Array.isArray(years) ? years : [];
}

/**
 * The year the API answers for when none is given: the analyses' default (the latest year with flows and production
 * figures), so a stray flow dated later than every production figure never becomes the default.
 */
export function latestYear(graph: SupplyGraph): number | null {
  return defaultYear(graph);
}

export function mineralSlugs(graph: SupplyGraph): string[] {
  const slugs: string[] = [];
  graph.forEachNode((_id, a) => {
    const m = asMineral(a);
    if (m) slugs.push(m.slug);
  });
  return slugs.sort();
}

/** Throws NotFoundError with suggestions for a slug that has no mineral node. */
export function requireMineral(graph: SupplyGraph, slug: string): void {
  if (!graph.hasNode(`mineral:${slug}`)) throw unknownIdError('mineral', slug, mineralSlugs(graph));
}

/** Throws NotFoundError listing the years that have flows. */
export function requireYear(graph: SupplyGraph, year: number | undefined): void {
  if (year === undefined) return;
  const years = graphYears(graph);
  if (!years.includes(year)) {
    throw new NotFoundError(`no flows for year ${year} (available: ${years.join(', ') || 'none'})`, years.map(String), {
      available: years,
    });
  }
}

export function requireNode(graph: SupplyGraph, id: string): NodeAttributes {
  if (!graph.hasNode(id)) throw unknownIdError('node', id, graph.nodes(), (n) => graph.getNodeAttribute(n, 'name'));
  return graph.getNodeAttributes(id);
}

function countryOf(attrs: NodeAttributes): string | undefined {
  return asCountry(attrs)?.iso3 ?? asFacility(attrs)?.country;
}

function stageOf(attrs: NodeAttributes): ProductionStage | undefined {
  const f = asFacility(attrs);
  if (!f) return undefined;
  if (f.stage === 'mine' || f.stage === 'refined') return f.stage;
  return f.kind === 'mine' ? 'mine' : 'refined';
}

/** Latest-first concentration per (stage, year) -> the entry of the latest year of the first stage present. */
function headline(concentrations: Concentration[]): Concentration | undefined {
  let best: Concentration | undefined;
  for (const c of concentrations) {
    if (!best || c.year > best.year || (c.year === best.year && c.stage === 'mine' && best.stage !== 'mine')) {
      best = c;
    }
  }
  return best;
}

export interface MineralSummary {
  id: string;
  slug: string;
  name: string;
  lists: { us2022?: boolean; eu2023?: boolean; cn2016?: boolean };
  stages: ProductionStage[];
  year: number | null;
  hhi: number | null;
  topProducer: { country: string; share: number } | null;
}

export function mineralSummaries(graph: SupplyGraph, concentrations: Concentration[]): MineralSummary[] {
  const bySlug = new Map<string, Concentration[]>();
  for (const c of concentrations) {
    const list = bySlug.get(c.mineral) ?? [];
    list.push(c);
    bySlug.set(c.mineral, list);
  }
  const out: MineralSummary[] = [];
  graph.forEachNode((id, attrs) => {
    const a = asMineral(attrs);
    if (!a) return;
    const mine = bySlug.get(a.slug) ?? [];
    const top = headline(mine);
    const leader = top ? [...top.producers].sort((x, y) => y.share - x.share)[0] : undefined;
    out.push({
      id,
      slug: a.slug,
      name: a.name,
      lists: a.lists ?? {},
      stages: [...new Set(mine.map((c) => c.stage))].sort() as ProductionStage[],
      year: top?.year ?? null,
      hhi: top?.hhi ?? null,
      topProducer: leader ? { country: leader.country, share: leader.share } : null,
    });
  });
  return out.sort((x, y) => x.slug.localeCompare(y.slug));
}

interface ProducerNode {
  node: string;
  name: string;
  country: string;
  aggregate: boolean;
  tonnes: number | null;
}

/** Sum of a node's out-flow tonnes of one mineral in one year (null when no flow carries a tonnage). */
function outTonnes(graph: SupplyGraph, id: string, mineral: string, year: number | null): number | null {
  let total: number | null = null;
  graph.forEachOutEdge(id, (_e, a) => {
    if (a.mineral !== mineral || (year !== null && a.year !== year) || a.tonnes === null) return;
    total = (total ?? 0) + a.tonnes;
  });
  return total;
}

export function mineralDetail(graph: SupplyGraph, slug: string, concentrations: Concentration[], risk: RiskReport) {
  const attrs = asMineral(graph.getNodeAttributes(`mineral:${slug}`));
  if (!attrs) throw new NotFoundError(`"mineral:${slug}" is not a mineral node`);
  const mine = concentrations.filter((c) => c.mineral === slug);
  const year = headline(mine)?.year ?? latestYear(graph);
  const producers: Record<string, ProducerNode[]> = {};
  graph.forEachNode((id, attrs) => {
    const a = asFacility(attrs);
    if (!a) return;
    if (a.mineral !== slug && !(a.minerals ?? []).includes(slug)) return;
    const stage = stageOf(attrs)!;
    const published = year !== null ? a.output?.[String(year)] : undefined;
    (producers[stage] ??= []).push({
      node: id,
      name: a.name,
      country: a.country,
      aggregate: Boolean(a.aggregate),
      tonnes: published ?? outTonnes(graph, id, slug, year),
    });
  });
  for (const stage of Object.keys(producers)) {
    producers[stage] = producers[stage]!.sort(
      (x, y) => (y.tonnes ?? -1) - (x.tonnes ?? -1) || x.node.localeCompare(y.node),
    ).slice(0, MAX_PRODUCERS_PER_STAGE);
  }
  return {
    id: `mineral:${slug}`,
    slug,
    name: attrs.name,
    lists: attrs.lists ?? {},
    units: (attrs.units ?? {}) as Record<string, string>,
    applications: attrs.applications ?? [],
    source: attrs.source,
    year,
    concentration: mine.sort((x, y) => x.stage.localeCompare(y.stage) || x.year - y.year),
    risk: risk.risks.filter((r) => r.mineral === slug),
    producers,
  };
}

/** Each query word of 4+ letters is within 1 edit (2 from 8 letters) of a word of the name (Levenshtein). */
function oneTypoAway(name: string, text: string): boolean {
  const words = name.split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
  return text
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .every((q) =>
      q.length < 4
        ? words.some((w) => w.startsWith(q))
        : words.some((w) => Math.abs(w.length - q.length) <= 2 && editDistance(q, w) <= (q.length >= 8 ? 2 : 1)),
    );
}

interface SearchEntry {
  id: string;
  kind: NodeKind;
  name: string;
  country?: string;
  haystack: string;
  nameLower: string;
}

/** Lower case without diacritics, so "Catalão" finds ICMM's "Catalao" and "cote" finds Côte d'Ivoire. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function searchIndex(graph: SupplyGraph): SearchEntry[] {
  const entries: SearchEntry[] = [];
  graph.forEachNode((id, a) => {
    const country = countryOf(a);
    const entry: SearchEntry = {
      id,
      kind: a.kind,
      name: a.name,
      haystack: foldText(`${id} ${a.name}`),
      nameLower: foldText(a.name),
    };
    if (country !== undefined) entry.country = country;
    entries.push(entry);
  });
  return entries;
}

/**
 * Search by id or name: exact id or key first, then names starting with the text, then words starting with it,
 * then any substring, then names one typo away (a word within one edit, two from 8 letters: "niobum"); accent- and
 * case-insensitive; ties by kind (countries first) and name. O(n log n) over the matches.
 */
export function searchNodes(index: SearchEntry[], q: string | undefined, kind: NodeKind | undefined) {
  const text = q === undefined ? undefined : foldText(q.trim());
  const scored: Array<[number, SearchEntry]> = [];
  for (const entry of index) {
    if (kind && entry.kind !== kind) continue;
    if (!text) {
      scored.push([0, entry]);
      continue;
    }
    const id = entry.id.toLowerCase();
    let score: number;
    if (id === text || id.slice(id.indexOf(':') + 1) === text || entry.nameLower === text) score = 0;
    else if (entry.nameLower.startsWith(text)) score = 1;
    else if (entry.nameLower.includes(` ${text}`) || id.includes(`:${text}`)) score = 2;
    else if (entry.haystack.includes(text)) score = 3;
    else if (text.length >= 4 && oneTypoAway(entry.nameLower, text)) score = 4;
    else continue;
    scored.push([score, entry]);
  }
  scored.sort(
    (a, b) => a[0] - b[0] || KIND_ORDER[a[1].kind] - KIND_ORDER[b[1].kind] || a[1].name.localeCompare(b[1].name),
  );
  return scored.map(([, e]) => {
    const item: { id: string; kind: NodeKind; name: string; country?: string } = {
      id: e.id,
      kind: e.kind,
      name: e.name,
    };
    if (e.country !== undefined) item.country = e.country;
    return item;
  });
}

interface FlowPeer {
  node: string;
  name: string;
  mineral: string;
  stage: Stage;
  tonnes: number | null;
}

function topPeers(graph: SupplyGraph, flows: Array<[string, FlowAttributes]>): FlowPeer[] {
  return flows
    .map(([peer, a]) => ({
      node: peer,
      name: graph.getNodeAttribute(peer, 'name'),
      mineral: a.mineral,
      stage: a.stage,
      tonnes: a.tonnes,
    }))
    .sort((x, y) => (y.tonnes ?? -1) - (x.tonnes ?? -1) || x.node.localeCompare(y.node))
    .slice(0, MAX_PEERS);
}

export function nodeDetail(
  graph: SupplyGraph,
  id: string,
  concentrations: Concentration[],
  governanceRisk: ((iso3: string, year: number) => number | null) | undefined,
) {
  const attrs = requireNode(graph, id);
  const year = latestYear(graph);
  const sources = new Map<string, { source: string; year: number; records: number }>();
  const cite = (source: string, y: number) => {
    const key = `${source}\u0000${y}`;
    const entry = sources.get(key) ?? { source, year: y, records: 0 };
    entry.records++;
    sources.set(key, entry);
  };
  cite(attrs.source, attrs.year);
  const tonnesIn: Record<string, number> = {};
  const tonnesOut: Record<string, number> = {};
  const inFlows: Array<[string, FlowAttributes]> = [];
  const outFlows: Array<[string, FlowAttributes]> = [];
  graph.forEachInEdge(id, (_e, a, source) => {
    cite(a.source, a.year);
    if (a.year !== year) return;
    inFlows.push([source, a]);
    if (a.tonnes !== null) tonnesIn[a.mineral] = (tonnesIn[a.mineral] ?? 0) + a.tonnes;
  });
  graph.forEachOutEdge(id, (_e, a, _s, target) => {
    cite(a.source, a.year);
    if (a.year !== year) return;
    outFlows.push([target, a]);
    if (a.tonnes !== null) tonnesOut[a.mineral] = (tonnesOut[a.mineral] ?? 0) + a.tonnes;
  });

  // Production shares come from the concentration analysis, which groups producers by country.
  const iso3 = countryOf(attrs);
  const stage = stageOf(attrs);
  const aggregateMineral = asFacility(attrs)?.mineral;
  const production = [];
  if (attrs.kind === 'country' || aggregateMineral) {
    for (const c of concentrations) {
      if (attrs.kind !== 'country' && (c.mineral !== aggregateMineral || c.stage !== stage)) continue;
      const p = c.producers.find((x) => x.node === id || x.country === iso3);
      if (p)
        production.push({
          mineral: c.mineral,
          stage: c.stage,
          year: c.year,
          tonnes: p.tonnes,
          share: p.share,
          hhi: c.hhi,
        });
    }
  }
  production.sort((x, y) => x.mineral.localeCompare(y.mineral) || x.stage.localeCompare(y.stage) || x.year - y.year);

  const metrics: {
    year: number | null;
    flowsIn: number;
    flowsOut: number;
    tonnesIn: Record<string, number>;
    tonnesOut: Record<string, number>;
    production: typeof production;
    governanceRisk?: number | null;
  } = { year, flowsIn: inFlows.length, flowsOut: outFlows.length, tonnesIn, tonnesOut, production };
  if (attrs.kind === 'country' && governanceRisk && iso3 && year !== null)
    metrics.governanceRisk = governanceRisk(iso3, year);

  return {
    id,
    kind: attrs.kind,
    attributes: attrs as unknown as Record<string, unknown>,
    sources: [...sources.values()].sort((x, y) => y.records - x.records || x.source.localeCompare(y.source)),
    metrics,
    suppliers: topPeers(graph, inFlows),
    customers: topPeers(graph, outFlows),
  };
}

export interface SubgraphFilter {
  mineral?: string;
  stage?: Stage;
  year?: number;
}

/**
 * The flows matching the filter and every node they touch (so countries that are only endpoints are included),
 * as a new graph sharing attribute objects with the source graph: O(V + E), no deep copy.
 */
export function filteredSubgraph(graph: SupplyGraph, filter: SubgraphFilter): SupplyGraph {
  const sub = graph.nullCopy();
  const keep = (a: FlowAttributes) =>
    (!filter.mineral || a.mineral === filter.mineral) &&
    (!filter.stage || a.stage === filter.stage) &&
    (filter.year === undefined || a.year === filter.year);
  graph.forEachEdge((edge, a, source, target, sa, ta) => {
    if (!keep(a)) return;
    if (!sub.hasNode(source)) sub.addNode(source, sa);
    if (!sub.hasNode(target)) sub.addNode(target, ta);
    sub.addDirectedEdgeWithKey(edge, source, target, a);
  });
  // The country each kept facility or aggregate is LOCATED_IN, so the web view's geographic layout can place it and
  // a search for a producing country finds a node (added by the web view's owner; no edge is added).
  const locatedIn = new Set<string>();
  sub.forEachNode((_n, a) => {
    if (a.kind === 'mine' || a.kind === 'refiner') locatedIn.add(`country:${(a as FacilityNode).country}`);
  });
  for (const country of locatedIn) {
    if (!sub.hasNode(country) && graph.hasNode(country)) sub.addNode(country, graph.getNodeAttributes(country));
  }
  if (filter.mineral && !sub.hasNode(`mineral:${filter.mineral}`)) {
    sub.addNode(`mineral:${filter.mineral}`, graph.getNodeAttributes(`mineral:${filter.mineral}`));
  }
  const years = new Set<number>();
  sub.forEachEdge((_e, a) => years.add(a.year));
  sub.replaceAttributes({
    version: graph.getAttribute('version'),
    years: [...years].sort((a, b) => a - b),
    reliance: [],
  });
  return sub;
}
