// The United States figures of USGS MCS 2026: salient statistics (production, trade, consumption by year), net import
// reliance strings and import-source shares, indexed for the consumer-flow and reliance steps. A statistic named in
// src/data/sources/minerals.ts that the CSV lacks fails the build (a typo would otherwise read as "not published").
import { InvalidInputError } from '../../domain/errors.ts';
import { MCS } from './context.ts';
import { readCsv, round, tonnesPerUnit, type Row } from './util.ts';

export const US_FILES = {
  salient: 'usgs_mcs2026/mcs2026_us_salient_statistics.csv',
  nir: 'usgs_mcs2026/mcs2026_us_net_import_reliance.csv',
  imports: 'usgs_mcs2026/mcs2026_us_import_sources.csv',
} as const;

export interface ImportShare {
  partner: string;
  /** 0..1 */
  share: number;
}

export interface NirSeries {
  basis: string;
  /** year -> USGS string ("73", ">95", "E", "NA", "" = not given). */
  values: Record<number, string>;
  note: string;
}

export interface UsStatistics {
  /** Sum of the listed rows in metric tons for a year; null when any row is not published that year. */
  tonnes(commodity: string, statistics: readonly string[], year: number): number | null;
  unitOf(commodity: string, statistics: readonly string[]): string | undefined;
  pdfOf(commodity: string): string;
  nir(row: string): NirSeries;
  importShares(commodity: string, category: string): ImportShare[];
  /** Source text naming the salient rows used. */
  cite(commodity: string, what: string): string;
}

const salientYear = (year: number): string => (year === 2025 ? '2025e' : String(year));

export async function loadUsStatistics(sharedDir: string): Promise<UsStatistics> {
  const [salient, nirRows, importRows] = await Promise.all([
    readCsv(sharedDir, US_FILES.salient),
    readCsv(sharedDir, US_FILES.nir),
    readCsv(sharedDir, US_FILES.imports),
  ]);
  const stats = new Map<string, Row>();
  const pdfs = new Map<string, string>();
  for (const row of salient) {
    stats.set(`${row.commodity}|${row.statistic}|${row.year}`, row);
    pdfs.set(row.commodity!, row.source_pdf!);
  }
  const known = new Set(salient.map((r) => `${r.commodity}|${r.statistic}`));
  const check = (commodity: string, statistic: string) => {
    if (!known.has(`${commodity}|${statistic}`)) {
      throw new InvalidInputError(`data build: no salient statistic "${statistic}" for ${commodity} in ${US_FILES.salient}`);
    }
  };

  const nirs = new Map<string, NirSeries>();
  for (const row of nirRows) {
    nirs.set(row.commodity!, {
      basis: row.nir_basis!,
      values: { 2021: row.nir_2021!, 2022: row.nir_2022!, 2023: row.nir_2023!, 2024: row.nir_2024!, 2025: row.nir_2025e! },
      note: row.note!,
    });
  }

  const shares = new Map<string, ImportShare[]>();
  for (const row of importRows) {
    if (row.period !== '2021-24') throw new InvalidInputError(`data build: unexpected import period "${row.period}" in ${US_FILES.imports}`);
    const key = `${row.commodity}|${row.category}`;
    shares.set(key, [...(shares.get(key) ?? []), { partner: row.partner_country!, share: round(Number(row.share_pct) / 100) }]);
  }

  return {
    tonnes(commodity, statistics, year) {
      if (!statistics.length) return null;
      let total = 0;
      for (const statistic of statistics) {
        check(commodity, statistic);
        const row = stats.get(`${commodity}|${statistic}|${salientYear(year)}`);
        if (!row || row.value === '' || row.value === undefined) return null;
        total += Number(row.value) * tonnesPerUnit(row.unit!, `${US_FILES.salient} (${commodity}, ${statistic})`);
      }
      return round(total);
    },
    unitOf(commodity, statistics) {
      const first = statistics[0];
      if (!first) return undefined;
      check(commodity, first);
      return stats.get(`${commodity}|${first}|2024`)?.unit;
    },
    pdfOf(commodity) {
      return pdfs.get(commodity) ?? `https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-${commodity.toLowerCase()}.pdf`;
    },
    nir(row) {
      const series = nirs.get(row);
      if (!series) throw new InvalidInputError(`data build: no net-import-reliance row "${row}" in ${US_FILES.nir}`);
      return series;
    },
    importShares(commodity, category) {
      const list = shares.get(`${commodity}|${category}`);
      if (!list) throw new InvalidInputError(`data build: no import-source category "${category}" for ${commodity} in ${US_FILES.imports}`);
      return list;
    },
    cite(commodity, what) {
      return `${MCS}, ${commodity}: United States ${what}, ${pdfs.get(commodity) ?? `https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-${commodity.toLowerCase()}.pdf`}`;
    },
  };
}
