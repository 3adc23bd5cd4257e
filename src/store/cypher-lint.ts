// Offline lint of the Cypher we ship (graph/schema.cypher, graph/queries/*.cypher) with Neo4j's own parser and
// semantic analysis (@neo4j-cypher/language-support), against the project schema: a misspelt label, relationship
// type, property or undeclared parameter fails `npm run lint:cypher` and the vitest suite.
// LadybugDB variants (*.ladybug.cypher) are not Neo4j Cypher: test/queries/embedded.test.ts runs them instead.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintCypherQuery, type DbSchema } from '@neo4j-cypher/language-support';
import { SCHEMA_FILE, graphSchema, loadQueryLibrary, splitCypherStatements } from './cypher-library.ts';

export interface CypherLintProblem {
  /** File name (or a label such as "gds") and 1-based line:column in it. */
  at: string;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * The DbSchema the linter checks against: our labels, types and property keys (plus `extraPropertyKeys`, such as the
 * keys of the Neo4j loader's row maps, which the linter reads as property keys too), and the query's parameters.
 */
export function lintSchema(parameters: Record<string, unknown> = {}, extraPropertyKeys: readonly string[] = []): DbSchema {
  const schema = graphSchema('neo4j');
  return { ...schema, propertyKeys: [...new Set([...schema.propertyKeys, ...extraPropertyKeys])].sort(), parameters };
}

/**
 * Lints one Cypher text. Warnings count as problems too: the linter reports an unknown label or property as a
 * warning, and those are exactly the mistakes worth blocking on. `offsetLine` shifts line numbers when `text`
 * is a statement cut from a larger file.
 */
export function lintCypher(
  text: string,
  parameters: Record<string, unknown>,
  at: string,
  offsetLine = 0,
  extraPropertyKeys: readonly string[] = [],
): CypherLintProblem[] {
  const { diagnostics } = lintCypherQuery(text, lintSchema(parameters, extraPropertyKeys));
  return diagnostics.map((d) => ({
    at: `${at}:${d.range.start.line + 1 + offsetLine}:${d.range.start.character + 1}`,
    severity: d.severity === 1 ? 'error' : 'warning',
    message: typeof d.message === 'string' ? d.message : d.message.value,
  }));
}

/** Lints graph/schema.cypher (statement by statement) and every Neo4j query of the library with its example params. */
export async function lintShippedCypher(queriesDir?: string, schemaFile: string = SCHEMA_FILE): Promise<CypherLintProblem[]> {
  const problems: CypherLintProblem[] = [];
  const schemaText = await readFile(schemaFile, 'utf8');
  let searchFrom = 0;
  for (const statement of splitCypherStatements(schemaText)) {
    const offset = schemaText.indexOf(statement, searchFrom);
    searchFrom = offset + statement.length;
    const line = schemaText.slice(0, offset).split('\n').length - 1;
    problems.push(...lintCypher(statement, {}, basename(schemaFile), line));
  }
  for (const query of await loadQueryLibrary(queriesDir)) {
    problems.push(...lintCypher(query.text, query.example, basename(query.file)));
  }
  return problems;
}

async function main(): Promise<number> {
  const problems = await lintShippedCypher();
  for (const p of problems) process.stderr.write(`${p.at}: ${p.severity}: ${p.message}\n`);
  if (problems.length) {
    process.stderr.write(`lint:cypher: ${problems.length} problem(s); fix the query or, for a new property, its column in src/store/records.ts\n`);
    return 1;
  }
  process.stdout.write('lint:cypher: graph/schema.cypher and graph/queries are clean\n');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`lint:cypher: ${error instanceof Error ? error.message : String(error)}\n`);
      if (error && typeof error === 'object' && 'problems' in error) process.stderr.write(`${JSON.stringify(error.problems, null, 2)}\n`);
      process.exitCode = 1;
    },
  );
}
