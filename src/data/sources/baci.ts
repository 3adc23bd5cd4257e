// Reader of the CEPII BACI trade extract (../shared/data/baci_trade/flows_<year>.json, PROVENANCE.md section 7):
// bilateral flows exporter -> importer per material, turned into rows in our terms (ISO3 codes via country_ref,
// our mineral slugs via the one mapping file baci-minerals.json). Figures: CEPII BACI, V202601, from UN Comtrade
// (Etalab 2.0; the attribution must travel with them).
//
// Stable API (i12-time builds its trade time series on it; change it additively only):
//   BACI_ATTRIBUTION, BACI_DIR, BACI_YEARS, BACI_CAVEATS   constants
//   baciMapping(): BaciMapping[]                           the label -> slug mapping (one entry per shared mineral)
//   baciMappingFor(slug): BaciMapping | undefined
//   baciFile(year): string                                 path of a year's file relative to the shared data dir
//   readBaciYear(sharedDir, year, iso2To3?): Promise<BaciYear>
//   loadIso2ToIso3(sharedDir): Promise<Map<string, string>> (country_ref ISO2 -> ISO3)
//   baciSource(mapping): string                           the `source` text of a record built from one mapping
// A BaciRow is one (mineral, exporter, importer) flow of one year: valueUsd always, tonnes only where BACI has
// quantities (2024 in this extract), in the product's gross weight (`productTonnes`) and, where the mapping says
// how, in the mineral's unit (`tonnes`; null when no citable factor exists: basis 'gross'; for the mixed code
// 811292, gallium tonnes = value / a cited unit value, an upper bound: basis 'unit-value').
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../domain/errors.ts';
import { readCsv } from '../build/util.ts';

export const BACI_ATTRIBUTION = 'CEPII BACI, V202601, from UN Comtrade';
/** The attribution PROVENANCE.md asks for in full (with the paper BACI is cited by). */
export const BACI_CITATION = 'CEPII BACI (Gaulier and Zignago 2010), version V202601, from UN Comtrade; Etalab Open Licence 2.0';
export const BACI_DIR = 'baci_trade';
/** The years the extract holds (HS02 for 2002-2016, HS17 for 2017-2024). Tonnes exist only in 2024. */
export const BACI_YEARS: readonly number[] = Array.from({ length: 2024 - 2002 + 1 }, (_, i) => 2002 + i);
export const BACI_QUANTITY_YEAR = 2024;
const COUNTRY_CODES = 'country_ref/countries_iso3_centroids.csv';

/** Caveats every output built on these figures must carry (README, API notes, CLI notes, view). */
export const BACI_CAVEATS: readonly string[] = [
  'trade figures: CEPII BACI, V202601, from UN Comtrade (Etalab 2.0)',
  'the traded product is not the element (ferroniobium for niobium, cobalt oxides for cobalt, magnets for rare earths ...): tonnes are gross product weight unless a cited factor converts them',
  'HS 811292 is one code for gallium, germanium, hafnium, indium, niobium, rhenium and vanadium: gallium, germanium and hafnium flows are an upper bound of a mixed code',
  'the extract keeps only the 6 largest partners on each side of each country and material: totals are lower bounds',
  're-export hubs (Netherlands, Belgium, Singapore, Hong Kong) appear as traders: their exports are partly material produced elsewhere',
];

export type BaciBasis = 'as-unit' | 'contained' | 'gross' | 'unit-value';

export interface BaciMapping {
  /** The label in the BACI files (`materials` key). */
  label: string;
  /** Our mineral slug. */
  slug: string;
  /** The HS6 code whose rows the extract holds under the label. */
  hs: string;
  /** The traded product, e.g. "ferroniobium". */
  form: string;
  /** crosswalk.json flags: shared_refined, magnet, byproduct, clean_pair, shared_ore, refined_only, mine_only. */
  flags: string[];
  /** How product tonnes relate to the mineral's unit (see baci-minerals.json "about"). */
  basis: BaciBasis;
  /** With basis 'contained': mineral-unit tonnes per product tonne, and its citation. */
  factor?: number;
  factorSource?: string;
  /** With basis 'unit-value': USD per tonne of the mineral in `unitValueYear`, and its citation. */
  unitValueUsdPerT?: number;
  unitValueYear?: number;
  unitValueSource?: string;
  basisNote?: string;
  /** Minerals that share the HS code (811292). */
  sharedWith?: string[];
  hsNote?: string;
  /** The traded form is the output of the stage our world table reports (see baci-minerals.json). */
  stageMatch: boolean;
  stageNote?: string;
}

export interface BaciRow {
  mineral: string;
  label: string;
  /** ISO3 of exporter and importer. */
  exporter: string;
  importer: string;
  valueUsd: number;
  /** Tonnes in the mineral's unit (basis as-unit or contained), null when BACI has no quantity or no factor exists. */
  tonnes: number | null;
  /** BACI's quantity: gross weight of the traded product, tonnes; null in years without quantities. */
  productTonnes: number | null;
  hs: string;
  flags: string[];
  year: number;
}

export interface BaciYear {
  year: number;
  /** The file's own `source` string, e.g. "UN Comtrade (primary) via CEPII BACI HS17 V202601". */
  fileSource: string;
  rows: BaciRow[];
  /** BACI labels in the file that the mapping leaves out (see baci-minerals.json notMapped). */
  unmappedLabels: string[];
}

interface MappingFile {
  entries: BaciMapping[];
  notMapped: Record<string, string>;
}

let mappingFile: MappingFile | undefined;
function loadMapping(): MappingFile {
  mappingFile ??= JSON.parse(readFileSync(new URL('./baci-minerals.json', import.meta.url), 'utf8')) as MappingFile;
  return mappingFile;
}

export function baciMapping(): readonly BaciMapping[] {
  return loadMapping().entries;
}

export function baciMappingFor(slug: string): BaciMapping | undefined {
  return loadMapping().entries.find((m) => m.slug === slug);
}

export function baciFile(year: number): string {
  return `${BACI_DIR}/flows_${year}.json`;
}

/** The `source` of a record built from one mapping's rows: attribution, HS code and traded form. */
export function baciSource(mapping: BaciMapping): string {
  return `${BACI_ATTRIBUTION}, HS ${mapping.hs} (${mapping.form})`;
}

/** ISO2 -> ISO3 from country_ref (the same file the country nodes come from). */
export async function loadIso2ToIso3(sharedDir: string): Promise<Map<string, string>> {
  const rows = await readCsv(sharedDir, COUNTRY_CODES);
  const out = new Map<string, string>();
  for (const row of rows) if (row.iso2 && row.iso3) out.set(row.iso2, row.iso3);
  // Namibia's ISO2 "NA" is read as an empty cell by some CSV tools; the extract maps BACI 516 to it explicitly.
  if (!out.has('NA')) out.set('NA', 'NAM');
  return out;
}

interface RawFile {
  year: number;
  source: string;
  materials: Record<string, Array<{ from: string; to: string; value: number; qty?: number | null }>>;
}

/**
 * Reads one year's file. Throws InvalidInputError naming the file and the record at fault (unknown year, unreadable
 * file, a country code country_ref does not know, a value that is not a number).
 */
export async function readBaciYear(sharedDir: string, year: number, iso2To3?: Map<string, string>): Promise<BaciYear> {
  if (!BACI_YEARS.includes(year)) {
    throw new InvalidInputError(`BACI: no trade file for ${year}; the extract covers ${BACI_YEARS[0]}-${BACI_YEARS[BACI_YEARS.length - 1]}`);
  }
  const path = join(sharedDir, baciFile(year));
  let raw: RawFile;
  try {
    raw = JSON.parse(await readFile(path, 'utf8')) as RawFile;
  } catch (error) {
    throw new InvalidInputError(
      `BACI: cannot read ${path} (${(error as Error).message}); pass the raw-data directory or set CHOKEPOINT_SHARED_DATA`,
    );
  }
  if (raw.year !== year || typeof raw.materials !== 'object' || raw.materials === null) {
    throw new InvalidInputError(`BACI: ${path} is not a BACI year file for ${year} (expected {year: ${year}, materials: {...}})`);
  }
  const codes = iso2To3 ?? (await loadIso2ToIso3(sharedDir));
  const iso3 = (code: string, where: string): string => {
    const found = codes.get(code);
    if (!found) throw new InvalidInputError(`BACI: ${where}: country code "${code}" is not in ${COUNTRY_CODES}; add it there or map it in baci.ts`);
    return found;
  };
  const { entries, notMapped } = loadMapping();
  const rows: BaciRow[] = [];
  for (const mapping of entries) {
    const list = raw.materials[mapping.label];
    if (!list) continue;
    list.forEach((r, i) => {
      const where = `${path}, materials.${mapping.label}[${i}]`;
      if (typeof r.value !== 'number' || !Number.isFinite(r.value)) throw new InvalidInputError(`BACI: ${where}: value "${String(r.value)}" is not a number`);
      const qty = typeof r.qty === 'number' && Number.isFinite(r.qty) ? r.qty : null;
      rows.push({
        mineral: mapping.slug,
        label: mapping.label,
        exporter: iso3(r.from, where),
        importer: iso3(r.to, where),
        valueUsd: r.value,
        tonnes: mapping.basis === 'unit-value' ? valueTonnes(mapping, r.value, year) : qty === null ? null : mappedTonnes(mapping, qty),
        productTonnes: qty,
        hs: mapping.hs,
        flags: mapping.flags,
        year,
      });
    });
  }
  const unmappedLabels = Object.keys(raw.materials)
    .filter((label) => !entries.some((m) => m.label === label))
    .sort();
  const unexplained = unmappedLabels.filter((label) => !(label in notMapped));
  if (unexplained.length) {
    throw new InvalidInputError(`BACI: ${path} has labels the mapping does not know: ${unexplained.join(', ')}; add them to src/data/sources/baci-minerals.json`);
  }
  return { year, fileSource: raw.source, rows, unmappedLabels };
}

/** Product tonnes in the mineral's unit, or null when no cited factor exists (basis 'gross', 'unit-value'). */
export function mappedTonnes(mapping: BaciMapping, productTonnes: number): number | null {
  if (mapping.basis === 'as-unit') return productTonnes;
  if (mapping.basis === 'contained') return Math.round(productTonnes * mapping.factor! * 1e6) / 1e6;
  return null;
}

/** Basis 'unit-value': value / the cited unit value, in the unit value's own year only (null in other years). */
export function valueTonnes(mapping: BaciMapping, valueUsd: number, year: number): number | null {
  if (mapping.basis !== 'unit-value' || year !== mapping.unitValueYear) return null;
  return Math.round((valueUsd / mapping.unitValueUsdPerT!) * 1e6) / 1e6;
}
