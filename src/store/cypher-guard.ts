// The first check every store runs before a user's Cypher reaches the database: a lexer that splits text the way
// both engines do (LadybugDB's Cypher.g4 and Neo4j's Cypher25Lexer.g4: the same whitespace, identifiers, parameter
// names, numbers, comments and string escapes), refusing text the two would read differently, then a scan of the
// tokens for anything that is not a plain read (subqueries included). One pass, O(query length). Refused: writes
// and schema changes; every file, extension or external access (LadybugDB's LOAD [WITH HEADERS] FROM, COPY, ATTACH,
// USE, INSTALL/LOAD/UPDATE extensions, EXPORT/IMPORT DATABASE, table functions off the read-only list; Neo4j's
// LOAD CSV, USE, SHOW, procedures and functions that write, touch files or URLs, run query strings (apoc.when,
// apoc.case, apoc.cypher.*, apoc.periodic.*), administer the server (dbms.*) or change GDS state); settings changes
// (`CALL threads=1`); transaction control and CALL { } IN [CONCURRENT] TRANSACTIONS; a second statement. It is
// conservative on purpose: a read query that uses one of these keywords as a bare variable name is refused too
// (quote it in backticks).
// It is one layer of several (README "Cypher guard"): on LadybugDB the query process then prepares the statement
// (isReadOnly) and checks its EXPLAIN plan's operators and table functions (cypher-sandbox-plan.mjs) on a database
// opened read-only; on Neo4j, cypher-guard-neo4j.ts walks Neo4j's own parse tree for every clause and invocation,
// then EXPLAIN's query type and a READ transaction back it up.
import { ReadOnlyError } from '../domain/errors.ts';
import { READ_TABLE_FUNCTIONS } from './cypher-sandbox-plan.mjs';

export type CypherTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'symbol';

export interface CypherToken {
  kind: CypherTokenKind;
  /** The token text; for `quoted` and `string`, the raw text including its delimiters. */
  text: string;
  /** Offset of the first character in the query. */
  offset: number;
}

/** Text the two engines could read differently (or not at all): the guard refuses the query rather than guess. */
export interface CypherLexProblem {
  message: string;
  offset: number;
}

export interface CypherWrite {
  /** The clause or procedure found, upper-cased for keywords: "CREATE", "DETACH DELETE", "CALL apoc.create.node". */
  clause: string;
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * Whitespace, as the engines define it: LadybugDB's WHITESPACE rule (src/antlr4/Cypher.g4: TAB, LF, VT, FF, CR,
 * U+001C..U+001F, space, U+00A0, U+1680, U+180E, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000; checked
 * one by one against 0.19.1), Neo4j's SPACE rule (Cypher25Lexer.g4: the same plus U+0085, without U+180E) and, so
 * that nothing JavaScript calls a space is read as part of a word, `\s` (adds U+FEFF). The union: a character
 * either engine skips separates tokens here too.
 */
// eslint-disable-next-line no-control-regex -- the engines count these control characters as whitespace
const WHITESPACE = /[\t\n\v\f\r\u001c-\u001f \u0085\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/u;
/** LadybugDB's identifiers (UnescapedSymbolicName: ID_Start or Pc, then ID_Continue or Sc); Neo4j's are a subset. */
const WORD_START = /[\p{ID_Start}\p{Pc}]/u;
const WORD_PART = /[\p{ID_Continue}\p{Sc}]/u;
/** Characters no Cypher token is made of (controls, format characters, unassigned, private use, lone surrogates). */
const NOT_CYPHER = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}]/u;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
/**
 * A number as LadybugDB lexes it (DecimalInteger, RegularDecimalReal, ExponentDecimalReal: digits, an optional
 * fraction, an exponent only when digits follow `e`/`e-`). It never takes a letter that could start a word:
 * LadybugDB reads `$1LOAD` and `LIMIT 1LOAD` as `1` then the keyword LOAD (Neo4j reads `1LOAD` as one malformed
 * number), so the word must be seen on its own.
 */
const NUMBER = /\d*\.\d+(?:[eE]-?\d+)?|\d+(?:[eE]-?\d+)?/y;
/** A parameter name that is a number: LadybugDB's and Neo4j's DecimalInteger, `0` or no leading zero. */
const PARAM_NUMBER = /0|[1-9]\d*/y;
/** The escapes LadybugDB's StringLiteral accepts (EscapedChar); any other makes its lexer drop the whole string. */
const STRING_ESCAPE = /\\(?:[\\'"bfnrtBFNRT]|[xX][0-9a-fA-F]{2}|[uU][0-9a-fA-F]{4}(?:[0-9a-fA-F]{4})?)/y;

/** Code point at `i` as a string (a surrogate pair whole), so Unicode classes see the real character. */
const charAt = (text: string, i: number): string => String.fromCodePoint(text.codePointAt(i)!);
const hex = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Splits Cypher into tokens the way both engines' lexers do (comments and whitespace dropped), and lists what
 * they would read differently or not at all: unterminated strings, comments and backtick names; string escapes
 * LadybugDB does not know; a `//` comment with a lone carriage return (Neo4j ends the comment there, LadybugDB
 * reads no comment at all); a block comment whose text ends with `*` (Neo4j closes it at the first star-slash,
 * LadybugDB's rule cannot close on star-star-slash and runs on to a later one); Neo4j's interpolated strings (`s'...'`);
 * control and format characters outside strings. One pass, O(query length).
 */
export function lexCypher(query: string): { tokens: CypherToken[]; problems: CypherLexProblem[] } {
  const tokens: CypherToken[] = [];
  const problems: CypherLexProblem[] = [];
  const n = query.length;
  let i = 0;
  while (i < n) {
    const c = charAt(query, i);
    if (WHITESPACE.test(c)) {
      i += c.length;
    } else if (c === '/' && query[i + 1] === '/') {
      // Both engines end a line comment at CR or LF; LadybugDB needs LF (or the end) after a CR.
      let j = i + 2;
      while (j < n && query[j] !== '\n' && query[j] !== '\r') j++;
      if (query[j] === '\r' && j + 1 < n && query[j + 1] !== '\n') {
        problems.push({ message: 'a // comment ends in a lone carriage return (the engines disagree on where it ends)', offset: i });
      }
      i = j;
    } else if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      if (end < 0) {
        problems.push({ message: 'unterminated /* comment', offset: i });
        i = n;
      } else {
        if (end > i + 2 && query[end - 1] === '*') {
          problems.push({ message: 'a /* comment ends in "**/" (the engines disagree on where it ends)', offset: i });
        }
        i = end + 2;
      }
    } else if (c === "'" || c === '"') {
      const start = i++;
      let closed = false;
      while (i < n) {
        if (query[i] === c) {
          closed = true;
          i++;
          break;
        }
        if (query[i] === '\\') {
          STRING_ESCAPE.lastIndex = i;
          const m = STRING_ESCAPE.exec(query);
          if (m) i += m[0].length;
          else {
            problems.push({ message: `unknown string escape "\\${query[i + 1] ?? ''}" (use \\\\ \\' \\" \\b \\f \\n \\r \\t \\xHH \\uHHHH)`, offset: i });
            i += 2;
          }
        } else i++;
      }
      if (!closed) problems.push({ message: 'unterminated string', offset: start });
      i = Math.min(i, n);
      const prev = tokens[tokens.length - 1];
      if (prev?.kind === 'word' && /^s$/i.test(prev.text) && prev.offset + 1 === start) {
        problems.push({ message: 'interpolated strings (s\'...\') are not supported', offset: prev.offset });
      }
      tokens.push({ kind: 'string', text: query.slice(start, i), offset: start });
    } else if (c === '`') {
      const start = i;
      i = readBackticks(query, i, problems);
      tokens.push({ kind: 'quoted', text: query.slice(start, i), offset: start });
    } else if (c === '$') {
      const start = i++;
      if (query[i] === '`') i = readBackticks(query, i, problems);
      else if (isDigit(query[i])) {
        PARAM_NUMBER.lastIndex = i;
        i += PARAM_NUMBER.exec(query)![0].length;
      } else if (i < n && WORD_START.test(charAt(query, i))) i = readWord(query, i);
      tokens.push({ kind: i > start + 1 ? 'param' : 'symbol', text: query.slice(start, i), offset: start });
    } else if (isDigit(c) || (c === '.' && isDigit(query[i + 1]))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(query)!;
      tokens.push({ kind: 'number', text: m[0], offset: i });
      i += m[0].length;
    } else if (WORD_START.test(c)) {
      const start = i;
      i = readWord(query, i);
      tokens.push({ kind: 'word', text: query.slice(start, i), offset: start });
    } else {
      if (NOT_CYPHER.test(c)) problems.push({ message: `character ${hex(c)} is not Cypher`, offset: i });
      tokens.push({ kind: 'symbol', text: c, offset: i });
      i += c.length;
    }
  }
  return { tokens, problems };
}

/** The end of an identifier starting at `i` (WORD_START already checked). */
function readWord(query: string, i: number): number {
  let j = i + charAt(query, i).length;
  while (j < query.length) {
    const c = charAt(query, j);
    if (WHITESPACE.test(c) || !WORD_PART.test(c)) break;
    j += c.length;
  }
  return j;
}

/** The end of a backtick name starting at `i`; a doubled backtick is part of the name in both engines. */
function readBackticks(query: string, i: number, problems: CypherLexProblem[]): number {
  const start = i++;
  for (;;) {
    const end = query.indexOf('`', i);
    if (end < 0) {
      problems.push({ message: 'unterminated backtick name', offset: start });
      return query.length;
    }
    if (query[end + 1] === '`') i = end + 2;
    else return end + 1;
  }
}

/** The tokens of `query` (see lexCypher); problems are ignored, for callers that only split reviewed text. */
export function tokenizeCypher(query: string): CypherToken[] {
  return lexCypher(query).tokens;
}

/**
 * Clause keywords that write data, change the schema, touch files, extensions or other databases, administer the
 * server or control the transaction.
 */
const WRITE_KEYWORDS = new Set([
  'CREATE',
  'MERGE',
  'DELETE',
  'DETACH',
  'SET',
  'REMOVE',
  'DROP',
  'FOREACH',
  'INSERT',
  'ALTER',
  'RENAME',
  'GRANT',
  'DENY',
  'REVOKE',
  'DEALLOCATE',
  'REALLOCATE',
  'TERMINATE',
  // Both dialects: reading files (LOAD CSV, LadybugDB's LOAD [WITH HEADERS] FROM) or loading an extension
  // (LOAD EXTENSION x, LOAD x); selecting another database or graph (USE).
  'LOAD',
  'USE',
  // LadybugDB (Kuzu dialect): bulk import/export (COPY ... FROM/TO reads or writes files), extensions (INSTALL,
  // UPDATE reinstalls), attached databases, statistics and comments (catalog writes), transaction control.
  'COPY',
  'INSTALL',
  'UNINSTALL',
  'UPDATE',
  'ATTACH',
  'IMPORT',
  'EXPORT',
  'ANALYZE',
  'COMMENT',
  'CHECKPOINT',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  // Neo4j: CALL { ... } IN [n CONCURRENT] TRANSACTIONS commits batches of its own, outside the read transaction.
  'TRANSACTIONS',
  'CONCURRENT',
]);

/** Keyword pairs: the second word decides (START DATABASE is admin, but `start` alone may be a variable). */
const WRITE_PAIRS: Record<string, string[]> = {
  START: ['DATABASE'],
  STOP: ['DATABASE'],
  ENABLE: ['SERVER'],
  USING: ['PERIODIC'],
};

/**
 * Neo4j procedures and functions refused wherever they are invoked (after CALL, or as a function in an expression),
 * matched on the dotted name case-insensitively: writes, schema and server changes, files and the network, and
 * everything that runs a query given as a string (whose text no check here can see: `apoc.when`, `apoc.case`,
 * `apoc.do.*`, `apoc.cypher.*`, `apoc.periodic.*` carry `LOAD CSV FROM 'http://...'` inside a READ transaction).
 */
const REFUSED_INVOCATIONS: RegExp[] = [
  /^db\.(create|drop|index\.fulltext\.(create|drop)|clearquerycaches|checkpoint|stats\.(collect|clear|stop))/i,
  // All of dbms: configuration, JMX (dbms.queryJmx), security, cluster, other sessions' queries.
  /^dbms\./i,
  /^apoc\.(when|case|do|cypher|periodic|create|merge|refactor|nodes\.(delete|link|collapse)|trigger|schema\.assert|atomic|lock|import|export|load|graph\.(import|from)|systemdb|uuid\.(install|remove|setup|drop)|ttl|bolt|es|mongo\w*|couchbase|redis|model|dv|static|config|custom|metrics|monitor|log|util\.sleep)(\.|$)/i,
  /^tx\./i,
];

/**
 * The read-only corner of the Graph Data Science library; any other `gds.*` procedure or function is refused,
 * whether CALLed or used as a function (`RETURN gds.graph.project('g', a, b)` creates an in-memory graph).
 * Algorithms may stream or report statistics on graphs already projected, but not project, mutate or write.
 */
const GDS_READ: RegExp[] = [
  /^gds\.(version|list)$/i,
  /^gds\.graph\.(list|exists)$/i,
  /^gds\.util\.(asNode|asNodes|NaN|infinity|isFinite|isInfinite)$/i,
  /^gds\.similarity\.\w+$/i,
  /^gds\.((alpha|beta)\.)?(?!graph\.)[\w.]+\.(stream|stats)(\.estimate)?$/i,
];

/** Why a dotted procedure or function name is refused, or undefined when it may run. */
export function refusedInvocation(name: string): string | undefined {
  const bare = name.replace(/`/g, '');
  if (REFUSED_INVOCATIONS.some((re) => re.test(bare))) return bare;
  if (/^gds\./i.test(bare) && !GDS_READ.some((re) => re.test(bare))) return bare;
  return undefined;
}

/**
 * LadybugDB table functions (undotted names after CALL) that only read the catalog or the database's own metadata:
 * the list the query process checks plans against (cypher-sandbox-plan.mjs), so both layers agree. Everything
 * else is refused: READ_CSV_*, READ_PARQUET, READ_NPY and FILE_INFO read host files (READ_CSV_SERIAL crashes the
 * process on a text file while it is prepared, before any plan exists), CURRENT_SETTING exposes settings such as
 * home_directory, PROJECT_GRAPH, DROP_PROJECTED_GRAPH and CLEAR_WARNINGS change connection state, *_INFO expose
 * storage internals, and an extension's functions are unknown. Checked against `CALL show_functions()` of
 * LadybugDB 0.19.1.
 */
export const LADYBUG_READ_TABLE_FUNCTIONS: ReadonlySet<string> = READ_TABLE_FUNCTIONS;

/** Tokens that may follow a label in a label expression. */
const LABEL_END = new Set([')', ']', '|', '&', '{', '*', 'WHERE', ':']);

/**
 * Where each refused clause, procedure or function appears in `query` (writes, file/extension/external access,
 * settings, administration, transaction control); empty when the query only reads the graph.
 */
export function findCypherWrites(query: string): CypherWrite[] {
  const { tokens, problems } = lexCypher(query);
  const found: Array<{ clause: string; offset: number }> = problems.map((p) => ({ clause: p.message, offset: p.offset }));
  const upper = (t: CypherToken | undefined): string => (t && t.kind === 'word' ? t.text.toUpperCase() : '');
  const sym = (t: CypherToken | undefined, s: string): boolean => t !== undefined && t.kind === 'symbol' && t.text === s;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'symbol' && token.text === ';') {
      // One statement per call: a second statement would run outside the read-only path's checks.
      if (i + 1 < tokens.length) found.push({ clause: '; (a second statement)', offset: token.offset });
      continue;
    }
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (token.kind === 'quoted' && !sym(prev, '.')) {
      // `apoc`.cypher.run(...) or `apoc.cypher.run`(...): quoted segments of a dotted function name.
      const refused = refusedInvocation(dottedNameAt(tokens, i).name);
      if (refused) found.push({ clause: refused, offset: token.offset });
    }
    if (token.kind !== 'word') continue;
    // Not a clause: a property (`n.set`), a label or type (`:Create`, `:A|Set`, `:A&Delete`, `:!Merge`),
    // a map key (`{set: 1}`) or a function/procedure name segment (`apoc.create`). A `!` counts only in a label
    // expression: after a value it is LadybugDB's factorial, and a clause may follow it.
    if (prev && prev.kind === 'symbol' && ['.', ':', '&'].includes(prev.text)) continue;
    if (sym(prev, '!') && ['(', ':', '&', '|', '!'].some((s) => sym(tokens[i - 2], s))) continue;
    // After `|` a word is a label alternative (`:A|Set)`) unless a clause body follows (`FOREACH (x IN l | SET ...`).
    if (sym(prev, '|') && (next === undefined || LABEL_END.has(next.text.toUpperCase()))) continue;
    if (sym(next, '.') && !sym(prev, '.')) {
      // A dotted name in an expression: a property (n.x) or a function (apoc.cypher.runFirstColumnSingle('...')).
      const refused = refusedInvocation(dottedNameAt(tokens, i).name);
      if (refused) found.push({ clause: refused, offset: token.offset });
      continue;
    }
    if (sym(next, ':')) continue;
    const word = upper(token);

    if (word === 'CALL') {
      // CALL <dotted.name> (...): a procedure; CALL { ... }: a subquery whose clauses the scan visits anyway;
      // CALL name = value: LadybugDB's configuration statement.
      const { name, end: j } = dottedNameAt(tokens, i + 1);
      const parts = name ? name.split('.') : [];
      if (parts.length === 1 && sym(tokens[j], '=')) found.push({ clause: `CALL ${name}=`, offset: token.offset });
      else if (parts.length === 1 && !LADYBUG_READ_TABLE_FUNCTIONS.has(name.toUpperCase())) {
        found.push({ clause: `CALL ${name}`, offset: token.offset });
      } else if (name && refusedInvocation(name)) {
        found.push({ clause: `CALL ${name}`, offset: token.offset });
      }
      i = Math.max(i, j - 1);
      continue;
    }
    if (word === 'LOAD') {
      // LOAD CSV, LOAD FROM, LOAD WITH HEADERS, LOAD EXTENSION x, LOAD x: all read files or load code.
      found.push({ clause: next?.kind === 'word' ? `LOAD ${upper(next)}` : 'LOAD', offset: token.offset });
      continue;
    }
    if (word === 'SHOW' && next?.kind === 'word') {
      // Neo4j's SHOW TRANSACTIONS / SETTINGS / USERS ...: other sessions' queries, server configuration.
      found.push({ clause: `SHOW ${upper(next)}`, offset: token.offset });
      i++;
      continue;
    }
    if (word === 'CONCURRENT' || word === 'TRANSACTIONS') {
      // Named as the user wrote it: IN [n] CONCURRENT TRANSACTIONS, IN TRANSACTIONS.
      found.push({ clause: word === 'CONCURRENT' ? 'IN CONCURRENT TRANSACTIONS' : 'IN TRANSACTIONS', offset: token.offset });
      if (word === 'CONCURRENT' && upper(next) === 'TRANSACTIONS') i++;
      continue;
    }

    if (word === 'DETACH' && upper(next) === 'DELETE') {
      found.push({ clause: 'DETACH DELETE', offset: token.offset });
      i++;
      continue;
    }
    if (WRITE_KEYWORDS.has(word)) {
      found.push({ clause: word, offset: token.offset });
      continue;
    }
    const pair = WRITE_PAIRS[word];
    if (pair && pair.includes(upper(next))) found.push({ clause: `${word} ${upper(next)}`, offset: token.offset });
  }
  return found.map(({ clause, offset }) => ({ clause, offset, ...lineColumn(query, offset) }));
}

/** The dotted name starting at tokens[start] (words or backtick-quoted parts joined by dots). */
function dottedNameAt(tokens: readonly CypherToken[], start: number): { name: string; end: number } {
  const parts: string[] = [];
  let j = start;
  while (j < tokens.length && (tokens[j]!.kind === 'word' || tokens[j]!.kind === 'quoted')) {
    parts.push(tokens[j]!.kind === 'quoted' ? tokens[j]!.text.slice(1, -1).replace(/``/g, '`') : tokens[j]!.text);
    const dot = tokens[j + 1];
    if (dot?.kind === 'symbol' && dot.text === '.') j += 2;
    else {
      j++;
      break;
    }
  }
  return { name: parts.join('.'), end: j };
}

function lineColumn(query: string, offset: number): { line: number; column: number } {
  const before = query.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Throws ReadOnlyError naming every refused clause found (with line:column) when `query` does more than read. */
export function assertReadOnlyCypher(query: string): void {
  const writes = findCypherWrites(query);
  if (!writes.length) return;
  const where = writes.map((w) => `${w.clause} at ${w.line}:${w.column}`).join(', ');
  throw new ReadOnlyError(
    `cypher: refused, this query does more than read the graph: ${where}. Queries here only read the stored graph ` +
      '(no writes, files, extensions, other databases or settings); change data by importing records ' +
      '(chokepoint import) or rebuilding the dataset. A refused keyword used as a variable name must be quoted in ' +
      'backticks.',
  );
}
