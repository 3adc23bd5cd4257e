// Country nodes (ISO3, names, UN regions, centroids, WGI 2013-2023) and the resolver that maps the country names
// used by USGS and ICMM to ISO3. An unmapped name fails the build: a silently dropped producer would skew every share.
import { InvalidInputError, suggestIds } from '../../domain/errors.ts';
import { WGI_INDICATORS, type CountryNode, type WgiIndicator, type WgiScores } from '../../domain/model.ts';
import { normaliseName, num, readCsv } from './util.ts';

export const COUNTRY_FILES = {
  centroids: 'country_ref/countries_iso3_centroids.csv',
  datahub: 'country_ref/datahub_country_codes.csv',
  wgi: 'wgi/wgi_2013_2023_long.csv',
} as const;

export const COUNTRY_SOURCE =
  'DataHub country-codes (ISO 3166, UN M49; PDDL) and gavinr/world-countries-centroids (MIT) via country_ref/countries_iso3_centroids.csv';
export const WGI_SOURCE = 'World Bank, Worldwide Governance Indicators, 2024 update (CC BY 4.0), estimate column';

/** Spellings of USGS, ICMM and the WGI that the reference name columns do not carry, or carry ambiguously. */
export const NAME_OVERRIDES: Readonly<Record<string, string>> = {
  'Korea, Republic of': 'KOR',
  'Republic of Korea': 'KOR',
  'South Korea': 'KOR',
  'Korea, North': 'PRK',
  'North Korea': 'PRK',
  'Congo (Kinshasa)': 'COD',
  'Democratic Republic of the Congo': 'COD',
  'Congo (Brazzaville)': 'COG',
  'Republic of the Congo': 'COG',
  Burma: 'MMR',
  Myanmar: 'MMR',
  Russia: 'RUS',
  Turkey: 'TUR',
  Laos: 'LAO',
  Taiwan: 'TWN',
  Kosovo: 'XKX',
  Czechia: 'CZE',
  Vietnam: 'VNM',
  Iran: 'IRN',
  Bolivia: 'BOL',
  Tanzania: 'TZA',
  'United States': 'USA',
  'United Kingdom': 'GBR',
};

export interface CountryIndex {
  nodes: Map<string, CountryNode>;
  /** ISO3 -> name, for codes known only to the WGI (e.g. Kosovo XKX), added as nodes when referenced. */
  wgiOnly: Map<string, { name: string; wgi: Record<string, WgiScores> }>;
  resolve(name: string, where: string): string;
}

export async function loadCountries(sharedDir: string): Promise<CountryIndex> {
  const [centroids, datahub, wgiRows] = await Promise.all([
    readCsv(sharedDir, COUNTRY_FILES.centroids),
    readCsv(sharedDir, COUNTRY_FILES.datahub),
    readCsv(sharedDir, COUNTRY_FILES.wgi),
  ]);

  const wgi = new Map<string, Record<string, WgiScores>>();
  const wgiNames = new Map<string, string>();
  for (const row of wgiRows) {
    const iso3 = row.iso3!;
    const estimate = num(row.estimate);
    wgiNames.set(iso3, row.countryname!);
    if (estimate === undefined) continue;
    const indicator = row.indicator as WgiIndicator;
    if (!(WGI_INDICATORS as readonly string[]).includes(indicator)) {
      throw new InvalidInputError(`data build: unknown WGI indicator "${row.indicator}" in ${COUNTRY_FILES.wgi}`);
    }
    const byYear = wgi.get(iso3) ?? {};
    (byYear[row.year!] ??= {})[indicator] = estimate;
    wgi.set(iso3, byYear);
  }

  const nodes = new Map<string, CountryNode>();
  for (const row of centroids) {
    const iso3 = row.iso3!;
    const lat = num(row.centroid_lat);
    const lon = num(row.centroid_lon);
    const scores = wgi.get(iso3);
    const node: CountryNode = {
      id: `country:${iso3}`,
      kind: 'country',
      // CLDR abbreviates a few names ("US", "UK"); the centroid file spells them out.
      name: /^[A-Z]{2,3}$/.test(row.name!) && row.centroid_source_name ? row.centroid_source_name : row.name!,
      iso3,
      ...(row.iso2 ? { iso2: row.iso2 } : {}),
      ...(row.region ? { region: row.region } : {}),
      ...(row.sub_region ? { subRegion: row.sub_region } : {}),
      ...(row.m49 ? { m49: row.m49.padStart(3, '0') } : {}),
      ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
      ...(scores ? { wgi: sortedYears(scores) } : {}),
      source: scores ? `${COUNTRY_SOURCE}; governance: ${WGI_SOURCE}` : COUNTRY_SOURCE,
      year: 2023,
    };
    nodes.set(iso3, node);
  }
  const wgiOnly = new Map<string, { name: string; wgi: Record<string, WgiScores> }>();
  for (const [iso3, name] of wgiNames) {
    if (!nodes.has(iso3)) wgiOnly.set(iso3, { name, wgi: sortedYears(wgi.get(iso3) ?? {}) });
  }

  // name -> ISO3 from every English name column; a name claimed by two codes is ambiguous and left out.
  const byName = new Map<string, string | null>();
  const add = (name: string | undefined, iso3: string | undefined) => {
    if (!name || !iso3) return;
    const key = normaliseName(name);
    const prior = byName.get(key);
    if (prior === undefined) byName.set(key, iso3);
    else if (prior !== iso3) byName.set(key, null);
  };
  for (const row of datahub) {
    const iso3 = row['ISO3166-1-Alpha-3'];
    for (const col of ['CLDR display name', 'official_name_en', 'UNTERM English Short', 'UNTERM English Formal', 'ISO4217-currency_country_name']) {
      add(row[col], iso3);
    }
  }
  for (const row of centroids) {
    add(row.name, row.iso3);
    add(row.centroid_source_name, row.iso3);
  }
  for (const [iso3, name] of wgiNames) add(name, iso3);
  const overrides = new Map(Object.entries(NAME_OVERRIDES).map(([name, iso3]) => [normaliseName(name), iso3]));

  const resolve = (name: string, where: string): string => {
    const key = normaliseName(name);
    const hit = overrides.get(key) ?? byName.get(key);
    if (hit) return hit;
    const near = suggestIds(name, [...byName.keys()].filter((k) => byName.get(k)), 3);
    throw new InvalidInputError(
      `data build: country name "${name}" in ${where} maps to no ISO3 code${near.length ? ` (near: ${near.join(', ')})` : ''}; ` +
        'add it to NAME_OVERRIDES in src/data/build/countries.ts',
    );
  };
  return { nodes, wgiOnly, resolve };
}

function sortedYears(scores: Record<string, WgiScores>): Record<string, WgiScores> {
  const out: Record<string, WgiScores> = {};
  for (const year of Object.keys(scores).sort()) {
    const s = scores[year]!;
    const ordered: WgiScores = {};
    for (const k of WGI_INDICATORS) if (s[k] !== undefined) ordered[k] = s[k];
    out[year] = ordered;
  }
  return out;
}
