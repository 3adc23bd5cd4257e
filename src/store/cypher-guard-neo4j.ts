// The Neo4j store's second Cypher check, after the shared lexical guard (cypher-guard.ts): Neo4j's own parser
// (@neo4j-cypher/language-support, the grammar Neo4j's tools ship) reads the query, and every clause and every
// procedure or function invocation in its parse tree is checked, wherever it sits: subqueries, EXISTS/COUNT/COLLECT,
// list and pattern comprehensions, CASE. The server then backs it up: EXPLAIN's query type must be read-only and
// the query runs in a READ transaction (neo4j.ts). Fails closed: text the parser cannot read is refused.
// No Neo4j server runs in this project's CI: this layer is tested offline; the server-side layers are not.
import { CypherLanguageService } from '@neo4j-cypher/language-support';
import { ReadOnlyError } from '../domain/errors.ts';
import { refusedInvocation, type CypherWrite } from './cypher-guard.ts';

/**
 * Grammar rules (Cypher25Parser.g4) that write, change the schema or the server, read files, switch database,
 * commit on their own or define code: a query holding any of them is refused.
 */
const REFUSED_RULES: Record<string, string> = {
  command: 'an administration or schema command',
  useClause: 'USE',
  createClause: 'CREATE',
  insertClause: 'INSERT',
  deleteClause: 'DELETE',
  setClause: 'SET',
  removeClause: 'REMOVE',
  mergeClause: 'MERGE',
  foreachClause: 'FOREACH',
  loadCSVClause: 'LOAD CSV',
  composableCommandClauses: 'SHOW or TERMINATE',
  subqueryInTransactionsParameters: 'CALL { } IN TRANSACTIONS',
  localDefinition: 'DEFINE PROCEDURE/FUNCTION',
};

/** The parts of the parse tree this check reads (antlr4ng's ParserRuleContext and TerminalNode). */
interface TreeNode {
  ruleIndex?: number;
  children?: TreeNode[] | null;
  start?: { start: number } | null;
  getText(): string;
}

interface ParsedStatementView {
  /** antlr4ng's Parser: its rule names, and the syntax errors it met (it recovers from them and carries on). */
  parser: { ruleNames: string[]; numberOfSyntaxErrors: number };
  ctx: TreeNode;
}

let service: CypherLanguageService | undefined;

/**
 * The parsed statements. `parse` is the language service's own entry point (the one its linter uses), private in
 * its typings only; it returns the tree and the parser's syntax errors.
 */
function parseStatements(query: string): ParsedStatementView[] {
  service ??= new CypherLanguageService();
  const parse = (service as unknown as { parse(q: string): { statementsParsing: ParsedStatementView[] } }).parse;
  return parse.call(service, query).statementsParsing;
}

/** Answers for recent query texts: the parser takes ~50 ms a query (seconds for the first), library queries repeat. */
const CACHE = new Map<string, CypherWrite[]>();
const CACHE_SIZE = 256;

/**
 * Where Neo4j's parser finds a refused clause or invocation in `query` (line and column of each), or a syntax error
 * (the parser cannot vouch for text it cannot read); empty when the query only reads.
 */
export function findNeo4jRefusals(query: string): CypherWrite[] {
  const cached = CACHE.get(query);
  if (cached) return cached;
  const result = findUncached(query);
  if (CACHE.size >= CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(query, result);
  return result;
}

function findUncached(query: string): CypherWrite[] {
  const found: Array<{ clause: string; offset: number }> = [];
  const statements = parseStatements(query).filter((s) => s.ctx.getText().replace(/<EOF>$/, '').trim() !== '');
  if (statements.length > 1) found.push({ clause: '; (a second statement)', offset: 0 });
  for (const statement of statements) {
    if (statement.parser.numberOfSyntaxErrors > 0) {
      // The tree of text with syntax errors is a guess (error recovery): refuse rather than trust it.
      found.push({ clause: `Neo4j's parser cannot read it (${statement.parser.numberOfSyntaxErrors} syntax error(s))`, offset: statement.ctx.start?.start ?? 0 });
      continue;
    }
    const names = statement.parser.ruleNames;
    const stack: TreeNode[] = [statement.ctx];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.ruleIndex !== undefined) {
        const rule = names[node.ruleIndex]!;
        const offset = node.start?.start ?? 0;
        const refusedRule = REFUSED_RULES[rule];
        if (refusedRule) found.push({ clause: refusedRule, offset });
        if (rule === 'functionName' || rule === 'procedureName') {
          // getText() joins the name's tokens without the whitespace and comments between them: `apoc . when`.
          const name = node.getText();
          const refused = refusedInvocation(name) ?? refusedInvocation(name.replace(/`/g, ''));
          if (refused) found.push({ clause: rule === 'procedureName' ? `CALL ${refused}` : refused, offset });
        }
      }
      for (const child of node.children ?? []) stack.push(child);
    }
  }
  found.sort((a, b) => a.offset - b.offset);
  return found.map(({ clause, offset }) => {
    const before = query.slice(0, offset);
    return { clause, offset, line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  });
}

/** Throws ReadOnlyError naming what Neo4j's parser found that is more than a read. */
export function assertNeo4jReadOnly(query: string): void {
  const refusals = findNeo4jRefusals(query);
  if (!refusals.length) return;
  const where = refusals.map((r) => `${r.clause} at ${r.line}:${r.column}`).join(', ');
  throw new ReadOnlyError(
    `cypher: refused by Neo4j's parser, this query does more than read the graph: ${where}. Queries here only read ` +
      'the stored graph (no writes, files, URLs, query strings run by procedures, administration or GDS state changes).',
  );
}
