// Mineral nodes: units, world totals, list membership (US 2022, EU 2023, China 2016), applications and the seed
// tables (seed 000 tables 1-3 entries, seed 002 processing shares), each seed figure with its own citation.
import { InvalidInputError } from '../../domain/errors.ts';
import type { MineralNode, Stage } from '../../domain/model.ts';
import { MINERAL_LISTS } from '../sources/lists.ts';
import { MINERALS } from '../sources/minerals.ts';
import {
  SEED000_CITATION,
  SEED000_COUNTRIES,
  SEED000_ROWS,
  SEED000_US_MAIN_SOURCE_CHINA,
  SEED000_YEAR,
  type Seed000Row,
} from '../sources/seed000.ts';
import { SEED002_CITATION, SEED002_PROCESSING, SEED002_YEAR } from '../sources/seed002.ts';
import { DatasetBuilder, MCS } from './context.ts';
import { worldTableSource, type WorldTable } from './producers.ts';
import type { UsStatistics } from './us.ts';

/** One parsed seed-000 entry as stored on `MineralNode.seed.seed000[]`. */
export interface Seed000Entry {
  table: 1 | 2 | 3;
  entry: string;
  entryEn: string;
  mineral: string;
  usNir: number | null;
  chinaNir: number | null;
  hhi: number;
  mainProducers: Array<{ iso3: string; name: string; share: number | null }>;
  mainProducersRaw: string;
  /** Reserves in 10^4 t as printed, with the year printed after the slash. */
  usReserves: { value: number; unit: '10^4 t'; year: number | null } | null;
  usReservesRaw: string;
  chinaReserves: { value: number; unit: '10^4 t'; year: number | null } | null;
  chinaReservesRaw: string;
  applications: string[];
  applicationsZh: string;
  /** Table 1 only: whether section 2 names China as the main US import source. */
  usMainSourceChina?: boolean;
  note?: string;
  source: string;
  year: number;
}

function parseNir(text: string | undefined, where: string): number | null {
  if (text === undefined) return null;
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new InvalidInputError(`seed 000: NIR "${text}" of ${where} is not a fraction`);
  return v;
}

function parseReserves(text: string, where: string): Seed000Entry['usReserves'] {
  const t = text.replace(/\s/g, '');
  if (t === '' || t === '—') return null;
  const match = /^([\d.]+)(?:\/(\d{4}))?$/.exec(t);
  if (!match) throw new InvalidInputError(`seed 000: reserves "${text}" of ${where} is not "<value>/<year>"`);
  return { value: Number(match[1]), unit: '10^4 t', year: match[2] ? Number(match[2]) : null };
}

function parseProducers(text: string, where: string): Seed000Entry['mainProducers'] {
  return text
    .split(/、|和/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.+?)（([\d.]+)）$/.exec(part);
      const name = match ? match[1]! : part;
      const iso3 = SEED000_COUNTRIES[name];
      if (!iso3) throw new InvalidInputError(`seed 000: producer "${name}" of ${where} has no ISO3; add it to SEED000_COUNTRIES`);
      return { iso3, name, share: match ? Number(match[2]) : null };
    });
}

export function parseSeed000(row: Seed000Row): Seed000Entry {
  const where = `table ${row.table} "${row.entry}"`;
  const hhi = Number(row.hhi.replace(/\s/g, ''));
  if (!Number.isInteger(hhi)) throw new InvalidInputError(`seed 000: HHI "${row.hhi}" of ${where} is not an integer`);
  return {
    table: row.table,
    entry: row.entry,
    entryEn: row.entryEn,
    mineral: row.mineral,
    usNir: parseNir(row.usNir, where),
    chinaNir: parseNir(row.chinaNir, where),
    hhi,
    mainProducers: parseProducers(row.producers, where),
    mainProducersRaw: row.producers,
    usReserves: parseReserves(row.usReserves, where),
    usReservesRaw: row.usReserves,
    chinaReserves: parseReserves(row.chinaReserves, where),
    chinaReservesRaw: row.chinaReserves,
    applications: row.applicationsEn,
    applicationsZh: row.applications,
    ...(row.table === 1 ? { usMainSourceChina: (SEED000_US_MAIN_SOURCE_CHINA as readonly string[]).includes(row.entry) } : {}),
    ...(row.note ? { note: row.note } : {}),
    source: `${SEED000_CITATION}, Table ${row.table}${row.table === 1 ? ' and section 2' : ''}`,
    year: SEED000_YEAR,
  };
}

/** "metric tons, Nb content" from a USGS measure such as "Mine production (Nb content)". */
function unitLabel(measure: string): string {
  const basis = /\(([^)]*(?:content|equivalent|weight|REO)[^)]*)\)/i.exec(measure)?.[1];
  return basis ? `metric tons, ${basis.split(';')[0]!.trim()}` : 'metric tons';
}

export function addMineralNodes(
  builder: DatasetBuilder,
  tables: Map<string, WorldTable>,
  us: UsStatistics,
  prices: ReadonlyMap<string, NonNullable<MineralNode['price']>> = new Map(),
): void {
  const seed000 = new Map<string, Seed000Entry[]>();
  for (const row of SEED000_ROWS) {
    const entry = parseSeed000(row);
    seed000.set(entry.mineral, [...(seed000.get(entry.mineral) ?? []), entry]);
  }
  const known = new Set(MINERALS.map((m) => m.slug));
  for (const slug of [...seed000.keys(), ...Object.keys(SEED002_PROCESSING)]) {
    if (!known.has(slug)) throw new InvalidInputError(`data build: seed mineral "${slug}" has no spec in src/data/sources/minerals.ts`);
  }
  for (const list of MINERAL_LISTS) {
    for (const member of list.members) {
      for (const slug of member.minerals) {
        if (!known.has(slug)) throw new InvalidInputError(`data build: ${list.id} member "${member.name}" maps to unknown slug "${slug}"`);
      }
    }
  }

  for (const spec of MINERALS) {
    const table = tables.get(spec.slug);
    const entries = seed000.get(spec.slug) ?? [];
    const lists: NonNullable<MineralNode['lists']> = {};
    for (const list of MINERAL_LISTS) lists[list.id] = list.members.some((m) => m.minerals.includes(spec.slug));
    const applications = [...new Set(entries.flatMap((e) => e.applications))];
    const processing = SEED002_PROCESSING[spec.slug];

    const units: Partial<Record<Stage, string>> = {};
    let source: string;
    let year: number;
    if (table) {
      units[table.stage] = unitLabel(table.measure);
      if (processing) units.refined = units.mine;
      source = worldTableSource(table);
      year = 2025;
    } else if (spec.us) {
      const unit = us.unitOf(spec.us.commodity, spec.us.imports);
      if (unit) units.trade = `metric tons, ${unit.replace(/^(thousand metric tons|metric tons|kilograms),?\s*/i, '') || 'gross weight'}`;
      source = `${MCS}, ${spec.name}: United States salient statistics and net import reliance, ${us.pdfOf(spec.us.commodity)}`;
      year = 2025;
    } else {
      source = `${SEED000_CITATION}, Table ${entries.map((e) => e.table).join(', ')}`;
      year = SEED000_YEAR;
    }

    const seed: Record<string, unknown> = {};
    if (entries.length) seed.seed000 = entries;
    if (processing) {
      seed.seed002 = {
        processingShares: processing.map((p) => ({ iso3: p.iso3, share: p.share, printed: p.printed })),
        source: SEED002_CITATION,
        year: SEED002_YEAR,
      };
    }
    const node: MineralNode = {
      id: `mineral:${spec.slug}`,
      kind: 'mineral',
      name: spec.name,
      slug: spec.slug,
      ...(Object.keys(units).length ? { units } : {}),
      lists,
      ...(applications.length ? { applications } : {}),
      ...(Object.keys(seed).length ? { seed } : {}),
      ...(table && Object.keys(table.worldTotal).length ? { worldTotal: { [table.stage]: table.worldTotal } } : {}),
      ...(table?.worldReserves !== undefined ? { worldReserves: table.worldReserves } : {}),
      ...(table ? { usgs: { commodity: table.commodity, measure: table.measure, unit: table.unit, url: table.url } } : {}),
      ...(table && Object.keys(table.raw).length ? { raw: table.raw } : {}),
      ...(table?.yearSource ? { yearSource: table.yearSource } : {}),
      ...(table?.yearEstimated ? { yearEstimated: table.yearEstimated } : {}),
      ...(prices.has(spec.slug) ? { price: prices.get(spec.slug)! } : {}),
      source,
      year,
    };
    builder.addNode(node);
  }
}
