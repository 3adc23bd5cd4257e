// The trade time series 2002-2024 from the CEPII BACI extract (src/data/sources/baci.ts): per mineral and year the
// world trade value, exporter- and importer-side concentration and the top partners, plus each importer's annual
// imports and the latest year's bilateral values (what seed 001's risk transmission needs). Written to
// graph/data/trade-series.json by `npm run data:build`: the 345,731 BACI rows would be 345k graph flows (and ~14 MB),
// while the series the analyses read are ~1 MB; the graph keeps the flows of the production years only.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '../../domain/errors.ts';
import {
  BACI_ATTRIBUTION,
  BACI_CAVEATS,
  BACI_QUANTITY_YEAR,
  BACI_YEARS,
  baciMapping,
  baciSource,
  loadIso2ToIso3,
  readBaciYear,
  type BaciRow,
} from '../sources/baci.ts';
import { round } from './util.ts';

export const TRADE_SERIES_FILE = 'trade-series.json';

export const FORMER_CODES: ReadonlyArray<[string, string]> = [
  ['CS', 'SCG'],
  ['AN', 'ANT'],
];

/** Short rule carried on every value-based year (full text: graph/data/README.md "Trade series"). */
export const VALUE_SHARE_RULE = 'shares by value (BACI has tonnes only for 2024 in this extract)';

export interface TradeYear {
  year: number;
  /** Sum of the extract's flows, USD (a lower bound: top-6 partners per country). */
  valueUsd: number;
  /** Gross product tonnes, where BACI has quantities (2024). */
  productTonnes: number | null;
  exporters: number;
  importers: number;
  /** HHI = sum (100 s)^2 over exporters' (importers') shares of world trade in the mineral. */
  exporterHhi: number;
  importerHhi: number;
  topExporter: string;
  topExporterShare: number;
  topImporter: string;
  topImporterShare: number;
  /** 'tonnes' where the shares are by product tonnes (2024), else 'value'. */
  basis: 'tonnes' | 'value';
  estimated?: boolean;
  rule?: string;
}

export interface MineralTradeSeries {
  mineral: string;
  hs: string;
  form: string;
  flags: string[];
  source: string;
  years: TradeYear[];
  /** ISO3 -> import value (USD) per year of `TradeSeries.years` (null = not in the extract that year). */
  imports: Record<string, Array<number | null>>;
  /** The latest year's bilateral flows: [exporter, importer, valueUsd]. */
  bilateral: { year: number; rows: Array<[string, string, number]> };
}

export interface TradeSeries {
  attribution: string;
  caveats: readonly string[];
  years: number[];
  minerals: Record<string, MineralTradeSeries>;
}

function shareStats(by: Map<string, number>): { hhi: number; top: string; topShare: number } {
  let total = 0;
  for (const v of by.values()) total += v;
  let hhi = 0;
  let top = '';
  let topValue = -1;
  for (const [k, v] of [...by].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (total > 0) hhi += (100 * v / total) ** 2;
    if (v > topValue) {
      top = k;
      topValue = v;
    }
  }
  return { hhi: round(hhi), top, topShare: total > 0 ? round(topValue / total) : 0 };
}

function yearOf(rows: readonly BaciRow[], year: number): TradeYear {
  const withTonnes = year === BACI_QUANTITY_YEAR && rows.length > 0 && rows.every((r) => r.productTonnes !== null);
  const weight = (r: BaciRow) => (withTonnes ? r.productTonnes! : r.valueUsd);
  const exp = new Map<string, number>();
  const imp = new Map<string, number>();
  let valueUsd = 0;
  let productTonnes = 0;
  for (const r of rows) {
    exp.set(r.exporter, (exp.get(r.exporter) ?? 0) + weight(r));
    imp.set(r.importer, (imp.get(r.importer) ?? 0) + weight(r));
    valueUsd += r.valueUsd;
    productTonnes += r.productTonnes ?? 0;
  }
  const e = shareStats(exp);
  const i = shareStats(imp);
  return {
    year,
    valueUsd: round(valueUsd),
    productTonnes: withTonnes ? round(productTonnes) : null,
    exporters: exp.size,
    importers: imp.size,
    exporterHhi: e.hhi,
    importerHhi: i.hhi,
    topExporter: e.top,
    topExporterShare: e.topShare,
    topImporter: i.top,
    topImporterShare: i.topShare,
    basis: withTonnes ? 'tonnes' : 'value',
    ...(withTonnes ? {} : { estimated: true, rule: VALUE_SHARE_RULE }),
  };
}

/** Reads every BACI year file and condenses it per mineral (progress per year through `onProgress`). */
export async function buildTradeSeries(sharedDir: string, onProgress: (msg: string) => void = () => {}): Promise<TradeSeries> {
  const codes = await loadIso2ToIso3(sharedDir);
  // Two former codes the early BACI years use and country_ref (current ISO 3166-1) lacks, mapped to their ISO 3166-3
  // codes: Serbia and Montenegro (CS, to 2005) and the Netherlands Antilles (AN, to 2010).
  for (const [iso2, iso3] of FORMER_CODES) if (!codes.has(iso2)) codes.set(iso2, iso3);
  const years = [...BACI_YEARS];
  const byMineral = new Map<string, Map<number, BaciRow[]>>();
  for (const year of years) {
    const file = await readBaciYear(sharedDir, year, codes);
    onProgress(`  BACI ${year}: ${file.rows.length} rows`);
    for (const row of file.rows) {
      const m = byMineral.get(row.mineral) ?? new Map<number, BaciRow[]>();
      const list = m.get(year) ?? [];
      list.push(row);
      m.set(year, list);
      byMineral.set(row.mineral, m);
    }
  }
  const minerals: Record<string, MineralTradeSeries> = {};
  for (const mapping of [...baciMapping()].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    const perYear = byMineral.get(mapping.slug);
    if (!perYear) continue;
    const imports: Record<string, Array<number | null>> = {};
    const series: TradeYear[] = [];
    years.forEach((year, k) => {
      const rows = perYear.get(year) ?? [];
      if (rows.length) series.push(yearOf(rows, year));
      for (const r of rows) {
        const arr = (imports[r.importer] ??= years.map(() => null));
        arr[k] = round((arr[k] ?? 0) + r.valueUsd);
      }
    });
    const last = Math.max(...perYear.keys());
    const bilateral = (perYear.get(last) ?? [])
      .map((r): [string, string, number] => [r.exporter, r.importer, r.valueUsd])
      .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
    minerals[mapping.slug] = {
      mineral: mapping.slug,
      hs: mapping.hs,
      form: mapping.form,
      flags: mapping.flags,
      source: baciSource(mapping),
      years: series,
      imports: Object.fromEntries(Object.entries(imports).sort(([a], [b]) => (a < b ? -1 : 1))),
      bilateral: { year: last, rows: bilateral },
    };
  }
  return { attribution: BACI_ATTRIBUTION, caveats: BACI_CAVEATS, years, minerals };
}

/** One mineral per line, so the file diffs by mineral. */
export function serializeTradeSeries(series: TradeSeries): string {
  const head = JSON.stringify({ attribution: series.attribution, caveats: series.caveats, years: series.years });
  const body = Object.values(series.minerals).map((m) => JSON.stringify(m));
  return `{"head":${head},\n"minerals":[\n${body.join(',\n')}\n]}\n`;
}

export async function writeTradeSeries(series: TradeSeries, dir: string): Promise<void> {
  await writeFile(join(dir, TRADE_SERIES_FILE), serializeTradeSeries(series));
}

/** Reads graph/data/trade-series.json; null when the file is absent (a dataset built without the BACI extract). */
export async function readTradeSeries(dir: string): Promise<TradeSeries | null> {
  let text: string;
  try {
    text = await readFile(join(dir, TRADE_SERIES_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as { head: Omit<TradeSeries, 'minerals'>; minerals: MineralTradeSeries[] };
    return { ...parsed.head, minerals: Object.fromEntries(parsed.minerals.map((m) => [m.mineral, m])) };
  } catch (error) {
    throw new InvalidInputError(`${join(dir, TRADE_SERIES_FILE)} is not valid JSON (${(error as Error).message}); rebuild it with \`npm run data:build\``);
  }
}
