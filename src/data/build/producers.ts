// Country-level aggregate producers from the USGS MCS 2026 world production table: one node per country row and
// commodity (mine:<iso3>-<slug> or refiner:<iso3>-<slug>), "Other countries" as <kind>:other-countries-<slug>.
// Figures are converted to metric tons; raw strings are kept where they say more than the number.
import { InvalidInputError } from '../../domain/errors.ts';
import type { FacilityNode, Stage } from '../../domain/model.ts';
import { MINERALS, type MineralSpec, type ProductionStage } from '../sources/minerals.ts';
import type { CountryIndex } from './countries.ts';
import { DatasetBuilder, MCS, MCS2026_FIRST_YEAR } from './context.ts';
import { OTHER_COUNTRIES, WORLD, type McsEditionFigure } from '../sources/usgs-mcs-editions.ts';
import { num, rawCarriesMeaning, readCsv, scale, tonnesPerUnit, type Row } from './util.ts';

export const WORLD_FILE = 'usgs_mcs2026/mcs2026_world_production.csv';
export const OTHER = OTHER_COUNTRIES;

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
  /** World totals of the MCS 2022-2024 editions: citation and estimate rule by year. */
  yearSource?: Record<string, string>;
  yearEstimated?: Record<string, string>;
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

/** Years the MCS 2022-2024 editions add to the MCS 2026 table's 2024 and 2025e (2020 only for 12 commodities). */
export const EDITION_YEARS = [2020, 2021, 2022, 2023] as const;

/** Short edition label kept on records (the full citation is in yearSource and in graph/data/README.md). */
const editionLabel = (edition: number): string => `USGS MCS ${edition}`;

/**
 * Adds the 2020..2023e production of the MCS 2022-2024 editions to the world tables (the revision rule of
 * latestEditionFigures: each year from the latest edition that has it; 2024 and 2025e stay MCS 2026's). Countries that
 * produced then but have no MCS 2026 row get an aggregate node of their own. Each added year carries its citation in
 * `yearSource` and, for USGS estimates, the rule in `yearEstimated`. Returns the figures used, for the manifest.
 */
export function addEditionYears(
  figures: readonly McsEditionFigure[],
  builder: DatasetBuilder,
  tables: Map<string, WorldTable>,
): { added: number; nodes: number } {
  let added = 0;
  let nodes = 0;
  for (const table of tables.values()) {
    const own = figures.filter((f) => f.series === table.spec.slug && f.measure === 'production' && f.stage === table.stage);
    for (const f of own) {
      const year = String(f.year);
      if (f.country === WORLD) {
        if (f.tonnes !== null) table.worldTotal[year] = f.tonnes;
        else table.raw[`worldTotal${year}`] = f.raw.replace(/ [A-Za-z]+$/, '');
        (table.yearSource ??= {})[year] = f.source;
        if (f.estimated) (table.yearEstimated ??= {})[year] = f.rule!;
        continue;
      }
      let node = table.aggregates.get(f.country);
      if (!node) {
        node = editionAggregate(table, f);
        editionOnly.add(node);
        builder.addNode(node);
        if (f.country !== OTHER) builder.addLink({ type: 'LOCATED_IN', from: node.id, to: `country:${f.country}`, source: node.source, year: node.year });
        table.aggregates.set(f.country, node);
        nodes++;
      } else if (f.year > node.year && node.year < 2024) {
        node.year = f.year;
      }
      if (f.tonnes !== null) {
        node.output = { ...(node.output ?? {}), [year]: f.tonnes };
        added++;
      } else {
        // The code as published (W, NA), without the unit token the reader appends, as the MCS 2026 rows keep it.
        node.raw = { ...(node.raw ?? {}), [`output${year}`]: f.raw.replace(/ [A-Za-z]+$/, '') };
      }
      node.yearSource = { ...(node.yearSource ?? {}), [year]: f.source };
      if (f.estimated) node.yearEstimated = { ...(node.yearEstimated ?? {}), [year]: f.rule! };
    }
  }
  return { added, nodes };
}

/** Aggregates of countries USGS lists only in an MCS 2022-2024 edition, not in MCS 2026. */
const editionOnly = new WeakSet<FacilityNode>();

/** True when the USGS table of `year` lists the node's country: a figure or a code (W, NA) for that year. */
export function listedInYear(node: FacilityNode, year: number): boolean {
  const y = String(year);
  if (node.output?.[y] !== undefined || node.raw?.[`output${y}`] !== undefined) return true;
  return year >= MCS2026_FIRST_YEAR && !editionOnly.has(node);
}

function editionAggregate(table: WorldTable, f: McsEditionFigure): FacilityNode {
  const { spec, stage } = table;
  const place = f.country === OTHER ? 'Other countries' : f.countryName;
  const stageWord: Record<ProductionStage, string> = { mine: 'mine output', refined: 'refined output' };
  return {
    id: aggregateId(stage, f.country, spec.slug),
    kind: kindOf(stage),
    name: `${place} ${spec.name.toLowerCase()} ${stageWord[stage]} (aggregate)`,
    country: f.country,
    minerals: [spec.slug],
    aggregate: true,
    mineral: spec.slug,
    stage: stage as Stage,
    notes: [`no row in the MCS 2026 table: figures from ${editionLabel(f.edition)} and earlier editions only`],
    source: f.source,
    year: f.year,
  };
}

/** The citation of a producer's figure of one year: the edition's where the year came from one, else the node's. */
export function figureSource(node: { source: string; yearSource?: Record<string, string> }, year: number): string {
  return node.yearSource?.[String(year)] ?? node.source;
}
