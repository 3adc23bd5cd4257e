// `cypher`: run a read-only Cypher query (a file from graph/queries or inline text) against the configured store.
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidInputError } from '../../domain/errors.ts';
import type { CliContext } from '../context.ts';
import { csvCell } from '../../data/export.ts';

/** `k=v` -> [k, v] with v parsed as JSON when it is a number, boolean, null, array or object, else a string. */
export function parseParam(text: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InvalidInputError(`--param "${text}": expected name=value, e.g. --param mineral=niobium`);
  const key = text.slice(0, eq);
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null|\[.*\]|\{.*\})$/s.test(raw)) {
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
  }
  return { ...previous, [key]: value };
}

export function registerCypher(program: Command, ctx: CliContext): void {
  program
    .command('cypher')
    .description('run a read-only Cypher query against the configured store (writes are refused)')
    .argument('<file-or-query>', 'a .cypher file (e.g. graph/queries/top-producers.ladybug.cypher) or the query text')
    .option('--param <name=value>', 'query parameter, repeatable (numbers and booleans are parsed)', parseParam, {})
    .option('--limit <n>', 'at most n rows (default 1000)', (v) => Number(v), 1000)
    .option('--timeout <ms>', 'abort after ms milliseconds (default 30000)', (v) => Number(v), 30_000)
    .option('--json', 'rows as a JSON array')
    .option('--csv', 'rows as CSV')
    .action(async (input: string, opts: { param: Record<string, unknown>; limit: number; timeout: number; json?: boolean; csv?: boolean }) => {
      const isFile = input.endsWith('.cypher') || (await stat(input).then((s) => s.isFile()).catch(() => false));
      const query = isFile ? await readFile(input, 'utf8') : input;
      const store = await ctx.store();
      const result = await store.cypherRead(query, { params: opts.param, limit: opts.limit, timeoutMs: opts.timeout });
      if (opts.json) return ctx.json(result.rows);
      if (opts.csv) {
        ctx.out([result.columns.join(','), ...result.rows.map((r) => result.columns.map((c) => csvCell(r[c])).join(','))].join('\n'));
      } else {
        ctx.table(result.columns, result.rows.map((r) => result.columns.map((c) => (typeof r[c] === 'object' && r[c] !== null ? JSON.stringify(r[c]) : (r[c] as string)))));
        ctx.note(`${result.rows.length} row(s)${result.truncated ? ` (cut at --limit ${opts.limit})` : ''}`);
      }
    });
}
