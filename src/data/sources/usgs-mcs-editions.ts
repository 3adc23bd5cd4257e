// Reader of the USGS Mineral Commodity Summaries 2022, 2023 and 2024 world tables (usgs_mcs2022_2024/): country
// production (and capacity) by year 2020..2023e, in metric tons, with the edition each figure comes from.
//
// Exported API (stable: other branches build on it, e.g. the upstream stages of i15-facilities):
//   MCS_EDITIONS_FILE                      the tidy long CSV read, relative to the shared data directory
//   MCS_EDITION_SERIES                     the series catalogue: key, our mineral slug, stage, USGS file slug, type rule
//   readMcsEditions(sharedDir, resolve)    -> McsEditionFigure[], every production/capacity cell of every catalogued
//                                             series and edition (no revision rule applied; codes W/NA kept as raw)
//   latestEditionFigures(figures)          -> the revision rule: one figure per (series, measure, country, year),
//                                             taken from the latest edition that has that year
//   editionSource(edition, file)           -> the citation string carried on every figure
//   resolveMcsCountry(name, resolve, where)-> ISO3 | WORLD | OTH for a USGS country cell (footnote letters, form
//                                             qualifiers such as "Argentina, crude ore" stripped)
// Series keys: our mineral slug for the table the MCS 2026 build uses for that mineral (same stage and basis), plus
// 'copper-mine', 'bauxite', 'alumina', 'ilmenite', 'rutile' and 'germanium' (tables MCS 2026 lacks in our sources).
// `resolve` is CountryIndex.resolve of src/data/build/countries.ts (name, where) -> ISO3, throwing on unknown names.
//
// Why the long CSV and not the 166 per-commodity files: it is the same cells, one header, and PROVENANCE.md documents
// how it was made (tidy_mcs.py, values as published); each figure still names its published file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '../../domain/errors.ts';

export const MCS_EDITIONS_FILE = 'usgs_mcs2022_2024/mcs_world_2020_2023_long.csv';

export type McsEdition = 2022 | 2023 | 2024;
export const MCS_EDITIONS: readonly McsEdition[] = [2022, 2023, 2024];
/** World-total and rest-of-world pseudo-countries. */
export const WORLD = 'WORLD';
export const OTHER_COUNTRIES = 'OTH';

const SCIENCEBASE: Record<McsEdition, string> = {
  2022: 'ScienceBase item 6197ccbed34eb622f692ee1c',
  2023: 'ScienceBase item 63b5f411d34e92aad3caa57f, doi:10.5066/P9WCYUI6',
  2024: 'ScienceBase item 65a6e45fd34e5af967a46749, doi:10.5066/P144BA54',
};

export function editionSource(edition: McsEdition, file: string): string {
  return `USGS, Mineral Commodity Summaries ${edition} data release, ${file} (${SCIENCEBASE[edition]})`;
}

export interface McsEditionSeries {
  /** Our key for the series: the mineral slug when it is the table MCS 2026 gives for that mineral. */
  key: string;
  /** Our mineral slug the series belongs to. */
  mineral: string;
  stage: 'mine' | 'refined';
  /** USGS 5-letter file slug(s) (`commodity_file`). */
  usgs: readonly string[];
  /** Which rows of the file: the USGS `Type` text (after editions renamed it) or the `qualifier`. */
  type?: RegExp;
  qualifier?: string;
  /** What the figures measure, for the record's notes. */
  basis: string;
}

const s = (key: string, mineral: string, stage: 'mine' | 'refined', usgs: string | string[], basis: string, type?: RegExp, qualifier?: string): McsEditionSeries => ({
  key, mineral, stage, usgs: Array.isArray(usgs) ? usgs : [usgs], basis, ...(type ? { type } : {}), ...(qualifier ? { qualifier } : {}),
});

/** The catalogue. Same basis as the MCS 2026 table of the mineral (src/data/sources/minerals.ts). */
export const MCS_EDITION_SERIES: readonly McsEditionSeries[] = [
  s('aluminum', 'aluminum', 'refined', 'alumi', 'primary aluminum smelter production'),
  s('antimony', 'antimony', 'mine', 'antim', 'mine production, Sb content'),
  s('arsenic', 'arsenic', 'refined', 'arsen', 'arsenic trioxide (or equivalent) plant production'),
  s('barite', 'barite', 'mine', 'barit', 'mine production, gross weight'),
  s('beryllium', 'beryllium', 'mine', 'beryl', 'mine production, Be content'),
  s('bismuth', 'bismuth', 'refined', 'bismu', 'refinery production'),
  s('boron', 'boron', 'mine', 'boron', 'production, gross weight, form differs by country'),
  s('chromium', 'chromium', 'mine', 'chrom', 'marketable chromite ore, gross weight'),
  s('cobalt', 'cobalt', 'mine', 'cobal', 'mine production, Co content'),
  s('copper', 'copper', 'refined', 'coppe', 'refinery production, Cu content', /^Refinery production/i),
  s('copper-mine', 'copper', 'mine', 'coppe', 'mine production, recoverable Cu content', /^Mine production/i),
  s('fluorspar', 'fluorspar', 'mine', 'fluor', 'mine production, gross weight'),
  s('gallium', 'gallium', 'refined', 'galli', 'primary production, Ga content'),
  s('germanium', 'germanium', 'refined', 'germa', 'primary and secondary refinery production, Ge content'),
  s('graphite', 'graphite', 'mine', 'graph', 'natural graphite mine production'),
  s('indium', 'indium', 'refined', 'indiu', 'refinery production'),
  s('lead', 'lead', 'mine', 'lead', 'mine production, Pb content'),
  s('lithium', 'lithium', 'mine', 'lithi', 'mine production, Li content'),
  s('magnesium', 'magnesium', 'refined', 'mgmet', 'primary magnesium metal smelter production'),
  s('manganese', 'manganese', 'mine', 'manga', 'mine production, Mn content'),
  s('molybdenum', 'molybdenum', 'mine', 'molyb', 'mine production, Mo content'),
  s('nickel', 'nickel', 'mine', 'nicke', 'mine production, Ni content'),
  s('niobium', 'niobium', 'mine', 'niobi', 'mine production, Nb content'),
  s('palladium', 'palladium', 'mine', 'plati', 'mine production, Pd', /Palladium/i),
  s('platinum', 'platinum', 'mine', 'plati', 'mine production, Pt', /Platinum/i),
  s('potash', 'potash', 'mine', 'potas', 'mine production, K2O equivalent'),
  s('rare-earths', 'rare-earths', 'mine', 'raree', 'mine production, REO equivalent'),
  s('rhenium', 'rhenium', 'mine', 'rheni', 'mine production, Re content'),
  s('silver', 'silver', 'mine', 'silve', 'mine production, Ag content'),
  s('tantalum', 'tantalum', 'mine', 'tanta', 'mine production, Ta content'),
  s('tellurium', 'tellurium', 'refined', 'tellu', 'refinery production, Te content'),
  s('tin', 'tin', 'mine', 'tin', 'mine production, Sn content'),
  s('titanium', 'titanium', 'refined', 'titan', 'titanium sponge metal production', undefined, 'Sponge'),
  s('tungsten', 'tungsten', 'mine', 'tungs', 'mine production, W content'),
  s('vanadium', 'vanadium', 'mine', 'vanad', 'mine production, V content'),
  s('zinc', 'zinc', 'mine', 'zinc', 'mine production, Zn content'),
  s('zirconium', 'zirconium', 'mine', ['zirco', 'zirco-hafni'], 'zirconium ores and zircon concentrates, gross weight'),
  // Upstream stages (no MCS 2026 table in our sources).
  s('bauxite', 'aluminum', 'mine', 'bauxi', 'bauxite mine production (dry tons in MCS 2024)', /^Mine production/i),
  s('alumina', 'aluminum', 'refined', 'bauxi', 'alumina refinery production, calcined equivalent', /alumina/i),
  // The US row is "Ilmenite and rutile" (rutile "included with ilmenite"): it is kept in the ilmenite series.
  s('ilmenite', 'titanium', 'mine', 'timin', 'titanium mineral concentrates: ilmenite (MCS 2024: TiO2 content); US row = ilmenite and rutile', /ilmenite(?!.*rutile)|^Mine production: Ilmenite and rutile$/i),
  s('rutile', 'titanium', 'mine', 'timin', 'titanium mineral concentrates: rutile (MCS 2024: TiO2 content)', /rutile/i),
];

export interface McsEditionFigure {
  series: string;
  mineral: string;
  stage: 'mine' | 'refined';
  measure: 'production' | 'capacity';
  /** ISO3, or WORLD (world total) or OTH (other countries). */
  country: string;
  /** The country cell as published (footnote digits removed). */
  countryName: string;
  year: number;
  /** Metric tons; null when USGS publishes a code instead of a number (W withheld, NA, XX, "Included with ..."). */
  tonnes: number | null;
  /** The cell as published, with its unit token (e.g. "130000 t", "W kg"). */
  raw: string;
  edition: McsEdition;
  /** An `_est` column (the edition's current-year estimate, "2023e") or a country marked "e" in the table. */
  estimated: boolean;
  rule?: string;
  /** USGS Type text of the row. */
  basis: string;
  notes?: string;
  source: string;
}

/** Metric tons per unit token of the long file. 'mt' is kept as published there and means metric tons. */
const TONNES_PER_TOKEN: Record<string, number> = { t: 1, mt: 1, kt: 1000, kg: 0.001, Mt: 1e6, mmt: 1e6 };

/**
 * Unit headers the published values contradict. MCS 2023's chromite header says metric tons, but its South Africa
 * 2021 cell is 18,600 against 19,100 thousand t for 2022 in MCS 2024 (and MCS 2026 tables chromite in thousand t):
 * the cells are thousand metric tons. Checked by comparing every overlapping year between editions (test).
 */
export const UNIT_CORRECTIONS: ReadonlyArray<{ edition: McsEdition; file: string; published: string; read: string; why: string }> = [
  { edition: 2023, file: 'mcs2023-chrom_world.csv', published: 't', read: 'kt', why: 'header says metric tons; values are thousand metric tons (MCS 2024 and 2026 tables)' },
];

const round = (v: number): number => Math.round(v * 1e6) / 1e6;

/** ISO3, WORLD or OTH for a USGS country cell; tries the name as published, then without qualifiers and footnote "e". */
export function resolveMcsCountry(name: string, resolve: (name: string, where: string) => string, where: string): { iso3: string; markedEstimated: boolean } {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (/^world\b/i.test(clean)) return { iso3: WORLD, markedEstimated: false };
  if (/^other\b/i.test(clean)) return { iso3: OTHER_COUNTRIES, markedEstimated: /^other countriese$/i.test(clean) };
  const base = clean.replace(/ \((?!Kinshasa|Brazzaville).*\)$/, '').replace(/, [a-z].*$/, '');
  const candidates: Array<{ name: string; e: boolean }> = [
    { name: clean, e: false },
    { name: base, e: false },
  ];
  // A glued footnote "e" (Russiae, Korea, Republic ofe): USGS marks that country's figure estimated.
  if (/[a-z]e$/.test(base)) candidates.push({ name: base.slice(0, -1), e: true });
  let firstError: unknown;
  for (const c of candidates) {
    try {
      return { iso3: resolve(c.name, where), markedEstimated: c.e };
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError;
}

type Row = Record<string, string>;

function matches(series: McsEditionSeries, row: Row): boolean {
  if (!series.usgs.includes(row.commodity_file!)) return false;
  if (series.qualifier !== undefined && row.qualifier !== series.qualifier) return false;
  if (series.type && !series.type.test(row.type!)) return false;
  return true;
}

/** Every production and capacity cell of the catalogued series, all editions, in file order. */
export async function readMcsEditions(sharedDir: string, resolve: (name: string, where: string) => string): Promise<McsEditionFigure[]> {
  const path = join(sharedDir, MCS_EDITIONS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`data build: cannot read ${path} (${(error as Error).message}); set CHOKEPOINT_SHARED_DATA to the directory holding the raw public files`);
  }
  const rows = parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Row[];
  return figuresOfRows(rows, resolve);
}

/** The parsing step, separate so that tests can feed rows (line numbers count the header as line 1). */
export function figuresOfRows(rows: readonly Row[], resolve: (name: string, where: string) => string): McsEditionFigure[] {
  const out: McsEditionFigure[] = [];
  rows.forEach((row, i) => {
    if (row.measure !== 'production' && row.measure !== 'capacity') return;
    const series = MCS_EDITION_SERIES.filter((x) => matches(x, row));
    if (!series.length) return;
    const where = `${MCS_EDITIONS_FILE} line ${i + 2} (${row.source_file}, ${row.country})`;
    const edition = Number(String(row.edition).replace(/^MCS/i, '')) as McsEdition;
    if (!MCS_EDITIONS.includes(edition)) throw new InvalidInputError(`data build: unknown edition "${row.edition}" in ${where}; expected MCS2022, MCS2023 or MCS2024`);
    const year = Number(row.year);
    if (!Number.isInteger(year) || year < 2000) throw new InvalidInputError(`data build: year "${row.year}" in ${where} is not a year`);
    const correction = UNIT_CORRECTIONS.find((c) => c.edition === edition && c.file === row.source_file && c.published === row.unit_token);
    const token = correction ? correction.read : row.unit_token!;
    const factor = TONNES_PER_TOKEN[token];
    if (factor === undefined) throw new InvalidInputError(`data build: unit token "${row.unit_token}" in ${where} is not a mass unit; add it to TONNES_PER_TOKEN in src/data/sources/usgs-mcs-editions.ts`);
    const { iso3, markedEstimated } = resolveMcsCountry(row.country_clean || row.country!, resolve, where);
    const value = row.value === '' || row.value === undefined ? null : Number(row.value);
    if (value !== null && !Number.isFinite(value)) throw new InvalidInputError(`data build: value "${row.value}" in ${where} is not a number`);
    const estimatedColumn = row.estimated === 'Y';
    const estimated = estimatedColumn || markedEstimated;
    const rule = estimatedColumn
      ? `USGS estimate (${year}e) of MCS ${edition}`
      : markedEstimated
        ? `USGS marks this country's figure estimated (e) in MCS ${edition}`
        : undefined;
    for (const x of series) {
      out.push({
        series: x.key,
        mineral: x.mineral,
        stage: x.stage,
        measure: row.measure as 'production' | 'capacity',
        country: iso3,
        countryName: row.country_clean || row.country!,
        year,
        tonnes: value === null ? null : round(value * factor),
        raw: `${row.value_raw} ${token}`,
        edition,
        estimated,
        ...(rule ? { rule } : {}),
        basis: row.type || x.basis,
        ...(row.notes || correction ? { notes: [row.notes, correction ? `unit read as ${correction.read}: ${correction.why}` : ''].filter(Boolean).join('; ') } : {}),
        source: editionSource(edition, row.source_file!),
      });
    }
  });
  return out;
}

/**
 * The revision rule: for each (series, measure, country, year) keep the figure of the latest edition that has the
 * year. Several rows of one edition for one key (a country listed under two forms, e.g. boron) are summed; a key
 * whose every row is a code keeps tonnes null.
 */
export function latestEditionFigures(figures: readonly McsEditionFigure[]): McsEditionFigure[] {
  const latest = new Map<string, McsEdition>();
  const keyOf = (f: McsEditionFigure) => `${f.series}|${f.measure}|${f.country}|${f.year}`;
  for (const f of figures) {
    const k = keyOf(f);
    if ((latest.get(k) ?? 0) < f.edition) latest.set(k, f.edition);
  }
  const merged = new Map<string, McsEditionFigure>();
  for (const f of figures) {
    const k = keyOf(f);
    if (latest.get(k) !== f.edition) continue;
    const prior = merged.get(k);
    if (!prior) {
      merged.set(k, { ...f });
      continue;
    }
    prior.tonnes = prior.tonnes === null ? f.tonnes : f.tonnes === null ? prior.tonnes : round(prior.tonnes + f.tonnes);
    prior.raw = `${prior.raw} + ${f.raw}`;
    prior.estimated ||= f.estimated;
    if (f.rule && !prior.rule) prior.rule = f.rule;
  }
  return [...merged.values()];
}
