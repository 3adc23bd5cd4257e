// `cypher`: run a read-only Cypher query (a file from graph/queries or inline text) against the configured store.
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { basename } from 'node:path';
import { InvalidInputError, suggestIds, unknownIdError } from '../../domain/errors.ts';
import { checkLibraryParams, loadQueryLibrary, queryTextFor } from '../../store/cypher-library.ts';
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
    .description('run a read-only Cypher query against the configured store (writes are refused); no argument lists the query library')
    .argument('[query]', 'a library query name (e.g. top-producers; the LadybugDB variant is used on the embedded store), a .cypher file, or query text')
    .option('--param <name=value>', 'query parameter, repeatable (numbers and booleans are parsed)', parseParam, {})
    .option('--example', "use the library query's example parameters (from its header)")
    .option('--limit <n>', 'at most n rows', (v) => Number(v), 1000)
    .option('--timeout <ms>', 'abort after ms milliseconds', (v) => Number(v), 30_000)
    .option('--json', 'rows as a JSON array')
    .option('--csv', 'rows as CSV')
    .action(async (input: string | undefined, opts: { param: Record<string, unknown>; example?: boolean; limit: number; timeout: number; json?: boolean; csv?: boolean }) => {
      const library = await loadQueryLibrary();
      if (!input) {
        if (opts.json) return ctx.json(library.map(({ name, purpose, parameters, example, columns }) => ({ name, purpose, parameters, example, columns })));
        ctx.table(['name', 'purpose', 'example parameters'], library.map((q) => [q.name, q.purpose.length > 90 ? `${q.purpose.slice(0, 87)}...` : q.purpose, JSON.stringify(q.example)]));
        return ctx.note('Run one: npx chokepoint cypher <name> --example (or --param name=value ...)');
      }
      const store = await ctx.store();
      const named = library.find((q) => q.name === input);
      let query: string;
      let params = opts.param;
      if (named) {
        query = queryTextFor(named, store.kind === 'neo4j' ? 'neo4j' : 'ladybug');
        if (opts.example) params = { ...named.example, ...opts.param };
        // The same check the API makes, so a missing or mistyped parameter is named before the engine sees the query.
        try {
          params = checkLibraryParams(named, params);
        } catch (err) {
          if (!(err instanceof InvalidInputError)) throw err;
          throw new InvalidInputError(`cypher ${err.message.replace(/params\./g, '--param ')} (add --example to take the example's value for every parameter not given)`, err.problems);
        }
      } else if (input.endsWith('.cypher') || (await isFile(input))) {
        query = await readFile(input, 'utf8').catch(() => {
          const near = suggestIds(`q:${basename(input, '.cypher').replace(/\.ladybug$/, '')}`, library.map((q) => `q:${q.name}`)).map((s) => s.slice(2));
          throw new InvalidInputError(`cypher: no file "${input}"${near.length ? `; library queries nearby: ${near.join(', ')}` : ''} (run \`chokepoint cypher\` to list the library)`);
        });
      } else if (/^[a-z0-9-]+$/.test(input)) {
        throw unknownIdError('library query', input, library.map((q) => q.name));
      } else query = input;
      const result = await store.cypherRead(query, { params, limit: opts.limit, timeoutMs: opts.timeout });
      if (opts.json) return ctx.json(result.rows);
      if (opts.csv) {
        ctx.out([result.columns.join(','), ...result.rows.map((r) => result.columns.map((c) => csvCell(r[c])).join(','))].join('\n'));
      } else {
        ctx.table(result.columns, result.rows.map((r) => result.columns.map((c) => (typeof r[c] === 'object' && r[c] !== null ? JSON.stringify(r[c]) : (r[c] as string)))));
        ctx.note(`${result.rows.length} row(s)${result.truncated ? ` (cut at --limit ${opts.limit})` : ''}`);
      }
    });
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile()).catch(() => false);
}
