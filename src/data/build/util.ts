// Small helpers of the dataset build: CSV reading, USGS number and unit parsing, slugs, rounding.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '../../domain/errors.ts';

export type Row = Record<string, string>;

/** Reads a CSV with a header row into string records (BOM stripped, cells as published). */
export async function readCsv(sharedDir: string, relPath: string): Promise<Row[]> {
  const path = join(sharedDir, relPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(
      `data build: cannot read ${path} (${(error as Error).message}); set CHOKEPOINT_SHARED_DATA to the directory holding the raw public files`,
    );
  }
  return parse(text, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: false }) as Row[];
}

/** A numeric cell of the transcribed USGS CSVs: blank = not published (W, NA, XX...), else the number. */
export function num(cell: string | undefined, where = 'a numeric column'): number | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  // ICMM writes some coordinates with the Unicode minus sign.
  const value = Number(cell.replace(/,/g, '').replace(/\u2212/g, '-'));
  if (!Number.isFinite(value)) throw new InvalidInputError(`data build: "${cell}" in ${where} is not a number`);
  return value;
}

/** True when a raw USGS string says more than its number: W, NA, XX, "( )", Small, ">..." or "<...". */
export function rawCarriesMeaning(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const r = raw.trim();
  if (r === '' || r === '—') return false;
  return !/^\d+(\.\d+)?$/.test(r);
}

/** Metric tons per published unit: USGS tables use metric tons, thousand metric tons or kilograms. */
export function tonnesPerUnit(unit: string, where: string): number {
  const u = unit.trim().toLowerCase();
  if (u.startsWith('thousand metric tons')) return 1000;
  if (u.startsWith('metric tons')) return 1;
  if (u.startsWith('kilograms')) return 0.001;
  throw new InvalidInputError(`data build: unknown unit "${unit}" in ${where}; add it to tonnesPerUnit()`);
}

/** Rounds away floating-point noise (1e-6 t) so that rebuilt files are byte-identical across platforms. */
export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function scale(value: number, factor: number): number {
  return round(value * factor);
}

/** ASCII slug: accents stripped, lower case, runs of other characters -> "-". */
export function slugify(text: string, maxLength = 48): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/g, '');
}

/** Name normalisation for matching country names across publishers. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/&/g, ' and ')
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, ' ')
    .trim();
}

export const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
