// The seeds' time-based measures. Market dynamics (seed 003 eq. 2-3): M^r = the 5-year coefficient of variation of
// the annual US price, sd with the paper's divisor (t - t') = 4, min-max normalised over every mineral and year
// computed; shown with import dependence (eq. 1) and supply risk (eq. 4-7) as the seed's three-indicator view, beside
// seed 003 table 1. Risk transmission (seed 001 eq. 3-4) between two importers that share suppliers, with the
// volatilities and the correlation estimated from the BACI trade series 2002-2024.
import type { SupplyGraph } from '../domain/graph.ts';
import { InvalidInputError, NotFoundError } from '../domain/errors.ts';
import type { TradeSeries } from '../data/build/trade-series.ts';
import { SEED003_CITATION, SEED003_TABLE1, directionOf, type Direction } from '../data/sources/seed003.ts';
import { dependencies } from './dependency.ts';
import { supplyRisk } from './risk.ts';
import { isMineral, knownMinerals, resolveMineral, round } from './common.ts';

/** Seed 003: "时间范围定为5 a" (a five-year window). */
export const MARKET_WINDOW = 5;

export interface MarketDynamics {
  mineral: string;
  year: number;
  window: [number, number];
  prices: Record<string, number>;
  /** M^r before normalisation (eq. 2). */
  raw: number;
  /** Eq. 3, over every mineral and year computed. */
  value: number;
  price: { statistic: string; unit: string };
  source: string;
  estimated: boolean;
  rule: string;
}

/** Eq. 2 for every mineral with a price in each year of a full window, then eq. 3 over all of them. */
export function marketDynamics(graph: SupplyGraph): MarketDynamics[] {
  const out: MarketDynamics[] = [];
  graph.forEachNode((_id, a) => {
    if (!isMineral(a) || !a.price) return;
    const years = Object.keys(a.price.values).map(Number).sort((x, y) => x - y);
    for (const t of years) {
      const from = t - MARKET_WINDOW + 1;
      const window = Array.from({ length: MARKET_WINDOW }, (_, i) => from + i);
      if (!window.every((y) => a.price!.values[String(y)] !== undefined)) continue;
      const p = window.map((y) => a.price!.values[String(y)]!);
      const mean = p.reduce((s, v) => s + v, 0) / p.length;
      const sd = Math.sqrt(p.reduce((s, v) => s + (v - mean) ** 2, 0) / (t - from));
      out.push({
        mineral: a.slug,
        year: t,
        window: [from, t],
        prices: Object.fromEntries(window.map((y, i) => [String(y), p[i]!])),
        raw: mean > 0 ? sd / mean : 0,
        value: 0,
        price: { statistic: a.price.statistic, unit: a.price.unit },
        source: a.price.source,
        // The window's last year is the USGS 2025e estimate.
        estimated: t >= 2025,
        rule: `seed 003 eq. 2-3: sd / mean of the annual price ${from}-${t} (divisor t - t' = ${t - from}), min-max over every mineral and year computed${t >= 2025 ? '; 2025 price is the USGS estimate' : ''}`,
      });
    }
  });
  const raws = out.map((m) => m.raw);
  const min = Math.min(...raws);
  const max = Math.max(...raws);
  for (const m of out) {
    m.raw = round(m.raw, 6);
    m.value = max > min ? round((m.raw - min) / (max - min), 4) : 0;
  }
  return out.sort((a, b) => (a.mineral < b.mineral ? -1 : a.mineral > b.mineral ? 1 : a.year - b.year));
}

export interface ThreeIndicatorRow {
  mineral: string;
  year: number;
  /** Seed 003 eq. 1, D = I / (I + P), for the United States (else the published NIR). */
  importDependence: number | null;
  importDependenceBasis: 'D = I/(I+P)' | 'published NIR' | null;
  supplyRisk: number | null;
  supplyRiskStage: string | null;
  marketDynamics: number | null;
  marketWindow: string | null;
  /** Seed 003 table 1 (2013-2022): its 2022 value and the 2013-2022 direction. */
  seed003Market: { value2022: number | null; direction: Direction; citation: string } | null;
  estimated: boolean;
  notes: string[];
}

/** Seed 003's view per mineral for one year (default: the latest year with market dynamics). */
export function threeIndicators(graph: SupplyGraph, options: { mineral?: string; year?: number } = {}): ThreeIndicatorRow[] {
  const mineral = options.mineral === undefined ? undefined : resolveMineral('threeIndicators', knownMinerals(graph), options.mineral);
  const market = marketDynamics(graph);
  const years = [...new Set(market.map((m) => m.year))].sort((a, b) => a - b);
  const year = options.year ?? years[years.length - 1];
  if (year === undefined) throw new NotFoundError('threeIndicators: no mineral carries a price series (rebuild the dataset)');
  const risk = supplyRisk(graph, {});
  const riskYears = new Set(risk.risks.map((r) => r.year));
  const depYears = new Set<number>();
  let deps: ReturnType<typeof dependencies> = [];
  try {
    deps = dependencies(graph, { country: 'USA', year });
    depYears.add(year);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  if (!years.includes(year) && !riskYears.has(year) && !depYears.size) {
    throw new NotFoundError(
      `threeIndicators: no figures for ${year} (market dynamics: ${years.join(', ') || 'none'}; supply risk: ${[...riskYears].sort().join(', ')})`,
      [...new Set([...years, ...riskYears])].map(String),
      { available: years },
    );
  }
  const slugs = new Set<string>();
  for (const m of market) if (m.year === year) slugs.add(m.mineral);
  for (const r of risk.risks) if (r.year === year) slugs.add(r.mineral);
  const rows: ThreeIndicatorRow[] = [];
  for (const slug of [...slugs].sort()) {
    if (mineral !== undefined && slug !== mineral) continue;
    const m = market.find((x) => x.mineral === slug && x.year === year);
    const risks = risk.risks.filter((r) => r.mineral === slug && r.year === year).sort((a, b) => b.risk - a.risk);
    const d = deps.find((x) => x.mineral === slug);
    const seed = SEED003_TABLE1.find((r) => r.slug === slug);
    const notes: string[] = [];
    if (!m) notes.push(`market dynamics needs ${MARKET_WINDOW} annual prices ending in ${year}; USGS MCS 2026 gives 2021-2025e`);
    if (risks.length > 1) notes.push(`supply risk of the ${risks[0]!.stage} stage (the higher of mine and refined)`);
    rows.push({
      mineral: slug,
      year,
      importDependence: d?.importDependence ?? d?.nir ?? null,
      importDependenceBasis: d?.importDependence != null ? 'D = I/(I+P)' : d?.nir != null ? 'published NIR' : null,
      supplyRisk: risks[0] ? round(risks[0].risk, 4) : null,
      supplyRiskStage: risks[0]?.stage ?? null,
      marketDynamics: m?.value ?? null,
      marketWindow: m ? `${m.window[0]}-${m.window[1]}` : null,
      seed003Market: seed ? { value2022: seed.values[2022] ?? null, direction: directionOf(seed.values), citation: `${SEED003_CITATION}, Table 1` } : null,
      estimated: (m?.estimated ?? false) || year >= 2025,
      notes,
    });
  }
  if (mineral !== undefined && !rows.length) throw new NotFoundError(`threeIndicators: no figures for ${mineral} in ${year}`, years.map(String));
  return rows;
}

export interface RiskTransmission {
  mineral: string;
  importers: [string, string];
  window: [number, number];
  years: number;
  /** Annual log change of each importer's import value: sample sd (σ_x, σ_y) and their correlation ρ_xy. */
  sigma: [number, number];
  rho: number;
  /** Latest year's imports from the suppliers both share (n_x, n_y), total imports (s̄_x, s̄_y), USD. */
  sharedSuppliers: string[];
  sharedImportsUsd: [number, number];
  totalImportsUsd: [number, number];
  bilateralYear: number;
  theta: number;
  /** Seed 001 eq. 3 and eq. 4 divided by α² (the seed's unknown Cobb-Douglas resource share): equal by construction. */
  covarianceEq3: number;
  covarianceEq4: number;
  source: string;
  estimated: true;
  rule: string;
}

const sd = (xs: number[]) => {
  const m = xs.reduce((s, v) => s + v, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1));
};

/** Seed 001 eq. 3-4 for importers `a` and `b` (ISO3) of one mineral, on the BACI series. */
export function riskTransmission(trade: TradeSeries | null, options: { mineral: string; a: string; b: string; from?: number; to?: number }): RiskTransmission {
  if (!trade) throw new NotFoundError('riskTransmission: no trade series loaded (graph/data/trade-series.json; run `npm run data:build`)');
  const series = trade.minerals[options.mineral];
  if (!series) throw new NotFoundError(`riskTransmission: no BACI trade series for "${options.mineral}"`, Object.keys(trade.minerals), { mineral: options.mineral });
  const a = options.a.toUpperCase().replace(/^COUNTRY:/, '');
  const b = options.b.toUpperCase().replace(/^COUNTRY:/, '');
  if (a === b) throw new InvalidInputError('riskTransmission: the two importers must differ', [{ field: 'b', message: 'same as a' }]);
  for (const c of [a, b]) {
    if (!series.imports[c]) {
      throw new NotFoundError(`riskTransmission: ${c} imports no ${options.mineral} in the BACI extract`, Object.keys(series.imports).slice(0, 20), { mineral: options.mineral });
    }
  }
  const from = options.from ?? trade.years[0]!;
  const to = options.to ?? trade.years[trade.years.length - 1]!;
  const ga: number[] = [];
  const gb: number[] = [];
  const va = series.imports[a]!;
  const vb = series.imports[b]!;
  trade.years.forEach((y, k) => {
    if (k === 0 || y <= from || y > to) return;
    const [a0, a1, b0, b1] = [va[k - 1], va[k], vb[k - 1], vb[k]];
    if (!a0 || !a1 || !b0 || !b1) return;
    ga.push(Math.log(a1 / a0));
    gb.push(Math.log(b1 / b0));
  });
  if (ga.length < 3) throw new NotFoundError(`riskTransmission: ${a} and ${b} both import ${options.mineral} in fewer than 4 consecutive years of ${from}-${to}`);
  const sa = sd(ga);
  const sb = sd(gb);
  const ma = ga.reduce((s, v) => s + v, 0) / ga.length;
  const mb = gb.reduce((s, v) => s + v, 0) / gb.length;
  const cov = ga.reduce((s, v, i) => s + (v - ma) * (gb[i]! - mb), 0) / (ga.length - 1);
  const rho = sa > 0 && sb > 0 ? cov / (sa * sb) : 0;

  const suppliersOf = (c: string) => new Map(series.bilateral.rows.filter((r) => r[1] === c).map((r) => [r[0], r[2]] as const));
  const sa2 = suppliersOf(a);
  const sb2 = suppliersOf(b);
  const shared = [...sa2.keys()].filter((e) => sb2.has(e)).sort();
  const nx = shared.reduce((s, e) => s + sa2.get(e)!, 0);
  const ny = shared.reduce((s, e) => s + sb2.get(e)!, 0);
  const sx = [...sa2.values()].reduce((s, v) => s + v, 0);
  const sy = [...sb2.values()].reduce((s, v) => s + v, 0);
  const n = nx + ny;
  const theta = n > 0 ? nx / n : 0;
  const eq3 = sx > 0 && sy > 0 ? ((nx * ny) / (sx * sy)) * rho * sa * sb : 0;
  const eq4 = sx > 0 && sy > 0 ? (((1 - theta) * theta * n * n) / (sx * sy)) * rho * sa * sb : 0;
  return {
    mineral: options.mineral,
    importers: [a, b],
    window: [from, to],
    years: ga.length,
    sigma: [round(sa, 6), round(sb, 6)],
    rho: round(rho, 6),
    sharedSuppliers: shared,
    sharedImportsUsd: [round(nx, 0), round(ny, 0)],
    totalImportsUsd: [round(sx, 0), round(sy, 0)],
    bilateralYear: series.bilateral.year,
    theta: round(theta, 6),
    covarianceEq3: round(eq3, 8),
    covarianceEq4: round(eq4, 8),
    source: `${series.source}; seed 001 (中美关键矿产资源供给风险传导) eq. 3-4`,
    estimated: true,
    rule:
      `estimate: seed 001 eq. 3 cov(b_x,b_y)/α² = n_x n_y / (s̄_x s̄_y) ρ_xy σ_x σ_y (eq. 4 the same with θ = n_x/n); σ and ρ of the annual log change of each importer's ${options.mineral} import value, BACI ${from}-${to} (${ga.length} year pairs), standing in for the seed's economic-output volatility; ` +
      `n = imports from the suppliers both share in ${series.bilateral.year}, s̄ = total imports that year (by value: the extract has tonnes only for 2024, and only the top-6 partners per country)`,
  };
}
