// How exposed is a consuming country: its suppliers' shares (from the flows into it), published net import
// reliance (USGS MCS; seed 000 for China), import dependence D = I / (I + P) (seed 003 eq. 1), the HHI of its
// suppliers; and seed 000's three hot-spot types (Wang & Chen, tables 1-3). O(N + E) per call.
import type { SupplyGraph } from '../domain/graph.ts';
import { unknownIdError } from '../domain/errors.ts';
import type { RelianceRecord } from '../domain/model.ts';
import { nirRange } from '../domain/uncertainty.ts';
import type { Dependency, HotSpotType } from './types.ts';
import { OTHER_COUNTRIES, hhiOfShares, isMineral, mineralYearMissing, resolveMineral, resolveOptions, resolveYear } from './common.ts';
import { graphIndex, mineralYearIndex, supplierKey } from './flow-index.ts';
import { computedHotSpot, profileOf, type ComputedHotSpot } from './perspective.ts';
import { roundFigures } from './precision.ts';

export interface DependencyOptions {
  /** Consumer: "USA" or "country:USA"; default every country receiving flows or with published reliance. */
  country: string | undefined;
  mineral: string | undefined;
  year: number | undefined;
}

export const DEFAULT_DEPENDENCY_OPTIONS: DependencyOptions = { country: undefined, mineral: undefined, year: undefined };

/** Extra fields beyond the stable `Dependency` shape. */
export interface DependencyDetail extends Dependency {
  /** Year of the reliance figure used: the latest <= `year` (seed 000's China figures are of their own vintage). */
  relianceYear: number | null;
  /** Tonnes received from the country's own producers, and from others (null when flows carry no tonnes). */
  domesticTonnes: number | null;
  importTonnes: number | null;
  /** Where the suppliers come from: the dataset's flows, or the published import sources when no flow exists. */
  suppliersFrom: 'flows' | 'published-import-sources' | 'none';
  /** Import reliance IR = (imports - exports) / apparent consumption from the year's flows (trade stage); null without consumption. */
  importReliance: number | null;
  /** WGI-weighted supplier risk: sum of supplier share^2 x governance risk G (seed 003 eq. 5-6), the sourcing HHI_WGI. */
  supplierRiskWgi: number;
  /** Seed 000's hot-spot type recomputed from the data of `year` (perspective.ts HOT_SPOT_METHOD). */
  hotSpotComputed: ComputedHotSpot;
  /** Seed 000's own 2017 classification of the mineral for this country (USA, CHN), for comparison; absent elsewhere. */
  hotSpotSeed2017?: HotSpotType;
}

/**
 * Dependencies of consuming countries on each mineral in a year. Throws NotFoundError for an unknown country,
 * mineral or year (with suggestions).
 */
export function dependencies(graph: SupplyGraph, options?: Partial<DependencyOptions>): DependencyDetail[] {
  const opts = resolveOptions('dependencies', DEFAULT_DEPENDENCY_OPTIONS, options);
  const gi = graphIndex(graph);
  const reliance = relianceRecords(graph);
  const available = [...new Set([...gi.years, ...reliance.map((r) => r.year)])].sort((a, b) => a - b);
  const year = resolveYear('dependencies', available, opts.year, gi.defaultYear);
  const mineral = opts.mineral === undefined ? undefined : resolveMineral('dependencies', gi.minerals, opts.mineral);
  let countryId: string | undefined;
  if (opts.country !== undefined) {
    countryId = opts.country.startsWith('country:') ? opts.country : `country:${opts.country.toUpperCase()}`;
    if (!graph.hasNode(countryId) || graph.getNodeAttribute(countryId, 'kind') !== 'country') {
      throw unknownIdError('dependencies: country', countryId, graph.filterNodes((_n, a) => a.kind === 'country'));
    }
  }

  // Pairs (country, mineral) to report: consumers of the year's flows, plus published reliance.
  const pairs = new Map<string, { country: string; mineral: string }>();
  const addPair = (c: string, m: string) => {
    if ((countryId !== undefined && c !== countryId) || (mineral !== undefined && m !== mineral)) return;
    pairs.set(`${c}|${m}`, { country: c, mineral: m });
  };
  const minerals = mineral !== undefined ? [mineral] : [...gi.minerals];
  for (const m of minerals) {
    if (!gi.edgesByKey.has(`${m}|${year}`)) continue;
    const idx = mineralYearIndex(graph, m, year);
    for (const c of idx.consumers) addPair(idx.ids[c]!, m);
  }
  for (const r of reliance) if (r.year <= year) addPair(r.from, r.to.slice('mineral:'.length));

  const hot = hotSpotsByCountryMineral(graph);
  const computed = new Map<string, ComputedHotSpot>();
  const rows: DependencyDetail[] = [];
  for (const { country, mineral: m } of pairs.values()) {
    let hotNow = computed.get(m);
    if (!hotNow) computed.set(m, (hotNow = computedHotSpot(graph, m, year, latestReliance(reliance, 'country:USA', m, year))));
    const profile = gi.edgesByKey.has(`${m}|${year}`) ? profileOf(graph, mineralYearIndex(graph, m, year), country.slice(8), [country.slice(8)]) : null;
    const rel = latestReliance(reliance, country, m, year);
    const row = supplierShares(graph, country, m, year, rel);
    const I = rel?.imports != null ? rel.imports - (rel.exports ?? 0) : null;
    const P = rel?.production ?? null;
    let importDependence: number | null = null;
    if (I !== null && P !== null) importDependence = I <= 0 ? 0 : I + P > 0 ? I / (I + P) : null;
    const hotSpot = hot.get(`${country}|${m}`);
    rows.push(roundFigures({
      country,
      mineral: m,
      year,
      suppliers: row.suppliers.map((s) => roundFigures({ ...s })),
      nir: rel?.nir ?? null,
      ...(rel?.nirRaw !== undefined ? { nirRaw: rel.nirRaw } : {}),
      // A censored NIR (">25") is a range, not a figure: [0.25, 1] (domain/uncertainty.ts).
      ...(rel && nirRange(rel.nirRaw, rel.nir) ? { nirRange: nirRange(rel.nirRaw, rel.nir)! } : {}),
      importDependence,
      supplierHhi: hhiOfShares(row.suppliers.filter((s) => s.country.startsWith('country:')).map((s) => s.share)),
      ...(hotSpot ? { hotSpot } : {}),
      source: [rel?.source, row.from === 'flows' ? "suppliers: the dataset's flows into the country" : undefined]
        .filter(Boolean)
        .join('; '),
      relianceYear: rel?.year ?? null,
      domesticTonnes: row.domestic,
      importTonnes: row.imports,
      suppliersFrom: row.from,
      importReliance: profile?.ir ?? null,
      supplierRiskWgi: profile?.hhiWgi ?? 0,
      hotSpotComputed: hotNow,
      ...(hotSpot ? { hotSpotSeed2017: hotSpot } : {}),
    }));
  }
  rows.sort((a, b) => a.country.localeCompare(b.country) || a.mineral.localeCompare(b.mineral));
  if (mineral !== undefined && opts.year !== undefined && !rows.length) {
    const own = available.filter((y) => gi.edgesByKey.has(`${mineral}|${y}`) || reliance.some((r) => r.year === y && r.to === `mineral:${mineral}`));
    throw mineralYearMissing('dependencies', mineral, year, own, 'flows or reliance figures');
  }
  return rows;
}

function relianceRecords(graph: SupplyGraph): RelianceRecord[] {
  const records = graph.hasAttribute('reliance') ? graph.getAttribute('reliance') : undefined;
  return Array.isArray(records) ? records : [];
}

function latestReliance(records: RelianceRecord[], country: string, mineral: string, year: number): RelianceRecord | undefined {
  let best: RelianceRecord | undefined;
  for (const r of records) {
    if (r.from !== country || r.to !== `mineral:${mineral}` || r.year > year) continue;
    if (!best || r.year > best.year) best = r;
  }
  return best;
}

/** Import suppliers of a consumer by country, from the flows into it (else the published import sources). */
function supplierShares(graph: SupplyGraph, country: string, mineral: string, year: number, rel: RelianceRecord | undefined) {
  const suppliers: Dependency['suppliers'] = [];
  if (graphIndex(graph).edgesByKey.has(`${mineral}|${year}`)) {
    const idx = mineralYearIndex(graph, mineral, year);
    const c = idx.pos.get(country);
    if (c !== undefined && idx.inStart[c + 1]! > idx.inStart[c]!) {
      // Flows with no tonnes but the partner's published share of imports are weighed by that share.
      const byShares = idx.importSharesOnly[c] === 1 || idx.shareUnits;
      const byCountry = new Map<string, number>();
      let domestic = 0;
      let imports = 0;
      for (let j = idx.inStart[c]!; j < idx.inStart[c + 1]!; j++) {
        const e = idx.inEdges[j]!;
        const key = supplierKey(idx, idx.src[e]!);
        const t = idx.importSharesOnly[c] ? idx.importWeight[e]! : idx.tonnes[e]!;
        if (key === country) domestic += t;
        else {
          imports += t;
          byCountry.set(key, (byCountry.get(key) ?? 0) + t);
        }
      }
      // Published import shares are of all imports (unlisted "Other" partners included): kept as published
      // unless they add up to more than 1.
      const whole = idx.importSharesOnly[c] ? Math.max(1, imports) : imports;
      for (const [key, t] of byCountry) {
        suppliers.push({ country: key, share: whole > 0 ? t / whole : 0, tonnes: byShares ? null : t });
      }
      suppliers.sort((a, b) => b.share - a.share || a.country.localeCompare(b.country));
      return {
        suppliers,
        domestic: byShares ? null : domestic,
        imports: byShares ? null : imports,
        from: 'flows' as const,
      };
    }
  }
  if (rel?.importSources && Object.keys(rel.importSources).length) {
    const entries = Object.entries(rel.importSources).filter(([, s]) => typeof s === 'number' && s > 0);
    const total = entries.reduce((sum, [, s]) => sum + s, 0);
    for (const [iso3, s] of entries) {
      suppliers.push({ country: iso3 === OTHER_COUNTRIES ? iso3 : `country:${iso3}`, share: total > 0 ? s / total : 0, tonnes: null });
    }
    suppliers.sort((a, b) => b.share - a.share || a.country.localeCompare(b.country));
    return { suppliers, domestic: null, imports: null, from: 'published-import-sources' as const };
  }
  return { suppliers, domestic: null, imports: null, from: 'none' as const };
}

// ---- Seed 000 hot spots -------------------------------------------------------------------------------------

/** One seed-000 entry as stored on `MineralNode.seed.seed000[]` (src/data/build/minerals.ts). */
interface Seed000Like {
  table: number;
  entry: string;
  entryEn?: string;
  mineral?: string;
  usNir: number | null;
  chinaNir: number | null;
  hhi?: number;
  mainProducers?: Array<{ iso3: string; name?: string; share?: number | null }>;
  usMainSourceChina?: boolean;
  source?: string;
}

export interface HotSpotEntry {
  entry: string;
  entryEn: string;
  mineral: string;
  table: number;
  usNir: number | null;
  chinaNir: number | null;
  hhi: number | null;
  usDependent: boolean;
  chinaDependent: boolean;
  /** China listed first among the entry's main producers (derived). */
  chinaFirstProducer: boolean;
  /** What the paper's section 2 says (China the main US import source), where it says it (table 1). */
  paperChinaMainSource: boolean | null;
  /** The value used: the paper's statement where given, else the derived one. */
  chinaMainSource: boolean;
  type: HotSpotType;
  source: string;
}

export interface HotSpotReport {
  entries: HotSpotEntry[];
  counts: Record<HotSpotType, number>;
  /** Entry names (English) per type. */
  byType: Record<HotSpotType, string[]>;
  notes: string[];
}

/**
 * Seed 000's hot-spot types from the entries' NIRs: "highly dependent" is NIR > 0.5 (the paper's table notes);
 * a printed 0.50 counts as dependent because seed 000 places lithium and zirconium (US NIR printed 0.50, USGS's
 * ">50%") among the 11 materials both countries depend on. Both dependent -> "both-dependent"; US only ->
 * "us-dependent-china-main-source" when China is the main source, else "us-dependent"; China only ->
 * "china-dependent". "China main source" is derived from the main producers (China listed first) and checked
 * against the paper's section 2 list, which names the main US IMPORT source and wins where they disagree.
 */
export function hotSpots(graph: SupplyGraph): HotSpotReport {
  const entries: HotSpotEntry[] = [];
  graph.forEachNode((_id, a) => {
    if (!isMineral(a)) return;
    const list = (a.seed as { seed000?: unknown } | undefined)?.seed000;
    if (!Array.isArray(list)) return;
    for (const raw of list as Seed000Like[]) {
      const usDependent = dependent(raw.usNir);
      const chinaDependent = dependent(raw.chinaNir);
      const chinaFirstProducer = raw.mainProducers?.[0]?.iso3 === 'CHN';
      const paper = typeof raw.usMainSourceChina === 'boolean' ? raw.usMainSourceChina : null;
      const chinaMainSource = paper ?? chinaFirstProducer;
      const type: HotSpotType =
        usDependent && chinaDependent
          ? 'both-dependent'
          : usDependent
            ? chinaMainSource
              ? 'us-dependent-china-main-source'
              : 'us-dependent'
            : chinaDependent
              ? 'china-dependent'
              : 'none';
      entries.push({
        entry: raw.entry,
        entryEn: raw.entryEn ?? raw.entry,
        mineral: raw.mineral ?? a.slug,
        table: raw.table,
        usNir: raw.usNir,
        chinaNir: raw.chinaNir,
        hhi: raw.hhi ?? null,
        usDependent,
        chinaDependent,
        chinaFirstProducer,
        paperChinaMainSource: paper,
        chinaMainSource,
        type,
        source: raw.source ?? 'seed 000',
      });
    }
  });
  entries.sort((x, y) => x.table - y.table || x.entryEn.localeCompare(y.entryEn));
  const types: HotSpotType[] = ['both-dependent', 'us-dependent-china-main-source', 'us-dependent', 'china-dependent', 'none'];
  const counts = Object.fromEntries(types.map((t) => [t, 0])) as Record<HotSpotType, number>;
  const byType = Object.fromEntries(types.map((t) => [t, [] as string[]])) as Record<HotSpotType, string[]>;
  for (const e of entries) {
    counts[e.type]++;
    byType[e.type].push(e.entryEn);
  }
  const notes: string[] = [];
  for (const e of entries) {
    if (e.paperChinaMainSource !== null && e.paperChinaMainSource !== e.chinaFirstProducer) {
      notes.push(
        `${e.entryEn}: ${e.chinaFirstProducer ? 'China is listed first among producers but the paper does not name it the main US import source' : 'the paper names China the main US import source although it is not listed first among producers'}; the paper's statement is used`,
      );
    }
  }
  return { entries, counts, byType, notes };
}

function dependent(nir: number | null): boolean {
  return typeof nir === 'number' && nir >= 0.5;
}

/** "country:USA|cobalt" -> the hot-spot type that concerns that country (for Dependency.hotSpot). */
function hotSpotsByCountryMineral(graph: SupplyGraph): Map<string, HotSpotType> {
  const result = new Map<string, HotSpotType>();
  const concerns: Record<string, HotSpotType[]> = {
    'country:USA': ['both-dependent', 'us-dependent-china-main-source', 'us-dependent'],
    'country:CHN': ['both-dependent', 'china-dependent'],
  };
  for (const e of hotSpots(graph).entries) {
    for (const [country, types] of Object.entries(concerns)) {
      const key = `${country}|${e.mineral}`;
      if (types.includes(e.type)) result.set(key, e.type);
      else if (!result.has(key)) result.set(key, 'none');
    }
  }
  return result;
}
