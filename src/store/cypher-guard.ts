// The pre-check every store runs before a user's Cypher reaches the database: a tokenizer-based detector of
// anything that is not a plain read (strings, comments and backtick identifiers skipped; subqueries included).
// One pass, O(query length). Refused: writes and schema changes; every file, extension or external access
// (LadybugDB's LOAD [WITH HEADERS] FROM, COPY, ATTACH, USE, INSTALL/LOAD/UPDATE extensions, EXPORT/IMPORT DATABASE,
// table functions that read files or expose settings; Neo4j's LOAD CSV, USE, SHOW, APOC file/nested-query
// procedures); settings changes (`CALL threads=1`); transaction control; a second statement. A LadybugDB table
// function is allowed only when it is on the read-only list (its undotted CALL names are an allow-list; Neo4j's
// dotted procedures a deny-list). It is conservative on purpose: a read query that uses one of these keywords as a
// bare variable name is refused too (quote it in backticks).
// This is the only gate against file reads on LadybugDB: its READ ONLY transactions and read-only databases run
// `LOAD FROM '/etc/passwd'` and report the statement as read-only (checked against 0.19.1). The databases' own
// checks (Neo4j EXPLAIN queryType and READ access mode; LadybugDB read-only database and isReadOnly()) back it up
// against writes.
import { ReadOnlyError } from '../domain/errors.ts';

export type CypherTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'symbol';

export interface CypherToken {
  kind: CypherTokenKind;
  /** The token text; for `quoted` and `string`, the raw text including its delimiters. */
  text: string;
  /** Offset of the first character in the query. */
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

const isWordStart = (c: string): boolean => /[\p{L}_]/u.test(c);
const isWordPart = (c: string): boolean => /[\p{L}\p{N}_]/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/u;
/** A number literal: hex, octal, or decimal with an optional fraction and exponent (sticky, from lastIndex). */
const NUMBER = /0x[0-9a-f]+|0o[0-7]+|\d*\.?\d+(?:e[+-]?\d+)?/iy;

/** Splits Cypher into tokens; comments and whitespace are dropped. Unterminated strings run to the end. */
export function tokenizeCypher(query: string): CypherToken[] {
  const tokens: CypherToken[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i]!;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '/' && query[i + 1] === '/') {
      // Ends at any line break a lexer might honour: ending early only scans more text.
      while (i < n && !LINE_BREAK.test(query[i]!)) i++;
    } else if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      const start = i++;
      while (i < n && query[i] !== c) i += query[i] === '\\' ? 2 : 1;
      i = Math.min(n, i + 1);
      tokens.push({ kind: 'string', text: query.slice(start, i), offset: start });
    } else if (c === '`') {
      // Backtick identifiers escape a backtick by doubling it.
      const start = i++;
      for (;;) {
        while (i < n && query[i] !== '`') i++;
        if (query[i + 1] === '`') i += 2;
        else break;
      }
      i = Math.min(n, i + 1);
      tokens.push({ kind: 'quoted', text: query.slice(start, i), offset: start });
    } else if (c === '$') {
      const start = i++;
      if (query[i] === '`') {
        const end = query.indexOf('`', i + 1);
        i = end < 0 ? n : end + 1;
      } else while (i < n && isWordPart(query[i]!)) i++;
      tokens.push({ kind: 'param', text: query.slice(start, i), offset: start });
    } else if (isDigit(c) || (c === '.' && isDigit(query[i + 1] ?? ''))) {
      // Only the literal itself: the databases' lexers end a number where its digits end, so `LIMIT 1LOAD FROM`
      // is `LIMIT 1` then a LOAD clause (LadybugDB runs it), and the word must be seen as one.
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(query)!;
      tokens.push({ kind: 'number', text: m[0], offset: i });
      i += m[0].length;
    } else if (isWordStart(c)) {
      const start = i++;
      while (i < n && isWordPart(query[i]!)) i++;
      tokens.push({ kind: 'word', text: query.slice(start, i), offset: start });
    } else {
      tokens.push({ kind: 'symbol', text: c, offset: i });
      i++;
    }
  }
  return tokens;
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
]);

/** Keyword pairs: the second word decides (START DATABASE is admin, but `start` alone may be a variable). */
const WRITE_PAIRS: Record<string, string[]> = {
  START: ['DATABASE'],
  STOP: ['DATABASE'],
  ENABLE: ['SERVER'],
  USING: ['PERIODIC'],
  IN: ['TRANSACTIONS'],
};

/**
 * Neo4j procedures that write data, change the schema or the server, touch files or the network, or mutate the GDS
 * graph catalog. Matched on the dotted name, case-insensitively, after CALL.
 */
const WRITE_PROCEDURES: RegExp[] = [
  /^db\.(create|drop|index\.fulltext\.(create|drop)|clearquerycaches|checkpoint|stats\.(collect|clear|stop))/i,
  /^dbms\.(?!components$|procedures$|functions$|info$|queryjmx$)/i,
  /^apoc\.(create|merge|refactor|periodic|nodes\.(delete|link|collapse)|do|trigger|schema\.assert|atomic|lock|import|export|load|graph\.(import|from)|systemdb|uuid\.(install|remove|setup|drop)|ttl)\b/i,
  /^apoc\.cypher\.(doit|runwrite|runschema|runmany|runfile|runfiles|runschemafile|runschemafiles|parallel)/i,
  /^gds\..*\.(write|mutate)$/i,
  /^gds\.graph\.(project|drop|generate|sample|filter|nodelabel\.mutate|relationships\.drop|nodeproperties\.drop|removenodeproperties|deleterelationships)/i,
  /^gds\.(alpha\.)?(model\.(drop|store|delete|publish)|restore|backup)/i,
  /^gds\.((alpha|beta)\.)?(graph\.export|debug)/i,
];

/**
 * Dotted functions or procedures refused anywhere (after CALL or as a function in an expression): APOC's file,
 * network and database connectors, and its runners of nested queries, whose query text this scan cannot see.
 */
const EXTERNAL_FUNCTIONS =
  /^apoc\.(load|import|export|cypher|bolt|es|mongo\w*|couchbase|redis|model|dv|static|config|custom|systemdb|trigger|periodic|metrics|monitor|log)\b/i;

/**
 * LadybugDB table functions (undotted names after CALL) that only read the catalog or the database's own metadata.
 * Everything else is refused: READ_CSV_*, READ_PARQUET, READ_NPY and FILE_INFO read host files (some crash the
 * process on a text file), CURRENT_SETTING exposes settings such as home_directory, PROJECT_GRAPH,
 * DROP_PROJECTED_GRAPH and CLEAR_WARNINGS change connection state, *_INFO expose storage internals, and an
 * extension's functions are unknown. Checked against `CALL show_functions()` of LadybugDB 0.19.1.
 */
export const LADYBUG_READ_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'SHOW_TABLES',
  'TABLE_INFO',
  'SHOW_CONNECTION',
  'SHOW_INDEXES',
  'SHOW_FUNCTIONS',
  'SHOW_MACROS',
  'SHOW_SEQUENCES',
  'SHOW_GRAPHS',
  'SHOW_PROJECTED_GRAPHS',
  'PROJECTED_GRAPH_INFO',
  'SHOW_WARNINGS',
  'SHOW_LOADED_EXTENSIONS',
  'SHOW_OFFICIAL_EXTENSIONS',
  'DB_VERSION',
  'CATALOG_VERSION',
  'STORAGE_VERSION',
]);

/** Tokens that may follow a label in a label expression. */
const LABEL_END = new Set([')', ']', '|', '&', '{', '*', 'WHERE', ':']);

/**
 * Where each refused clause, procedure or function appears in `query` (writes, file/extension/external access,
 * settings, administration, transaction control); empty when the query only reads the graph.
 */
export function findCypherWrites(query: string): CypherWrite[] {
  const tokens = tokenizeCypher(query);
  const found: Array<{ clause: string; offset: number }> = [];
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
    if (token.kind === 'quoted' && sym(next, '.') && !sym(prev, '.')) {
      // `apoc`.cypher.run(...): a quoted first segment of a dotted function name.
      const dotted = dottedNameAt(tokens, i);
      if (EXTERNAL_FUNCTIONS.test(dotted.name)) found.push({ clause: dotted.name, offset: token.offset });
    }
    if (token.kind !== 'word') continue;
    // Not a clause: a property (`n.set`), a label or type (`:Create`, `:A|Set`, `:A&Delete`, `:!Merge`),
    // a map key (`{set: 1}`) or a function/procedure name segment (`apoc.create`). A `!` counts only in a label
    // expression: after a value it is LadybugDB's factorial, and a clause may follow it.
    if (prev && prev.kind === 'symbol' && ['.', ':', '&', '$'].includes(prev.text)) continue;
    if (sym(prev, '!') && ['(', ':', '&', '|', '!'].some((s) => sym(tokens[i - 2], s))) continue;
    // After `|` a word is a label alternative (`:A|Set)`) unless a clause body follows (`FOREACH (x IN l | SET ...`).
    if (sym(prev, '|') && (next === undefined || LABEL_END.has(next.text.toUpperCase()))) continue;
    if (sym(next, '.') && !sym(prev, '.')) {
      // A dotted name in an expression: a property (n.x) or a function (apoc.cypher.runFirstColumnSingle('...')).
      const dotted = dottedNameAt(tokens, i);
      if (EXTERNAL_FUNCTIONS.test(dotted.name)) found.push({ clause: dotted.name, offset: token.offset });
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
      } else if (name && (WRITE_PROCEDURES.some((re) => re.test(name)) || EXTERNAL_FUNCTIONS.test(name))) {
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
