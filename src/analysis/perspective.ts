// Importer perspectives: a country's (or the EU-27's) trade profile at the traded stage from the flows into and out of
// it (production, imports, exports, apparent consumption, import reliance IR, supplier shares), the EU CRM supply-risk
// formula from the importer's point of view (Blengini et al. 2017, "Methodology for establishing the EU list of
// critical raw materials", JRC / European Commission, eq. SR), and seed 000's hot-spot type recomputed from the year's
// own data. Reads the same cached flow index as impact (flow-index.ts). O(E) per (importer, mineral, year).
import type { SupplyGraph } from '../domain/graph.ts';
import { InvalidInputError, NotFoundError, unknownIdError } from '../domain/errors.ts';
import type { RelianceRecord } from '../domain/model.ts';
import type { HotSpotType, ProductionStage } from './types.ts';
import { OTHER_COUNTRIES, hhiOfShares, resolveMineral, resolveOptions, resolveYear } from './common.ts';
import { graphIndex, mineralYearIndex, supplierKey, type MineralYearIndex } from './flow-index.ts';
import { countryGovernanceRisk } from './risk.ts';

/** The 27 EU member states (since 1 February 2020). */
export const EU27: readonly string[] = [
  'AUT', 'BEL', 'BGR', 'HRV', 'CYP', 'CZE', 'DNK', 'EST', 'FIN', 'FRA', 'DEU', 'GRC', 'HUN', 'IRL',
  'ITA', 'LVA', 'LTU', 'LUX', 'MLT', 'NLD', 'POL', 'PRT', 'ROU', 'SVK', 'SVN', 'ESP', 'SWE',
];

export const SR_METHOD =
  'SR = [HHI_WGI(global supply) x IR/2 + HHI_WGI(importer sourcing) x (1 - IR/2)] x (1 - EoL_RIR) x SI (Blengini et al. 2017, ' +
  'Methodology for establishing the EU list of critical raw materials, JRC/European Commission); HHI_WGI = sum of share^2 x G, ' +
  'G = the WGI governance risk 0..1 of seed 003 eq. 5-6 (the EU method scales WGI 0..10 instead); gross: EoL_RIR = 0 and SI = 1 ' +
  '(no recycling-input or substitution data)';

export interface TradeSupplier {
  country: string;
  share: number;
  tonnes: number;
  /** Governance risk G of the supplier (null without WGI). */
  g: number | null;
}

export interface TradeProfile {
  /** "USA", "DEU" ... or "EU" (the 27 member states as one importer, trade among them excluded). */
  perspective: string;
  members: string[];
  mineral: string;
  year: number;
  /** Final-stage output of producers located in the importer that reaches countries, tonnes. */
  production: number;
  imports: number;
  exports: number;
  /** Apparent consumption = production + imports - exports (what the importer's country nodes keep). */
  consumption: number;
  /** Net import reliance IR = (imports - exports) / consumption, clamped to 0..1; null without consumption. */
  ir: number | null;
  suppliers: TradeSupplier[];
  /** Sourcing HHI of the import shares (0..1 scale, "Other countries" out of the terms). */
  hhi: number;
  /** HHI_WGI of sourcing: sum s^2 G over suppliers with WGI. */
  hhiWgi: number;
}

function membersOf(graph: SupplyGraph, perspective: string): { name: string; members: string[] } {
  const p = perspective.trim().toUpperCase().replace(/^COUNTRY:/, '');
  if (p === 'EU' || p === 'EU27') return { name: 'EU', members: [...EU27] };
  const id = `country:${p}`;
  const isRealCountry = (a: { kind: string }) => a.kind === 'country' && !(a as { aggregate?: boolean }).aggregate;
  if (!graph.hasNode(id) || !isRealCountry(graph.getNodeAttributes(id))) {
    throw unknownIdError('perspective: country', id, graph.filterNodes((_n, a) => isRealCountry(a)));
  }
  return { name: p, members: [p] };
}

const governance = (graph: SupplyGraph, id: string, year: number): number | null => {
  if (!id.startsWith('country:') || !graph.hasNode(id)) return null;
  return countryGovernanceRisk(graph, id, year);
};

/** The trade profile of one importer for one mineral network, from the flows into and out of its nodes. */
export function profileOf(graph: SupplyGraph, idx: MineralYearIndex, perspective: string, members: readonly string[]): TradeProfile {
  const inside = new Set(members);
  let production = 0;
  let imports = 0;
  let exports = 0;
  const bySupplier = new Map<string, number>();
  for (let e = 0; e < idx.m; e++) {
    const s = idx.src[e]!;
    const d = idx.dst[e]!;
    // The traded stage: flows into countries (producer -> country, country -> country); upstream ore is not counted.
    if (!idx.isCountryNode[d]) continue;
    const t = idx.tonnes[e]!;
    const sIn = inside.has(idx.country[s]!);
    const dIn = inside.has(idx.country[d]!);
    if (sIn && !idx.isCountryNode[s]) production += t;
    if (!sIn && dIn) {
      imports += t;
      const key = supplierKey(idx, s);
      bySupplier.set(key, (bySupplier.get(key) ?? 0) + t);
    } else if (sIn && !dIn) exports += t;
  }
  let consumption = 0;
  for (const c of idx.consumers) if (inside.has(idx.country[c]!)) consumption += idx.consumedBefore[c]!;
  const ir = consumption > 0 ? Math.min(1, Math.max(0, (imports - exports) / consumption)) : null;
  const suppliers: TradeSupplier[] = [...bySupplier.entries()]
    .map(([country, tonnes]) => ({ country, tonnes, share: imports > 0 ? tonnes / imports : 0, g: governance(graph, country, idx.year) }))
    .sort((a, b) => b.share - a.share || a.country.localeCompare(b.country));
  const named = suppliers.filter((s) => s.country.startsWith('country:') && s.country !== `country:${OTHER_COUNTRIES}`);
  return {
    perspective,
    members: [...members],
    mineral: idx.mineral,
    year: idx.year,
    production,
    imports,
    exports,
    consumption,
    ir,
    suppliers,
    hhi: hhiOfShares(named.map((s) => s.share)),
    hhiWgi: named.reduce((sum, s) => sum + (s.g === null ? 0 : s.share * s.share * s.g), 0),
  };
}

/** HHI_WGI of global supply at the traded stage: producer countries' shares of what reaches countries, x G. */
export function globalSupplyHhiWgi(graph: SupplyGraph, idx: MineralYearIndex): { hhiWgi: number; stage: ProductionStage | undefined; coverage: number } {
  const byCountry = new Map<string, number>();
  let total = 0;
  const stages = new Map<ProductionStage, number>();
  for (let e = 0; e < idx.m; e++) {
    const s = idx.src[e]!;
    if (idx.isCountryNode[s] || !idx.isCountryNode[idx.dst[e]!]) continue;
    const t = idx.tonnes[e]!;
    total += t;
    const st = idx.stage[s];
    if (st) stages.set(st, (stages.get(st) ?? 0) + t);
    if (idx.country[s] === OTHER_COUNTRIES) continue;
    const key = `country:${idx.country[s]}`;
    byCountry.set(key, (byCountry.get(key) ?? 0) + t);
  }
  let hhiWgi = 0;
  let covered = 0;
  for (const [country, t] of byCountry) {
    const g = governance(graph, country, idx.year);
    if (g === null || !(total > 0)) continue;
    hhiWgi += (t / total) ** 2 * g;
    covered += t / total;
  }
  const stage = [...stages.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { hhiWgi, stage, coverage: covered };
}

export interface PerspectiveRisk {
  perspective: string;
  mineral: string;
  stage: ProductionStage | null;
  year: number;
  sr: number;
  ir: number;
  hhiWgiSupply: number;
  hhiWgiSourcing: number;
  eolRir: 0;
  si: 1;
  gross: true;
  imports: number;
  exports: number;
  consumption: number;
  topSuppliers: Array<{ country: string; share: number }>;
  /** True when the importer has no import flows of the mineral (IR 0: SR = sourcing term of nothing). */
  noImports: boolean;
}

export interface PerspectiveReport {
  perspective: string;
  members: string[];
  year: number;
  method: string;
  risks: PerspectiveRisk[];
  notes: string[];
  sources: string[];
}

export interface PerspectiveOptions {
  perspective: string;
  mineral: string | undefined;
  year: number | undefined;
}

export const DEFAULT_PERSPECTIVE_OPTIONS: PerspectiveOptions = { perspective: 'EU', mineral: undefined, year: undefined };

/**
 * EU CRM supply risk from an importer's perspective, per mineral with flows in the year. InvalidInputError for an
 * empty perspective; NotFoundError for an unknown country, mineral or year.
 */
export function perspectiveRisk(graph: SupplyGraph, options?: Partial<PerspectiveOptions>): PerspectiveReport {
  const opts = resolveOptions('risk --perspective', DEFAULT_PERSPECTIVE_OPTIONS, options);
  if (typeof opts.perspective !== 'string' || !opts.perspective.trim()) {
    throw new InvalidInputError('risk: perspective must be an ISO3 code (e.g. JPN) or EU', [{ field: 'perspective', message: 'expected ISO3 or EU' }]);
  }
  const { name, members } = membersOf(graph, opts.perspective);
  const gi = graphIndex(graph);
  const year = resolveYear('risk', gi.years, opts.year, gi.defaultYear);
  const mineral = opts.mineral === undefined ? undefined : resolveMineral('risk', gi.minerals, opts.mineral);
  const minerals = mineral !== undefined ? [mineral] : [...gi.minerals].sort();
  const risks: PerspectiveRisk[] = [];
  for (const m of minerals) {
    if (!gi.edgesByKey.has(`${m}|${year}`)) continue;
    const idx = mineralYearIndex(graph, m, year);
    const profile = profileOf(graph, idx, name, members);
    if (!(profile.consumption > 0) && !(profile.imports > 0)) continue;
    const supply = globalSupplyHhiWgi(graph, idx);
    const ir = profile.ir ?? 0;
    const sr = supply.hhiWgi * (ir / 2) + profile.hhiWgi * (1 - ir / 2);
    risks.push({
      perspective: name,
      mineral: m,
      stage: supply.stage ?? null,
      year,
      sr,
      ir,
      hhiWgiSupply: supply.hhiWgi,
      hhiWgiSourcing: profile.hhiWgi,
      eolRir: 0,
      si: 1,
      gross: true,
      imports: profile.imports,
      exports: profile.exports,
      consumption: profile.consumption,
      topSuppliers: profile.suppliers.slice(0, 5).map((s) => ({ country: s.country, share: s.share })),
      noImports: !(profile.imports > 0),
    });
  }
  if (mineral !== undefined && !risks.length) {
    throw new NotFoundError(`risk: ${name} has no ${mineral} flows in ${year} (no consumption or imports placed by the data)`, [], { perspective: name, mineral, year });
  }
  risks.sort((a, b) => b.sr - a.sr || a.mineral.localeCompare(b.mineral));
  return {
    perspective: name,
    members,
    year,
    method: SR_METHOD,
    risks,
    notes: [
      'gross supply risk: EoL_RIR = 0 and SI = 1 (no end-of-life recycling-input or substitution data); Blengini et al. 2017 (EU CRM methodology)',
      `IR = (imports - exports) / apparent consumption at the traded stage, from the dataset's flows${name === 'EU' ? '; EU = the 27 member states as one importer, trade among them excluded' : ''}`,
      'trade figures: CEPII BACI, V202601, from UN Comtrade; the traded product is not the element, HS 811292 is shared by Ga/Ge/Hf/In/Nb/Re/V, the extract keeps the top 6 partners per side (totals are lower bounds), and hubs (NLD, BEL, SGP, HKG) re-export',
      'the US keeps its USGS import-source figures; 2025 flows carry the 2024 BACI partner shares forward (estimated)',
    ],
    sources: ['CEPII BACI, V202601, from UN Comtrade', 'USGS, Mineral Commodity Summaries 2026', 'World Bank, Worldwide Governance Indicators (CC BY 4.0)', 'Blengini et al. 2017, EU CRM methodology'],
  };
}

// ---- Seed-000 hot-spot type from the year's own data ---------------------------------------------------------

export interface ComputedHotSpot {
  type: HotSpotType;
  year: number;
  /** US import reliance used: the USGS NIR of the year where published, else IR from the flows. */
  usIr: number | null;
  usIrFrom: 'usgs-nir' | 'flows' | 'none';
  chinaIr: number | null;
  /** China is the largest supplier of US imports in the flows of the year. */
  chinaMainSource: boolean;
  method: string;
}

export const HOT_SPOT_METHOD =
  "seed 000 method on the year's data: dependent = IR >= 0.5 (the paper's NIR > 0.5, a printed 0.50 counted); both -> both-dependent; US only -> us-dependent-china-main-source when China is the largest supplier of US imports, else us-dependent; China only -> china-dependent";

/** Seed 000's type for one mineral and year from the dataset's figures (USGS NIR for the US, flows for China). */
export function computedHotSpot(graph: SupplyGraph, mineral: string, year: number, usReliance?: RelianceRecord): ComputedHotSpot {
  const gi = graphIndex(graph);
  let usIr: number | null = null;
  let usIrFrom: ComputedHotSpot['usIrFrom'] = 'none';
  if (usReliance && usReliance.year === year) {
    if (usReliance.nir !== null) {
      usIr = usReliance.nir;
      usIrFrom = 'usgs-nir';
    } else if (usReliance.netExporter) {
      usIr = 0;
      usIrFrom = 'usgs-nir';
    }
  }
  let chinaIr: number | null = null;
  let chinaMainSource = false;
  if (gi.edgesByKey.has(`${mineral}|${year}`)) {
    const idx = mineralYearIndex(graph, mineral, year);
    const us = profileOf(graph, idx, 'USA', ['USA']);
    if (usIr === null && us.ir !== null) {
      usIr = us.ir;
      usIrFrom = 'flows';
    }
    chinaMainSource = us.suppliers[0]?.country === 'country:CHN';
    chinaIr = profileOf(graph, idx, 'CHN', ['CHN']).ir;
  }
  const usDep = usIr !== null && usIr >= 0.5;
  const cnDep = chinaIr !== null && chinaIr >= 0.5;
  const type: HotSpotType = usDep && cnDep ? 'both-dependent' : usDep ? (chinaMainSource ? 'us-dependent-china-main-source' : 'us-dependent') : cnDep ? 'china-dependent' : 'none';
  return { type, year, usIr, usIrFrom, chinaIr, chinaMainSource, method: HOT_SPOT_METHOD };
}

export interface ResidualRow {
  mineral: string;
  year: number;
  /** Share of final supply held by country:ROW (what the data cannot place). */
  residualShare: number;
  namedConsumers: number;
}

/** Per mineral with flows in the year: how much of final supply only country:ROW holds, and how many named consumers take the rest. */
export function residualByMineral(graph: SupplyGraph, year?: number): ResidualRow[] {
  const gi = graphIndex(graph);
  const y = year ?? gi.defaultYear;
  if (y === undefined) return [];
  const rows: ResidualRow[] = [];
  for (const m of [...gi.minerals].sort()) {
    if (!gi.edgesByKey.has(`${m}|${y}`)) continue;
    const idx = mineralYearIndex(graph, m, y);
    if (!(idx.totalBefore > 0)) continue;
    let row = 0;
    let named = 0;
    for (const c of idx.consumers) {
      if (idx.ids[c] === 'country:ROW') row += idx.consumedBefore[c]!;
      else if (idx.consumedBefore[c]! > 0) named++;
    }
    rows.push({ mineral: m, year: y, residualShare: row / idx.totalBefore, namedConsumers: named });
  }
  return rows;
}
