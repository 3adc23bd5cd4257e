// Country-level aggregate producers from the USGS MCS 2026 world production table: one node per country row and
// commodity (mine:<iso3>-<slug> or refiner:<iso3>-<slug>), "Other countries" as <kind>:other-countries-<slug>.
// Figures are converted to metric tons; raw strings are kept where they say more than the number.
import { InvalidInputError } from '../../domain/errors.ts';
import type { FacilityNode, Stage } from '../../domain/model.ts';
import { MINERALS, type MineralSpec, type ProductionStage } from '../sources/minerals.ts';
import type { CountryIndex } from './countries.ts';
import { DatasetBuilder, MCS } from './context.ts';
import { num, rawCarriesMeaning, readCsv, scale, tonnesPerUnit, type Row } from './util.ts';

export const WORLD_FILE = 'usgs_mcs2026/mcs2026_world_production.csv';
export const OTHER = 'OTH';

export interface WorldTable {
  spec: MineralSpec;
  stage: ProductionStage;
  commodity: string;
  measure: string;
  unit: string;
  url: string;
  factor: number;
  worldTotal: Record<string, number>;
  worldReserves?: number;
  raw: Record<string, string>;
  /** ISO3 (or OTH) -> aggregate node. */
  aggregates: Map<string, FacilityNode>;
}

export const kindOf = (stage: ProductionStage): 'mine' | 'refiner' => (stage === 'mine' ? 'mine' : 'refiner');
export const aggregateId = (stage: ProductionStage, iso3: string, slug: string): string =>
  `${kindOf(stage)}:${iso3 === OTHER ? 'other-countries' : iso3.toLowerCase()}-${slug}`;

export function worldTableSource(t: { commodity: string; stage: ProductionStage; url: string }): string {
  const what = t.stage === 'mine' ? 'world mine production and reserves' : 'world refinery/smelter production';
  return `${MCS}, ${t.commodity}: ${what} table (2025 = USGS estimate 2025e), ${t.url}`;
}

/** Reads the world table and adds one aggregate node per country row; returns the tables by mineral slug. */
export async function addWorldProducers(
  sharedDir: string,
  builder: DatasetBuilder,
  countries: CountryIndex,
): Promise<Map<string, WorldTable>> {
  const rows = await readCsv(sharedDir, WORLD_FILE);
  const byCommodity = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byCommodity.get(row.commodity!) ?? [];
    list.push(row);
    byCommodity.set(row.commodity!, list);
  }
  const covered = new Set(MINERALS.map((m) => m.worldCommodity).filter(Boolean));
  const uncovered = [...byCommodity.keys()].filter((c) => !covered.has(c));
  if (uncovered.length) {
    throw new InvalidInputError(`data build: ${WORLD_FILE} has commodities with no mineral spec: ${uncovered.join(', ')}; add them to src/data/sources/minerals.ts`);
  }

  const tables = new Map<string, WorldTable>();
  for (const spec of MINERALS) {
    if (!spec.worldCommodity) continue;
    const list = byCommodity.get(spec.worldCommodity);
    if (!list?.length) throw new InvalidInputError(`data build: no rows for "${spec.worldCommodity}" in ${WORLD_FILE}`);
    const first = list[0]!;
    const table: WorldTable = {
      spec,
      stage: spec.stage!,
      commodity: spec.worldCommodity,
      measure: first.measure!,
      unit: first.unit!,
      url: first.source_pdf!,
      factor: tonnesPerUnit(first.unit!, `${WORLD_FILE} (${spec.worldCommodity})`),
      worldTotal: {},
      raw: {},
      aggregates: new Map(),
    };
    const reservesFactor = spec.reservesInThousands ? 1000 * table.factor : table.factor;
    for (const row of list) {
      if (row.unit !== table.unit || row.measure !== table.measure) {
        throw new InvalidInputError(`data build: ${spec.worldCommodity} rows mix units or measures in ${WORLD_FILE}`);
      }
      const where = `${WORLD_FILE} (${spec.worldCommodity}, ${row.country})`;
      if (row.country!.startsWith('World total')) {
        for (const [year, col, rawCol] of YEAR_COLUMNS) {
          const v = num(row[col]);
          if (v !== undefined) table.worldTotal[year] = scale(v, table.factor);
          if (rawCarriesMeaning(row[rawCol])) table.raw[`worldTotal${year}`] = row[rawCol]!;
        }
        const reserves = num(row.reserves);
        if (reserves !== undefined) table.worldReserves = scale(reserves, reservesFactor);
        if (rawCarriesMeaning(row.reserves_raw)) table.raw.worldReserves = row.reserves_raw!;
        continue;
      }
      const isOther = row.country === 'Other countries' || row.country === 'Other';
      const iso3 = isOther ? OTHER : countries.resolve(row.country!, where);
      const node = aggregateNode(table, row, iso3, reservesFactor);
      if (!node) continue;
      builder.addNode(node);
      if (iso3 !== OTHER) builder.addLink({ type: 'LOCATED_IN', from: node.id, to: `country:${iso3}`, source: node.source, year: 2025 });
      table.aggregates.set(iso3, node);
    }
    tables.set(spec.slug, table);
  }
  return tables;
}

const YEAR_COLUMNS: ReadonlyArray<[string, string, string]> = [
  ['2024', 'prod_2024', 'prod_2024_raw'],
  ['2025', 'prod_2025e', 'prod_2025e_raw'],
];

function aggregateNode(table: WorldTable, row: Row, iso3: string, reservesFactor: number): FacilityNode | undefined {
  const { spec, stage } = table;
  const output: Record<string, number> = {};
  const raw: Record<string, string> = {};
  for (const [year, col, rawCol] of YEAR_COLUMNS) {
    const v = num(row[col]);
    if (v !== undefined) output[year] = scale(v, table.factor);
    if (rawCarriesMeaning(row[rawCol])) raw[`output${year}`] = row[rawCol]!;
  }
  const capacity = num(row.capacity);
  const reserves = num(row.reserves);
  if (rawCarriesMeaning(row.reserves_raw)) raw.reserves = row.reserves_raw!;
  if (!Object.keys(output).length && capacity === undefined && reserves === undefined) return undefined;
  const notes: string[] = [];
  if (spec.reservesInThousands && reserves !== undefined) {
    notes.push('reserves column read as thousand metric tons: only then do the country rows add up to the world total (PROVENANCE.md)');
  }
  const place = iso3 === OTHER ? 'Other countries' : row.country!;
  const stageWord: Record<ProductionStage, string> = { mine: 'mine output', refined: 'refined output' };
  return {
    id: aggregateId(stage, iso3, spec.slug),
    kind: kindOf(stage),
    name: `${place} ${spec.name.toLowerCase()} ${stageWord[stage]} (aggregate)`,
    country: iso3,
    minerals: [spec.slug],
    aggregate: true,
    mineral: spec.slug,
    stage: stage as Stage,
    ...(Object.keys(output).length ? { output } : {}),
    ...(capacity !== undefined ? { capacity: { '2025': scale(capacity, table.factor) } } : {}),
    ...(reserves !== undefined ? { reserves: scale(reserves, reservesFactor) } : {}),
    ...(Object.keys(raw).length ? { raw } : {}),
    ...(notes.length ? { notes } : {}),
    source: worldTableSource(table),
    year: 2025,
  };
}
