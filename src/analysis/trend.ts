// Time series per mineral: production HHI, top producer and share, supply risk (seed 003 eq. 4-7), US net import
// reliance by year from the graph, and from the BACI trade series 2002-2024 (graph/data/trade-series.json) the
// importer- and exporter-side concentration and the top exporter's share. One row shape for every measure:
// {year, measure, value, source, estimated} (+ stage, label, rule). Beside it, seed 003's 2013-2021 direction.
// O(N + E) for the graph measures (concentration and risk are computed once), O(Y) for the trade rows.
import type { SupplyGraph } from '../domain/graph.ts';
import { InvalidInputError, NotFoundError } from '../domain/errors.ts';
import type { RelianceRecord } from '../domain/model.ts';
import type { TradeSeries } from '../data/build/trade-series.ts';
import { SEED003_CITATION, SEED003_TABLE2, directionOf, type Direction } from '../data/sources/seed003.ts';
import { concentration } from './concentration.ts';
import { supplyRisk, type RiskReportDetail } from './risk.ts';
import { graphIndex, type GraphIndex } from './flow-index.ts';
import { isMineral, knownMinerals, resolveMineral, resolveOptions, round } from './common.ts';

export const TREND_MEASURES = [
  'production-hhi',
  'top-producer-share',
  'supply-risk',
  'us-import-reliance',
  'trade-importer-hhi',
  'trade-exporter-hhi',
  'trade-top-exporter-share',
] as const;
export type TrendMeasure = (typeof TREND_MEASURES)[number];

export interface TrendRow {
  year: number;
  measure: TrendMeasure;
  value: number | null;
  source: string;
  estimated: boolean;
  rule?: string;
  /** Production stage of production measures (mine | refined). */
  stage?: string;
  /** Who the value is about: the top producer or exporter (ISO3), the WGI year used. */
  label?: string;
}

export interface SeedComparison {
  measure: 'supply-risk';
  stage: string;
  seed: { table: string; years: string; values: Record<number, number>; direction: Direction; citation: string };
  ours: { years: string; direction: Direction } | null;
  agree: boolean | null;
  /** Where the seed's printed form is not our stage's figure (titanium: rutile vs ilmenite + rutile). */
  caveat?: string;
}

export interface TrendReport {
  mineral: string;
  measures: TrendMeasure[];
  years: number[];
  rows: TrendRow[];
  seed003: SeedComparison[];
  notes: string[];
}

export interface TrendOptions {
  mineral: string;
  measure: TrendMeasure | undefined;
}

const DEFAULT_TREND_OPTIONS: TrendOptions = { mineral: '', measure: undefined };

// The full risk report (R is normalised over every mineral and year, so one mineral's rows need all of them), kept per
// graph index: the index is rebuilt whenever the graph changes (flow-index.ts), so a stale report is never read.
const riskCache = new WeakMap<GraphIndex, RiskReportDetail>();
function fullRisk(graph: SupplyGraph): RiskReportDetail {
  const gi = graphIndex(graph);
  let report = riskCache.get(gi);
  if (!report) riskCache.set(gi, (report = supplyRisk(graph, {})));
  return report;
}

/** The trend report of one mineral; `trade` is the shipped trade series (null: production measures only). */
export function trend(graph: SupplyGraph, trade: TradeSeries | null, options: Partial<TrendOptions>): TrendReport {
  const opts = resolveOptions('trend', DEFAULT_TREND_OPTIONS, options);
  if (opts.measure !== undefined && !(TREND_MEASURES as readonly string[]).includes(opts.measure)) {
    throw new InvalidInputError(`trend: unknown measure "${String(opts.measure)}" (known: ${TREND_MEASURES.join(', ')})`, [
      { field: 'measure', message: `expected one of ${TREND_MEASURES.join(', ')}` },
    ]);
  }
  const known = new Set([...knownMinerals(graph), ...Object.keys(trade?.minerals ?? {})]);
  const mineral = resolveMineral('trend', known, opts.mineral);
  const want = (m: TrendMeasure) => opts.measure === undefined || opts.measure === m;
  const rows: TrendRow[] = [];
  const notes: string[] = [];
  const mineralNode = graph.hasNode(`mineral:${mineral}`) ? graph.getNodeAttributes(`mineral:${mineral}`) : undefined;
  const mineralAttrs = mineralNode && isMineral(mineralNode) ? mineralNode : undefined;
  const productionSource = (year: number) => mineralAttrs?.yearSource?.[String(year)] ?? mineralAttrs?.source ?? 'dataset producers';
  const productionEstimate = (year: number): string | undefined =>
    mineralAttrs?.yearEstimated?.[String(year)] ?? (year === 2025 ? 'USGS estimate (2025e) of MCS 2026' : undefined);

  const conc = knownMinerals(graph).has(mineral) ? concentration(graph, { mineral }) : [];
  // A stage's figures can rest on producers estimated by a rule of their own (refined cobalt: mine output allocated
  // by 2022 processing shares in every year), beyond the USGS table's "e" years: both reach the row.
  const stageEstimate = new Map<string, string>();
  for (const c of conc) {
    const rules = new Set<string>();
    for (const id of c.producerNodes) {
      const a = graph.getNodeAttributes(id) as { estimated?: boolean; rule?: string };
      if (a.estimated === true) rules.add(a.rule ?? 'estimated producer figure');
    }
    const yearRule = productionEstimate(c.year);
    const all = [...(yearRule ? [yearRule] : []), ...[...rules].sort()];
    if (all.length) stageEstimate.set(`${c.stage}|${c.year}`, all.join('; '));
  }
  const estimateOf = (stage: string, year: number) => stageEstimate.get(`${stage}|${year}`) ?? productionEstimate(year);
  for (const c of conc) {
    const est = estimateOf(c.stage, c.year);
    const common = { year: c.year, stage: c.stage, source: productionSource(c.year), estimated: est !== undefined, ...(est ? { rule: est } : {}) };
    if (want('production-hhi')) rows.push({ ...common, measure: 'production-hhi', value: round(c.hhi, 1) });
    const top = c.producers.find((p) => p.country !== 'OTH');
    if (want('top-producer-share') && top) rows.push({ ...common, measure: 'top-producer-share', value: round(top.share, 4), label: top.country });
  }

  let riskByStage = new Map<string, Record<number, number>>();
  if (want('supply-risk') && conc.length) {
    const report = fullRisk(graph);
    riskByStage = new Map();
    for (const r of report.risks.filter((x) => x.mineral === mineral)) {
      const wgiYear = r.wgiYear ?? Math.min(r.year, report.wgiYear);
      const est = estimateOf(r.stage, r.year);
      rows.push({
        year: r.year,
        measure: 'supply-risk',
        stage: r.stage,
        value: round(r.risk, 4),
        source: `seed 003 eq. 4-7 on the production shares (${productionSource(r.year)}) and World Bank WGI`,
        estimated: est !== undefined || r.year > report.wgiYear,
        rule:
          `R normalised over every mineral, stage and year of the dataset; governance from WGI ${wgiYear}` +
          (r.year > report.wgiYear ? ` (the latest WGI year <= ${r.year})` : '') +
          (est ? `; ${est}` : ''),
        label: `WGI ${wgiYear}`,
      });
      const byYear = riskByStage.get(r.stage) ?? {};
      byYear[r.year] = r.risk;
      riskByStage.set(r.stage, byYear);
    }
  }

  if (want('us-import-reliance')) {
    const reliance = (graph.hasAttribute('reliance') ? graph.getAttribute('reliance') : []) as RelianceRecord[];
    for (const r of reliance) {
      if (r.from !== 'country:USA' || r.to !== `mineral:${mineral}`) continue;
      rows.push({
        year: r.year,
        measure: 'us-import-reliance',
        value: r.nir,
        source: r.source,
        estimated: r.estimated === true || r.year === 2025,
        ...(r.nirRaw && r.nirRaw !== String(Math.round((r.nir ?? 0) * 100)) ? { rule: `published as "${r.nirRaw}"` } : {}),
      });
    }
  }

  const series = trade?.minerals[mineral];
  if (series) {
    for (const y of series.years) {
      const common = { year: y.year, source: series.source, estimated: y.estimated === true, ...(y.rule ? { rule: y.rule } : {}) };
      if (want('trade-importer-hhi')) rows.push({ ...common, measure: 'trade-importer-hhi', value: round(y.importerHhi, 1) });
      if (want('trade-exporter-hhi')) rows.push({ ...common, measure: 'trade-exporter-hhi', value: round(y.exporterHhi, 1) });
      if (want('trade-top-exporter-share')) rows.push({ ...common, measure: 'trade-top-exporter-share', value: round(y.topExporterShare, 4), label: y.topExporter });
    }
    notes.push(`trade: ${trade!.attribution}, HS ${series.hs} (${series.form}); ${trade!.caveats.slice(1).join('; ')}`);
  } else if (opts.measure?.startsWith('trade-') || opts.measure === undefined) {
    notes.push(trade ? `no BACI trade series for ${mineral} (the extract covers ${Object.keys(trade.minerals).length} of our minerals)` : 'no trade series loaded (graph/data/trade-series.json absent)');
  }

  if (!rows.length) {
    throw new NotFoundError(`trend: no ${opts.measure ?? 'figures'} for ${mineral} in any year`, [...TREND_MEASURES], { mineral });
  }
  rows.sort((a, b) => a.measure.localeCompare(b.measure) || (a.stage ?? '').localeCompare(b.stage ?? '') || a.year - b.year);

  // Where every year of a stage rests on producers estimated by a rule, our direction shows the rule's inputs (world
  // mine output under fixed processing shares), not observed change in who refines: the comparison says so.
  const carriedRule = (stage: string, years: number[]): string | undefined => {
    const rules = years.map((y) => conc.find((c) => c.stage === stage && c.year === y)).map((c) =>
      c ? c.producerNodes.map((id) => graph.getNodeAttributes(id) as { estimated?: boolean; rule?: string }).find((a) => a.estimated === true)?.rule : undefined,
    );
    return years.length && rules.every((r) => r !== undefined) ? rules[0] : undefined;
  };
  const caveatOf = (seedCaveat: string | undefined, stage: string, years: number[]): string | undefined => {
    const carried = carriedRule(stage, years);
    const ours = carried ? `our ${stage} figures are estimated in every year (${carried}): the direction follows that rule's inputs, not observed shifts between producers` : undefined;
    return [seedCaveat, ours].filter(Boolean).join('; ') || undefined;
  };
  const seed003: SeedComparison[] = [];
  const seedRow = SEED003_TABLE2.find((r) => r.slug === mineral);
  if (seedRow && want('supply-risk')) {
    // A seed row naming its stage (titanium's rutile: mine) is compared with that stage only.
    const stages = seedRow.stage ? new Map([[seedRow.stage, riskByStage.get(seedRow.stage) ?? {}]]) : riskByStage;
    for (const [stage, ours] of stages.size ? stages : new Map([['', {}]])) {
      const years = Object.keys(ours).map(Number);
      const oursDir = years.length >= 2 ? { years: `${Math.min(...years)}-${Math.max(...years)}`, direction: directionOf(ours) } : null;
      const seedDir = directionOf(seedRow.values);
      seed003.push({
        measure: 'supply-risk',
        stage,
        seed: { table: 'Table 2', years: '2013-2021', values: seedRow.values, direction: seedDir, citation: SEED003_CITATION },
        ours: oursDir,
        agree: oursDir ? oursDir.direction === seedDir : null,
        ...(caveatOf(seedRow.caveat, stage, years) ? { caveat: caveatOf(seedRow.caveat, stage, years) } : {}),
      });
    }
  }
  notes.push(
    'production figures: 2020..2023e from the USGS MCS 2022-2024 editions, 2024 and 2025e from MCS 2026; each year from the latest edition that has it (README "Years")',
    'seed 003 direction: the sign of the least-squares slope, "flat" when the fitted change over the span is under 0.02; the two R scales are normalised over different mineral sets, so only directions are compared',
  );
  const measures = [...new Set(rows.map((r) => r.measure))];
  return { mineral, measures, years: [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b), rows, seed003, notes };
}
