// The analyst query library in graph/queries: loads each `<name>.cypher` (Neo4j Cypher) with its LadybugDB variant
// `<name>.ladybug.cypher` where the dialects differ, and parses the header every file opens with (name, purpose,
// parameters, example, columns). Also the graph schema both stores share, as the Cypher linter needs it.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInputError, suggestIds, type InputProblem } from '../domain/errors.ts';
import { tokenizeCypher } from './cypher-guard.ts';
import { META_LABEL, NODE_COLUMNS, NODE_LABELS, REL_COLUMNS, REL_TYPES } from './records.ts';

export const DEFAULT_QUERIES_DIR = fileURLToPath(new URL('../../graph/queries/', import.meta.url));
export const SCHEMA_FILE = fileURLToPath(new URL('../../graph/schema.cypher', import.meta.url));

export type CypherDialect = 'neo4j' | 'ladybug';

/** Neo4j-only bookkeeping properties (see neo4j.ts): load generation, relationship load key, lock time. */
export const NEO4J_ONLY_PROPERTIES = ['generation', 'loadKey', 'since'] as const;

/**
 * Labels, relationship types and property keys of the stored graph, from records.ts (the one definition both
 * stores write), plus the Meta table and, for Neo4j, its bookkeeping properties.
 */
export function graphSchema(dialect: CypherDialect = 'neo4j'): { labels: string[]; relationshipTypes: string[]; propertyKeys: string[] } {
  const keys = new Set<string>(['key', 'value']);
  for (const label of NODE_LABELS) for (const c of NODE_COLUMNS[label]) keys.add(c.name);
  for (const type of REL_TYPES) for (const c of REL_COLUMNS[type]) keys.add(c.name);
  if (dialect === 'neo4j') for (const k of NEO4J_ONLY_PROPERTIES) keys.add(k);
  return { labels: [...NODE_LABELS, META_LABEL], relationshipTypes: [...REL_TYPES], propertyKeys: [...keys].sort() };
}

export interface QueryParameter {
  name: string;
  description: string;
}

export interface QueryHeader {
  name: string;
  purpose: string;
  parameters: QueryParameter[];
  /** Example parameter values, used by the docs, the linter and the tests. */
  example: Record<string, unknown>;
  columns: string[];
}

export interface LibraryQuery extends QueryHeader {
  /** The Neo4j text and its file. */
  file: string;
  text: string;
  /** The LadybugDB variant, when the dialects differ. */
  ladybug?: { file: string; text: string };
}

/** The text to run on a store of the given dialect: the LadybugDB variant when there is one. */
export function queryTextFor(query: LibraryQuery, dialect: CypherDialect): string {
  return dialect === 'ladybug' && query.ladybug ? query.ladybug.text : query.text;
}

/** The `$parameters` a query uses (tokenizer-based, so `$` inside strings and comments is ignored). */
export function usedParameters(text: string): string[] {
  const names = new Set<string>();
  for (const token of tokenizeCypher(text)) if (token.kind === 'param') names.add(token.text.slice(1).replace(/`/g, ''));
  return [...names].sort();
}

/**
 * Parses the `// Name:`, `// Purpose:`, `// Parameters:`, `// Example:` and `// Columns:` header and checks it
 * against the body: every `$parameter` used is declared and has an example value. Throws InvalidInputError listing
 * every problem, each naming the file.
 */
export function parseQueryHeader(text: string, file: string): QueryHeader {
  const problems: InputProblem[] = [];
  const at = basename(file);
  const fields = new Map<string, string[]>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('//')) break;
    const body = line.replace(/^\/\/ ?/, '');
    const field = /^([A-Z][a-z]+): ?(.*)$/.exec(body);
    if (field) {
      current = field[1]!;
      fields.set(current, field[2] ? [field[2]] : []);
    } else if (current && /^\s+/.test(body)) fields.get(current)!.push(body.trim());
    else current = undefined;
  }
  const one = (name: string): string => {
    const value = fields.get(name);
    if (!value) problems.push({ at, field: name, message: `missing "// ${name}:" header line` });
    return (value ?? []).join(' ').trim();
  };
  const name = one('Name').replace(/\s*\(LadybugDB variant\)$/, '');
  const purpose = one('Purpose');
  const parameterLines = fields.get('Parameters');
  if (!parameterLines) problems.push({ at, field: 'Parameters', message: 'missing "// Parameters:" header (write "none" if there are none)' });
  const parameters: QueryParameter[] = [];
  for (const line of parameterLines ?? []) {
    if (line === 'none') continue;
    const m = /^\$(\w+)\s+(.+)$/.exec(line);
    if (m) parameters.push({ name: m[1]!, description: m[2]! });
    else if (parameters.length) parameters[parameters.length - 1]!.description += ` ${line}`;
    else problems.push({ at, field: 'Parameters', message: `cannot read "${line}": expected "$name  description"` });
  }
  let example: Record<string, unknown> = {};
  const exampleText = one('Example');
  try {
    const parsed: unknown = JSON.parse(exampleText || '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    example = parsed as Record<string, unknown>;
  } catch (error) {
    problems.push({ at, field: 'Example', message: `must be a JSON object of parameter values: ${(error as Error).message}` });
  }
  const columns = one('Columns')
    .replace(/\([^)]*\)/g, '')
    .split(',')
    .map((c) => c.trim().split(/\s/)[0]!)
    .filter(Boolean);
  const declared = new Set(parameters.map((p) => p.name));
  for (const used of usedParameters(text)) {
    if (!declared.has(used)) problems.push({ at, field: 'Parameters', message: `$${used} is used but not declared` });
  }
  for (const p of parameters) {
    if (!(p.name in example)) problems.push({ at, field: 'Example', message: `no example value for $${p.name}` });
  }
  for (const key of Object.keys(example)) {
    if (!declared.has(key)) problems.push({ at, field: 'Example', message: `"${key}" is not a declared parameter` });
  }
  const expected = basename(file).replace(/(\.ladybug)?\.cypher$/, '');
  if (name && name !== expected) problems.push({ at, field: 'Name', message: `is "${name}" but the file is ${basename(file)}` });
  if (problems.length) throw new InvalidInputError(`${at}: ${problems.length} header problem(s)`, problems);
  return { name, purpose, parameters, example, columns };
}

/** Loads every query of the library, sorted by name; a variant without its Neo4j original is an error. */
export async function loadQueryLibrary(dir: string = DEFAULT_QUERIES_DIR): Promise<LibraryQuery[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cypher')).sort();
  const problems: InputProblem[] = [];
  const queries: LibraryQuery[] = [];
  for (const f of files.filter((f) => !f.endsWith('.ladybug.cypher'))) {
    const file = join(dir, f);
    const text = await readFile(file, 'utf8');
    try {
      const header = parseQueryHeader(text, file);
      const query: LibraryQuery = { ...header, file, text };
      const variant = f.replace(/\.cypher$/, '.ladybug.cypher');
      if (files.includes(variant)) {
        const variantFile = join(dir, variant);
        const variantText = await readFile(variantFile, 'utf8');
        const variantHeader = parseQueryHeader(variantText, variantFile);
        if (JSON.stringify(variantHeader.columns) !== JSON.stringify(header.columns)) {
          problems.push({ at: variant, field: 'Columns', message: `differ from ${f}: keep the result shape identical` });
        }
        query.ladybug = { file: variantFile, text: variantText };
      }
      queries.push(query);
    } catch (error) {
      if (error instanceof InvalidInputError) problems.push(...error.problems);
      else throw error;
    }
  }
  for (const f of files.filter((f) => f.endsWith('.ladybug.cypher'))) {
    if (!files.includes(f.replace(/\.ladybug\.cypher$/, '.cypher'))) {
      problems.push({ at: f, message: 'a LadybugDB variant needs its Neo4j original beside it' });
    }
  }
  if (problems.length) throw new InvalidInputError(`graph/queries: ${problems.length} problem(s)`, problems);
  return queries;
}

/** Splits a schema/script file into statements on `;` outside strings and comments. */
export function splitCypherStatements(text: string): string[] {
  const statements: string[] = [];
  let start = 0;
  for (const token of tokenizeCypher(text)) {
    if (token.kind === 'symbol' && token.text === ';') {
      statements.push(text.slice(start, token.offset));
      start = token.offset + 1;
    }
  }
  statements.push(text.slice(start));
  return statements.filter((s) => tokenizeCypher(s).length > 0).map((s) => s.trim());
}

/** The JSON type of a value as the header's example shows it: the type a caller's parameter must have. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Checks a caller's parameters against what a library query declares: every declared parameter given (none has a
 * default), no undeclared one, each of its example's JSON type (an integer where the example is an integer, a
 * string where it is a string ...). Throws InvalidInputError listing every problem, each naming the parameter and
 * showing the example value; returns the parameters as given.
 */
export function checkLibraryParams(query: LibraryQuery, params: Record<string, unknown> = {}): Record<string, unknown> {
  const problems: InputProblem[] = [];
  const declared = new Map(query.parameters.map((p) => [p.name, p]));
  for (const key of Object.keys(params)) {
    if (declared.has(key)) continue;
    const near = suggestIds(key, [...declared.keys()], 1);
    problems.push({
      field: `params.${key}`,
      message: `"${key}" is not a parameter of ${query.name}${near.length ? ` (did you mean "${near[0]}"?)` : ''}; it takes ${[...declared.keys()].join(', ') || 'none'}`,
    });
  }
  for (const p of query.parameters) {
    const example = JSON.stringify(query.example[p.name]);
    if (!(p.name in params)) {
      problems.push({ field: `params.${p.name}`, message: `missing: ${p.description} (e.g. ${example})` });
      continue;
    }
    const want = jsonType(query.example[p.name]);
    const got = jsonType(params[p.name]);
    const fits = got === want || (want === 'number' && got === 'integer');
    if (!fits) problems.push({ field: `params.${p.name}`, message: `must be ${want === 'integer' ? 'an' : 'a'} ${want} like ${example}, got ${got}` });
  }
  if (problems.length) {
    throw new InvalidInputError(`${query.name}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }
  return params;
}
