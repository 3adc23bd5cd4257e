// USGS facility layers (Africa; Indo-Pacific): one row per mine or plant with its annual capacity, read into
// tonnes of our minerals, and matched to ICMM facilities by country, coordinates, name and operator. The capacity
// notes decide what a row may be used for (../shared/data/usgs_facilities_*/PROVENANCE.md): `c` = one capacity
// shared by several features (counted once per group, never summed), `g` = gross ore weight (not in the mineral's
// basis: skipped), `e` = estimated (kept, and said). Units vary by row and are normalised here.
import { readCsv, type Row } from '../build/util.ts';
import { ICMM_COMMODITIES, type ProductionStage } from './minerals.ts';

export const USGS_FACILITY_FILES = {
  africa: 'usgs_facilities_africa/AFR_Mineral_Facilities.csv',
  indopacific: 'usgs_facilities_indopacific/INDOPAC_Mineral_Facilities.csv',
} as const;
export type UsgsLayer = keyof typeof USGS_FACILITY_FILES;

export const USGS_FACILITY_SOURCES: Record<UsgsLayer, string> = {
  africa:
    'USGS NMIC, Compilation of geospatial data for the mineral industries and related infrastructure of Africa, layer AFR_Mineral_Facilities (capacities mostly 2018, from the USGS Minerals Yearbook country chapters)',
  indopacific:
    'USGS NMIC, Compilation of geospatial data for the mineral industries and related infrastructure of the Indo-Pacific, layer INDOPAC_Mineral_Facilities',
};

/** One commodity row of a USGS facility layer, its capacity read into tonnes where it can be. */
export interface UsgsFacility {
  layer: UsgsLayer;
  /** FeatureUID; not unique (a feature has one row per commodity/product, and some UIDs repeat). */
  uid: string;
  country: string;
  name: string;
  featureType: string;
  commodity: string;
  product: string;
  /** Our mineral slug for the commodity, when we track it. */
  mineral: string | undefined;
  stage: ProductionStage;
  /** Annual capacity in metric tons, or undefined (NA, a non-mass unit, or gross weight). */
  capacityTonnes: number | undefined;
  /** The capacity as published: value and unit. */
  capacityRaw: string;
  capacityYear: number | undefined;
  combined: boolean;
  estimatedCapacity: boolean;
  gross: boolean;
  /** With `combined`: the FeatureUIDs sharing the capacity (this row's own UID included). */
  sharedWith: string[];
  operator: string;
  owners: string[];
  lat: number | undefined;
  lon: number | undefined;
}

/** Tonnes per unit of the capacity units seen in both layers; units that are not a mass (barrels, carats) -> undefined. */
export function tonnesPerCapacityUnit(unit: string): number | undefined {
  const u = unit.trim().toLowerCase();
  const table: Record<string, number> = {
    'metric tons': 1,
    mt: 1,
    'thousand metric tons': 1000,
    kmt: 1000,
    'million metric tons': 1e6,
    'million mt': 1e6,
    kilograms: 0.001,
    kg: 0.001,
  };
  return table[u];
}

/** USGS commodity names to our slugs: the ICMM word table, after the USGS spellings are normalised. */
export function mineralOfUsgsCommodity(commodity: string): string | undefined {
  const word = commodity
    .toLowerCase()
    .replace(/\s*\(.*\)\s*/g, '')
    .replace('aluminum', 'aluminium')
    .replace('rare earths', 'lanthanides')
    .trim();
  const slugs = ICMM_COMMODITIES[word];
  return slugs?.length === 1 ? slugs[0] : undefined;
}

/** Mine stage for ore, concentrate and mine output; refined for metal, chemicals, intermediates and plants. */
export function stageOfUsgsRow(featureType: string, product: string): ProductionStage {
  const p = product.toLowerCase();
  if (/\b(mine|ore|ores|concentrates?)\b/.test(p)) return 'mine';
  if (/\b(metal|refined|chemical|hydroxide|intermediate|powder|oxide|cathode|sponge)\b/.test(p)) return 'refined';
  return /mines|quarries|brine/i.test(featureType) ? 'mine' : 'refined';
}

const NULLISH = new Set(['', '<null>', 'null', 'na']);
const clean = (cell: string | undefined): string => (NULLISH.has((cell ?? '').trim().toLowerCase()) ? '' : cell!.trim());
const UID = /^[A-Z]{3}\d{3}$/;

function parseRow(layer: UsgsLayer, r: Row): UsgsFacility {
  const notes = clean(r.cap_notes).toLowerCase();
  const flags = new Set(notes.split(/[,\s]+/).filter(Boolean));
  const uid = clean(r.FeatureUID);
  // The shared-capacity UID list is DsgAttr10 in the Africa layer and DsgAttr9 in the Indo-Pacific one.
  const sharedCell = clean(layer === 'africa' ? r.DsgAttr10 : r.DsgAttr9);
  const shared = sharedCell.split(/[,;\s]+/).filter((s) => UID.test(s));
  const gross = flags.has('g');
  const value = Number(clean(r.cap_value));
  const factor = tonnesPerCapacityUnit(clean(r.cap_units));
  const capacityTonnes = !gross && Number.isFinite(value) && value > 0 && factor !== undefined ? value * factor : undefined;
  const lat = Number(clean(r.Latitude) || clean(r.geom_lat));
  const lon = Number(clean(r.Longitude) || clean(r.geom_lon));
  const owners = Object.keys(r)
    .filter((k) => /^OwnerName\d$/.test(k))
    .map((k) => clean(r[k]))
    .filter(Boolean);
  const product = clean(r.norm_product) || clean(r.norm_product_detail);
  const featureType = clean(r.FeatureTyp);
  const capYear = Number(clean(r.cap_year));
  return {
    layer,
    uid,
    country: clean(r.Country),
    name: clean(r.FeatureNam),
    featureType,
    commodity: clean(r.norm_commodity),
    product,
    mineral: mineralOfUsgsCommodity(clean(r.norm_commodity)),
    stage: stageOfUsgsRow(featureType, product),
    capacityTonnes,
    capacityRaw: `${clean(r.cap_value) || 'NA'} ${clean(r.cap_units)}`.trim(),
    capacityYear: Number.isInteger(capYear) && capYear > 0 ? capYear : layer === 'africa' ? 2018 : undefined,
    combined: flags.has('c'),
    estimatedCapacity: flags.has('e'),
    gross,
    sharedWith: flags.has('c') ? [...new Set([uid, ...shared])].sort() : [],
    operator: clean(r.OperateNam),
    owners,
    lat: Number.isFinite(lat) ? lat : undefined,
    lon: Number.isFinite(lon) ? lon : undefined,
  };
}

/** Every commodity row of both layers (as published; capacity read into tonnes where the unit is a mass). */
export async function readUsgsFacilities(sharedDir: string): Promise<UsgsFacility[]> {
  const out: UsgsFacility[] = [];
  for (const layer of Object.keys(USGS_FACILITY_FILES) as UsgsLayer[]) {
    for (const row of await readCsv(sharedDir, USGS_FACILITY_FILES[layer])) out.push(parseRow(layer, row));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Matching to ICMM

/** The ICMM side of a match: what the facility nodes carry. */
export interface MatchCandidate {
  id: string;
  name: string;
  /** ISO3. */
  country: string;
  lat?: number;
  lon?: number;
  groupNames?: string[];
  minerals: string[];
}

export interface FacilityMatch {
  usgs: UsgsFacility;
  icmm: MatchCandidate;
  distanceKm: number | undefined;
  nameScore: number;
  operatorMatch: boolean;
  /** Why the pair was accepted, e.g. "3.2 km apart, names 0.67 alike". */
  reason: string;
}

/** Great-circle distance in km (haversine, mean Earth radius 6,371 km). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

// Words that name the kind of site or company rather than the site itself.
const GENERIC = new Set(
  'mine mines plant plants refinery smelter complex project operation operations deposit pit open underground shaft facility mining mineral minerals processing ltd limited co corp company inc sa sarl sprl plc pty the of and de du des la le in at near tailings treatment area body ore'.split(
    ' ',
  ),
);

/** Distinctive lower-case ASCII words of a site or company name. */
export function nameTokens(text: string): Set<string> {
  const ascii = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return new Set(ascii.split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !GENERIC.has(w)));
}

/** Share of the smaller name's distinctive words found in the other (0..1): "Tenke Fungurume Mine" ~ "Tenke Fungurume" = 1. */
export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (!ta.size || !tb.size) return 0;
  let common = 0;
  for (const w of ta) if (tb.has(w)) common++;
  return common / Math.min(ta.size, tb.size);
}

/**
 * Pairs each USGS row with at most one ICMM facility of the same country: accepted when the sites lie within 2 km,
 * or within 30 km with names at least half alike or the same operator, or (no usable coordinates) when the names are
 * alike (>= 0.75) and the operator is among ICMM's group names. The best pair wins: nearest, then most alike.
 * O(U x F_c) for U rows and F_c ICMM facilities in their country.
 */
export function matchFacilities(rows: readonly UsgsFacility[], icmm: readonly MatchCandidate[], countryOf: (name: string) => string | undefined): FacilityMatch[] {
  const byCountry = new Map<string, MatchCandidate[]>();
  for (const c of icmm) byCountry.set(c.country, [...(byCountry.get(c.country) ?? []), c]);
  const matches: FacilityMatch[] = [];
  for (const row of rows) {
    const iso3 = countryOf(row.country);
    if (!iso3) continue;
    let best: FacilityMatch | undefined;
    for (const cand of byCountry.get(iso3) ?? []) {
      const d =
        row.lat !== undefined && row.lon !== undefined && cand.lat !== undefined && cand.lon !== undefined
          ? distanceKm(row.lat, row.lon, cand.lat, cand.lon)
          : undefined;
      const nameScore = Math.max(nameSimilarity(row.name, cand.name), ...(cand.groupNames ?? []).map((g) => nameSimilarity(row.name, g)));
      const company = [row.operator, ...row.owners].filter(Boolean);
      const operatorMatch = company.some((o) => [cand.name, ...(cand.groupNames ?? [])].some((g) => nameSimilarity(o, g) >= 0.5));
      let reason: string | undefined;
      if (d !== undefined && d <= 2) reason = `${d.toFixed(1)} km apart`;
      else if (d !== undefined && d <= 30 && nameScore >= 0.5) reason = `${d.toFixed(1)} km apart, names ${nameScore.toFixed(2)} alike`;
      else if (d !== undefined && d <= 30 && operatorMatch) reason = `${d.toFixed(1)} km apart, same operator`;
      else if (d === undefined && nameScore >= 0.75 && operatorMatch) reason = `names ${nameScore.toFixed(2)} alike, same operator (no coordinates)`;
      if (!reason) continue;
      const m: FacilityMatch = { usgs: row, icmm: cand, distanceKm: d, nameScore, operatorMatch, reason };
      if (!best || (m.distanceKm ?? 1e9) < (best.distanceKm ?? 1e9) || ((m.distanceKm ?? 1e9) === (best.distanceKm ?? 1e9) && m.nameScore > best.nameScore)) {
        best = m;
      }
    }
    if (best) matches.push(best);
  }
  return matches;
}
