// Reads and validates a user's own records (JSON or CSV in the project schema) for `chokepoint import`.
// Every problem is reported as `file:line: field: what is wrong`; nothing is written unless all rows are valid.
// Linear in the file: CSV is streamed (csv-parse); JSON takes one visitor pass for line numbers and one JSON.parse.
// (Counting newlines from the start of the file for every record made large JSON imports quadratic.)
// An id that already exists in the store is refused unless the user asks to replace it.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse as parseCsvStream } from 'csv-parse';
import { visit } from 'jsonc-parser';
import { z } from 'zod';
import { InvalidInputError, suggestIds, type InputProblem } from '../domain/errors.ts';
import { LINK_TYPES, NODE_KINDS, STAGES, type Dataset, type FlowRecord, type LinkRecord, type SupplyNode } from '../domain/model.ts';

const ID = /^(country|mineral|mine|refiner):[A-Za-z0-9._/-]+$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const provenance = {
  source: z.string().trim().min(1, 'is required: name the publisher, document and table or URL'),
  year: z.number().int().min(1900).max(2100),
  estimated: z.boolean().optional(),
  rule: z.string().min(1).optional(),
};

const nodeSchema = z
  .object({
    id: z.string().regex(ID, 'must look like country:BRA, mineral:niobium, mine:<slug> or refiner:<slug>'),
    kind: z.enum(NODE_KINDS),
    name: z.string().trim().min(1, 'is required'),
    ...provenance,
    iso3: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as BRA').optional(),
    country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as BRA').optional(),
    slug: z.string().regex(SLUG, 'must be a lower-case slug such as rare-earths').optional(),
    minerals: z.array(z.string().regex(SLUG, 'must be mineral slugs such as niobium')).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    aggregate: z.boolean().optional(),
    mineral: z.string().regex(SLUG).optional(),
    stage: z.enum(STAGES).optional(),
    output: z.record(z.string(), z.number().nonnegative()).optional(),
    capacity: z.record(z.string(), z.number().nonnegative()).optional(),
    assetType: z.string().optional(),
  })
  .passthrough();

const flowSchema = z
  .object({
    id: z.string().trim().min(1, 'is required'),
    from: z.string().regex(ID, 'must be a node id such as mine:bra-niobium'),
    to: z.string().regex(ID, 'must be a node id such as country:USA'),
    mineral: z.string().regex(SLUG, 'must be a mineral slug such as niobium'),
    stage: z.enum(STAGES),
    tonnes: z.number().nonnegative('must be >= 0').nullable(),
    share: z.number().min(0).max(1).nullable().optional(),
    importShare: z.number().min(0).max(1).nullable().optional(),
    /** Traded value in US dollars (CEPII BACI trade flows carry it; an export writes it back). */
    valueUsd: z.number().nonnegative('must be >= 0').optional(),
    /** An estimated figure's plausible tonnes range and the rule that gives it (src/domain/uncertainty.ts). */
    range: z.tuple([z.number().nonnegative(), z.number().nonnegative().nullable()]).optional(),
    rangeRule: z.string().optional(),
    ...provenance,
  })
  .strict();

const linkSchema = z
  .object({ type: z.enum(LINK_TYPES), from: z.string().regex(ID), to: z.string().regex(ID), ...provenance })
  .passthrough();

export type ImportPatch = Omit<Dataset, 'version'>;

interface RawRecord {
  section: 'nodes' | 'flows' | 'links';
  line: number;
  value: unknown;
}

export interface ImportOptions {
  /** Replace stored nodes and flows whose ids the file repeats (default: such an id is an error). */
  replace?: boolean;
  /** Progress lines for long files (the CLI prints them on stderr). */
  onProgress?: (message: string) => void;
}

/** Records between two progress lines while a file is read. */
const PROGRESS_EVERY = 20_000;

/** Reads `file` (.json or .csv) and returns the validated patch, or throws InvalidInputError listing every problem. */
export async function readImportFile(file: string, existing: Dataset | undefined, options: ImportOptions = {}): Promise<ImportPatch> {
  const cannotRead = (error: NodeJS.ErrnoException): never => {
    throw new InvalidInputError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  };
  const size = (await stat(file).catch(cannotRead)).size;
  const ext = extname(file).toLowerCase();
  if (ext !== '.json' && ext !== '.csv') {
    throw new InvalidInputError(`${file}: unsupported file type "${ext || '(none)'}"; use .json or .csv (see README, "Importing your own data")`);
  }
  const progress = size > 1024 * 1024 ? options.onProgress : undefined;
  progress?.(`import: reading ${file} (${(size / 2 ** 20).toFixed(1)} MiB)`);
  const raw =
    ext === '.json'
      ? recordsFromJson(file, await readFile(file, 'utf8').catch(cannotRead))
      : await recordsFromCsv(file, progress);
  progress?.(`import: read ${raw.length.toLocaleString('en-US')} records; validating`);
  return validateRecords(basename(file) === file ? file : file, raw, existing, options.replace === true);
}

/**
 * One pass of jsonc-parser's visitor for the line of every record (and the first syntax error), then JSON.parse for
 * the values: building jsonc's whole tree took ~4 s for 60,000 flows, the visitor under 1 s.
 */
function recordsFromJson(file: string, text: string): RawRecord[] {
  const lines: Record<string, number[]> = {};
  let errorLine: number | undefined;
  const recordLine = (line: number, path: () => Array<string | number>) => {
    const at = path();
    if (at.length === 2 && typeof at[0] === 'string' && typeof at[1] === 'number') (lines[at[0]] ??= [])[at[1]] = line + 1;
  };
  visit(
    text,
    {
      onObjectBegin: (_offset, _length, line, _char, path) => recordLine(line, path),
      onArrayBegin: (_offset, _length, line, _char, path) => recordLine(line, path),
      onLiteralValue: (_value, _offset, _length, line, _char, path) => recordLine(line, path),
      onError: (_error, _offset, _length, line) => (errorLine ??= line + 1),
    },
    { allowTrailingComma: false, disallowComments: true },
  );
  if (errorLine !== undefined || !text.trim()) {
    const at = errorLine ?? 1;
    throw new InvalidInputError(`${file}:${at}: malformed JSON`, [{ at: `${file}:${at}`, message: 'malformed JSON' }]);
  }
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(`${file}:1: expected an object {"nodes": [...], "flows": [...], "links": [...]}`);
  }
  const records: RawRecord[] = [];
  for (const section of ['nodes', 'flows', 'links'] as const) {
    const array = (value as Record<string, unknown>)[section];
    if (array === undefined) continue;
    if (!Array.isArray(array)) throw new InvalidInputError(`${file}: "${section}" must be an array`);
    const at = lines[section] ?? [];
    array.forEach((item, i) => records.push({ section, line: at[i] ?? 1, value: item }));
  }
  const unknown = Object.keys(value).filter((k) => !['nodes', 'flows', 'links', 'version'].includes(k));
  if (unknown.length) throw new InvalidInputError(`${file}:1: unknown top-level key(s) ${unknown.join(', ')}; expected nodes, flows, links`);
  return records;
}

const CSV_NUMBER_FIELDS = new Set(['tonnes', 'share', 'importShare', 'valueUsd', 'year', 'lat', 'lon']);

/** Streams the CSV file: one record at a time, with the line it ends on (quoted cells may span lines). */
async function recordsFromCsv(file: string, progress?: (message: string) => void): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  let section: RawRecord['section'] | undefined;
  const parser = createReadStream(file).pipe(parseCsvStream({ columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!section) {
        const header = Object.keys(record);
        section = header.includes('from') && header.includes('mineral') ? 'flows' : header.includes('type') ? 'links' : 'nodes';
      }
      records.push({ section, line: info.lines, value: csvValue(record) });
      if (progress && records.length % PROGRESS_EVERY === 0) progress(`import: read ${records.length.toLocaleString('en-US')} records`);
    }
  } catch (error) {
    throw new InvalidInputError(`${file}: malformed CSV: ${(error as Error).message}`);
  }
  return records;
}

function csvValue(row: Record<string, string>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [key, cell] of Object.entries(row)) {
    if (cell === '') {
      if (key === 'tonnes') value[key] = null;
      continue;
    }
    if (CSV_NUMBER_FIELDS.has(key)) value[key] = Number.isFinite(Number(cell)) ? Number(cell) : cell;
    else if (key === 'estimated' || key === 'aggregate') value[key] = cell === 'true' ? true : cell === 'false' ? false : cell;
    else if (key === 'minerals') value[key] = cell.split(';').map((s) => s.trim());
    else value[key] = cell;
  }
  return value;
}

/** Stages a flow may carry, by the kind of node it leaves (as in the shipped dataset, graph/data/README.md). */
// A final-stage producer ships to importers at stage "trade" (CEPII BACI flows, src/data/build/trade.ts).
const STAGES_FROM: Record<string, readonly string[]> = { country: ['trade'], mine: ['mine', 'refined', 'trade'], refiner: ['refined', 'trade'], mineral: [] };

function validateRecords(file: string, raw: RawRecord[], existing: Dataset | undefined, replace: boolean): ImportPatch {
  const problems: InputProblem[] = [];
  const patch: ImportPatch = { nodes: [], flows: [], links: [] };
  const schemas = { nodes: nodeSchema, flows: flowSchema, links: linkSchema } as const;
  for (const record of raw) {
    const result = schemas[record.section].safeParse(record.value);
    const at = `${file}:${record.line}`;
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ at, field: issue.path.join('.') || record.section, message: issue.message });
      }
      continue;
    }
    const value = result.data as Record<string, unknown>;
    if (value.estimated === true && !value.rule) problems.push({ at, field: 'rule', message: 'is required when estimated is true: state the rule that produced the figure' });
    if (record.section === 'nodes') {
      const node = value as unknown as SupplyNode;
      if (!node.id.startsWith(`${node.kind}:`)) problems.push({ at, field: 'kind', message: `"${node.kind}" does not match the id prefix of "${node.id}"` });
      patch.nodes.push(node);
    } else if (record.section === 'flows') patch.flows.push(value as unknown as FlowRecord);
    else patch.links.push(value as unknown as LinkRecord);
  }
  // Cross-record checks run on the raw rows, so a row with a schema problem is still checked for references.
  const nodes = new Map<string, Record<string, unknown>>((existing?.nodes ?? []).map((n) => [n.id, n as unknown as Record<string, unknown>]));
  const storedFlowIds = new Set((existing?.flows ?? []).map((f) => f.id));
  const storedNodeIds = new Set(nodes.keys());
  const firstLine = new Map<string, number>();
  const flowIds = new Map<string, number>();
  const clobbers = (what: string, id: string) =>
    `${what} "${id}" already exists in the store; importing it would replace the stored one: pass --replace to replace it, or give the record a new id`;
  for (const record of raw) {
    const row = asRow(record.value);
    const at = `${file}:${record.line}`;
    const id = typeof row.id === 'string' ? row.id : undefined;
    if (record.section === 'nodes' && id) {
      const first = firstLine.get(id);
      if (first !== undefined) problems.push({ at, field: 'id', message: `duplicate id "${id}" (first at line ${first})` });
      else if (!replace && storedNodeIds.has(id)) problems.push({ at, field: 'id', message: clobbers('node', id) });
      firstLine.set(id, record.line);
      nodes.set(id, row);
    }
    if (record.section === 'flows' && id) {
      const first = flowIds.get(id);
      if (first !== undefined) problems.push({ at, field: 'id', message: `duplicate flow id "${id}" (first at line ${first})` });
      else if (!replace && storedFlowIds.has(id)) problems.push({ at, field: 'id', message: clobbers('flow', id) });
      flowIds.set(id, record.line);
    }
  }
  const known = [...nodes.keys()];
  const mineralIds = known.filter((k) => k.startsWith('mineral:'));
  for (const record of raw) {
    if (record.section === 'nodes') continue;
    const row = asRow(record.value);
    const at = `${file}:${record.line}`;
    for (const field of ['from', 'to'] as const) {
      const ref = row[field];
      if (typeof ref === 'string' && !nodes.has(ref)) {
        const near = suggestIds(ref, known);
        problems.push({ at, field, message: `unknown node "${ref}"${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : ''}; add the node in the same file or fix the id` });
      }
    }
    if (record.section !== 'flows') continue;
    const mineral = row.mineral;
    if (typeof mineral === 'string' && !nodes.has(`mineral:${mineral}`)) {
      const near = suggestIds(`mineral:${mineral}`, mineralIds).map((n) => `"${n.slice('mineral:'.length)}"`);
      problems.push({ at, field: 'mineral', message: `unknown mineral "${mineral}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}` });
    }
    const source = typeof row.from === 'string' ? nodes.get(row.from) : undefined;
    if (!source) continue;
    const kind = String(row.from).slice(0, String(row.from).indexOf(':'));
    const allowed = STAGES_FROM[kind] ?? [];
    // A plant whose published figure is its country's mine output (CBMM's Araxá concentrator, an ICMM "plant") feeds
    // the mine-stage national total: the shipped dataset has such flows, so an export of it must import again.
    const target = typeof row.to === 'string' ? nodes.get(row.to) : undefined;
    const plantFeedingMineTotal = kind === 'refiner' && row.stage === 'mine' && target?.aggregate === true && target.stage === 'mine';
    if (typeof row.stage === 'string' && !allowed.includes(row.stage) && !plantFeedingMineTotal) {
      problems.push({ at, field: 'stage', message: `a flow leaving a ${kind} node cannot carry stage "${row.stage}"; use ${allowed.length ? allowed.map((a) => `"${a}"`).join(' or ') : 'no flow (minerals are not producers)'}` });
    }
    const carried = source.minerals;
    if (typeof mineral === 'string' && Array.isArray(carried) && carried.length && !carried.includes(mineral)) {
      problems.push({ at, field: 'mineral', message: `"${row.from}" produces ${carried.join(', ')}, not ${mineral}; add ${mineral} to its minerals or fix the flow` });
    }
  }
  if (!raw.length) problems.push({ at: `${file}:1`, message: 'no records found' });
  if (problems.length) {
    problems.sort((a, b) => lineNumber(a.at) - lineNumber(b.at));
    throw new InvalidInputError(`${file}: ${problems.length} problem(s); nothing was imported`, problems);
  }
  return patch;
}

function asRow(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function lineNumber(at: string | undefined): number {
  return Number(at?.slice(at.lastIndexOf(':') + 1)) || 0;
}

/** `file:line: field: message` lines, as the CLI prints them. */
export function formatProblems(problems: InputProblem[]): string {
  return problems.map((p) => [p.at, p.field, p.message].filter(Boolean).join(': ')).join('\n');
}
