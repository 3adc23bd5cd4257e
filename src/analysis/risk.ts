// WGI-weighted supply risk (seed 003 eq. 4-7, after Nassar et al. 2020; DOMAIN.md "Measures"):
//   G'_j,i = 1 - (WGI_j,i + 3.5) / 7 for the six WGI indicators (eq. 5); G_i = geometric mean of the six (eq. 6);
//   R_raw = sum_i s_i^2 G_i over producer countries (eq. 4); R = min-max of R_raw over every mineral, stage and
//   year computed (eq. 7); low/high threshold by 2-means (k-means, k = 2, 1-D), solved exactly (see twoMeans).
// Seed 003 reports a threshold of 0.29 from "the Euclidean distance between the two cluster centres"; in 1-D
// the boundary that separates the two clusters is the midpoint of the centres, which is what we use (both the
// centres and the paper's distance are returned). O(P) for P producer figures plus O(R log R) for 2-means.
import type { SupplyGraph } from '../domain/graph.ts';
import { NotFoundError, unknownIdError } from '../domain/errors.ts';
import { WGI_INDICATORS, type WgiIndicator } from '../domain/model.ts';
import type { RiskReport, SupplyRisk } from './types.ts';
import { concentration, type ConcentrationDetail } from './concentration.ts';
import { graphIndex, type GraphIndex } from './flow-index.ts';
import { OTHER_COUNTRIES, isCountry, knownMinerals, resolveMineral, resolveOptions, resolveYear } from './common.ts';

export interface RiskOptions {
  mineral: string | undefined;
  year: number | undefined;
}

export const DEFAULT_RISK_OPTIONS: RiskOptions = { mineral: undefined, year: undefined };

export interface GovernanceRisk {
  country: string;
  iso3: string;
  /** The WGI year used: the latest <= the requested year with all six indicators. */
  wgiYear: number;
  /** G_i, 0 (best governance) .. 1 (worst). */
  risk: number;
  /** G'_j per indicator. */
  components: Record<WgiIndicator, number>;
}

/**
 * Governance risk G_i of a country (seed 003 eq. 5-6), 0 (best) .. 1 (worst), from the latest WGI year <= `year`
 * with all six indicators; null when the country has no such WGI figures. NotFoundError for an unknown country.
 */
export function countryGovernanceRisk(graph: SupplyGraph, iso3: string, year: number): number | null {
  return countryGovernance(graph, iso3, year)?.risk ?? null;
}

/** countryGovernanceRisk with its WGI year and the six G'_j components. */
export function countryGovernance(graph: SupplyGraph, iso3: string, year: number): GovernanceRisk | null {
  const id = iso3.startsWith('country:') ? iso3 : `country:${iso3}`;
  if (!graph.hasNode(id) || graph.getNodeAttribute(id, 'kind') !== 'country') {
    throw unknownIdError('countryGovernanceRisk: country', id, graph.filterNodes((_n, a) => a.kind === 'country'));
  }
  return governanceOf(graph, id, year);
}

// Keyed by the graph's cached index, which is rebuilt whenever the graph changes (flow-index.ts).
const governanceCache = new WeakMap<GraphIndex, Map<string, GovernanceRisk | null>>();

function governanceOf(graph: SupplyGraph, id: string, year: number): GovernanceRisk | null {
  const gi = graphIndex(graph);
  let byKey = governanceCache.get(gi);
  if (!byKey) governanceCache.set(gi, (byKey = new Map()));
  const key = `${id}|${year}`;
  if (byKey.has(key)) return byKey.get(key)!;
  let result: GovernanceRisk | null = null;
  const a = graph.hasNode(id) ? graph.getNodeAttributes(id) : undefined;
  if (a && isCountry(a) && a.wgi) {
    const years = Object.keys(a.wgi)
      .map(Number)
      .filter((y) => Number.isInteger(y) && y <= year)
      .sort((x, y) => y - x);
    for (const y of years) {
      const scores = a.wgi[String(y)]!;
      if (!WGI_INDICATORS.every((j) => typeof scores[j] === 'number' && Number.isFinite(scores[j]))) continue;
      const components = {} as Record<WgiIndicator, number>;
      let logSum = 0;
      for (const j of WGI_INDICATORS) {
        // Eq. 5; WGI estimates lie within about -2.5..2.5, so G' stays inside (0, 1).
        const g = 1 - (scores[j]! + 3.5) / 7;
        components[j] = g;
        logSum += Math.log(Math.max(g, 1e-12));
      }
      result = { country: id, iso3: a.iso3 || id.slice(8), wgiYear: y, risk: Math.exp(logSum / WGI_INDICATORS.length), components };
      break;
    }
  }
  byKey.set(key, result);
  return result;
}

/** Result of the exact 1-D 2-means: centres, the boundary between them and the within-cluster sum of squares. */
export interface TwoMeansResult {
  /** Means of the low and the high cluster (equal when every value is the same). */
  centroids: [number, number];
  /** Midpoint of the centres: values >= threshold are in the high cluster. */
  threshold: number;
  /** Within-cluster sum of squared deviations of the optimal split (the k-means objective). */
  sse: number;
  /** Size of the low cluster (values.length when there is a single cluster). */
  lowCount: number;
}

/**
 * Exact 1-D 2-means: the split of the sorted values into a low and a high run that minimises the within-cluster sum
 * of squares. An optimal k-means partition on a line is contiguous in sorted order, so scanning the n - 1 split
 * points with prefix sums finds the global optimum (Wang & Song 2011, Ckmeans.1d.dp, for k = 2); Lloyd's iteration
 * from min and max can stop at a local optimum ([0, 0.4, 0.45, 0.5, 1]: SSE 0.247 vs 0.232 for {0} | rest).
 * O(n log n) for the sort, O(n) for the scan. Ties between splits go to the lower one; equal values are never split.
 */
export function twoMeans(values: readonly number[]): TwoMeansResult {
  const n = values.length;
  if (n === 0) return { centroids: [0, 0], threshold: 0, sse: 0, lowCount: 0 };
  const sorted = Float64Array.from(values).sort();
  // Centre on the mean before summing squares: prefix sums of raw squares lose digits when values sit far from 0.
  let mean = 0;
  for (const v of sorted) mean += v / n;
  let total = 0;
  let totalSq = 0;
  for (const v of sorted) {
    total += v - mean;
    totalSq += (v - mean) ** 2;
  }
  let best = -1;
  let bestSse = Infinity;
  let left = 0;
  for (let k = 1; k < n; k++) {
    left += sorted[k - 1]! - mean;
    if (sorted[k - 1] === sorted[k]) continue;
    const right = total - left;
    // SSE of a run = sum of squares - (sum)^2 / count, over centred values.
    const sse = totalSq - (left * left) / k - (right * right) / (n - k);
    if (sse < bestSse) {
      bestSse = sse;
      best = k;
    }
  }
  if (best < 0) return { centroids: [sorted[0]!, sorted[0]!], threshold: sorted[0]!, sse: 0, lowCount: n };
  let lowSum = 0;
  for (let i = 0; i < best; i++) lowSum += sorted[i]!;
  let highSum = 0;
  for (let i = best; i < n; i++) highSum += sorted[i]!;
  const lo = lowSum / best;
  const hi = highSum / (n - best);
  return { centroids: [lo, hi], threshold: (lo + hi) / 2, sse: Math.max(0, bestSse), lowCount: best };
}

/** Extra fields beyond the stable `SupplyRisk` shape. */
export interface SupplyRiskDetail extends SupplyRisk {
  hhi: number;
  /** Producer countries with no WGI figure (their share is outside `coverage`). */
  missingWgi: string[];
  /** The latest WGI year used for this row's producers: the row's year, or the latest earlier one (WGI ends 2023). */
  wgiYear?: number;
}

export interface RiskReportDetail extends RiskReport {
  risks: SupplyRiskDetail[];
  /** The two 2-means centres of R. */
  centroids: [number, number];
  /** Seed 003's threshold reading: the distance between the two centres (the paper found 0.29). */
  centroidDistance: number;
  /** R_raw range used for the min-max normalisation. */
  rawRange: [number, number];
  notes: string[];
}

/**
 * Supply risk for every mineral, stage and year with production figures; normalised and clustered over all
 * of them (seed 003 normalises over all minerals and years), then filtered by `mineral` / `year`.
 */
export function supplyRisk(graph: SupplyGraph, options?: Partial<RiskOptions>): RiskReportDetail {
  const opts = resolveOptions('supplyRisk', DEFAULT_RISK_OPTIONS, options);
  const mineral = opts.mineral === undefined ? undefined : resolveMineral('supplyRisk', knownMinerals(graph), opts.mineral);
  const all = concentration(graph);
  const years = [...new Set(all.map((c) => c.year))].sort((a, b) => a - b);
  const year = opts.year === undefined ? undefined : resolveYear('supplyRisk', years, opts.year);

  let wgiYear = -Infinity;
  const computed: SupplyRiskDetail[] = [];
  for (const c of all) {
    if (!(c.worldTonnes > 0)) continue;
    const r = rawRisk(graph, c);
    if (r.wgiYear > wgiYear) wgiYear = r.wgiYear;
    computed.push({
      mineral: c.mineral,
      stage: c.stage,
      year: c.year,
      rawRisk: r.raw,
      risk: 0,
      level: 'low',
      coverage: r.coverage,
      hhi: c.hhi,
      missingWgi: r.missing,
      ...(Number.isFinite(r.wgiYear) ? { wgiYear: r.wgiYear } : {}),
    });
  }
  const raws = computed.map((r) => r.rawRisk);
  const min = raws.length ? Math.min(...raws) : 0;
  const max = raws.length ? Math.max(...raws) : 0;
  for (const r of computed) r.risk = max > min ? (r.rawRisk - min) / (max - min) : 0;
  const { centroids, threshold } = twoMeans(computed.map((r) => r.risk));
  for (const r of computed) r.level = max > min && r.risk >= threshold ? 'high' : 'low';

  if (mineral !== undefined && !computed.some((r) => r.mineral === mineral)) {
    throw new NotFoundError(`supplyRisk: no production figures for mineral "${mineral}", so no supply risk`, [], { mineral });
  }
  const risks = computed.filter((r) => (mineral === undefined || r.mineral === mineral) && (year === undefined || r.year === year));
  if (mineral !== undefined && year !== undefined && !risks.length) {
    const own = [...new Set(computed.filter((r) => r.mineral === mineral).map((r) => r.year))].sort((a, b) => a - b);
    throw new NotFoundError(`supplyRisk: no production figures for ${mineral} in ${year}, so no supply risk (years for ${mineral}: ${own.join(', ')})`, own.map(String), {
      mineral,
      available: own,
    });
  }
  const notes = [
    'R is normalised and clustered over every mineral, stage and year computed, so values are comparable across filters',
    `"Other countries" and producers without WGI figures carry no G_i: they are outside R_raw and reduce coverage`,
  ];
  return {
    threshold,
    wgiYear: Number.isFinite(wgiYear) ? wgiYear : 0,
    risks,
    centroids,
    centroidDistance: centroids[1] - centroids[0],
    rawRange: [min, max],
    notes,
  };
}

/** R_raw = sum s_i^2 G_i over the producer countries of one concentration entry (seed 003 eq. 4). */
function rawRisk(graph: SupplyGraph, c: ConcentrationDetail): { raw: number; coverage: number; wgiYear: number; missing: string[] } {
  let raw = 0;
  let covered = 0;
  let wgiYear = -Infinity;
  const missing: string[] = [];
  for (const p of c.producers) {
    if (p.country === OTHER_COUNTRIES) continue;
    const g = governanceOf(graph, p.node, c.year);
    if (!g) {
      missing.push(p.node);
      continue;
    }
    raw += p.share * p.share * g.risk;
    covered += p.share;
    if (g.wgiYear > wgiYear) wgiYear = g.wgiYear;
  }
  return { raw, coverage: Math.min(1, covered), wgiYear, missing };
}
