// The cheap pre-check every store runs before a user's Cypher reaches the database: a tokenizer-based write
// detector (strings, comments and backtick identifiers skipped; subqueries included). One pass, O(query length).
// It is conservative on purpose: a read query that uses a write keyword as a bare variable name is refused too
// (quote it in backticks). The databases' own checks (Neo4j EXPLAIN queryType, LadybugDB read-only transactions)
// stay the real gate; this one also catches what they would let through, such as `COMMIT` or `CALL threads=1`.
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
      while (i < n && query[i] !== '\n') i++;
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
      const start = i++;
      while (i < n && (isWordPart(query[i]!) || (query[i] === '.' && isDigit(query[i + 1] ?? '')))) {
        // Exponents carry a sign: 1e-3.
        if ((query[i] === 'e' || query[i] === 'E') && (query[i + 1] === '-' || query[i + 1] === '+')) i++;
        i++;
      }
      tokens.push({ kind: 'number', text: query.slice(start, i), offset: start });
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

/** Clause keywords that write data, change the schema, administer the server or control the transaction. */
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
  // LadybugDB (Kuzu dialect): bulk import/export, extensions, attached databases, transaction control.
  'COPY',
  'INSTALL',
  'UNINSTALL',
  'ATTACH',
  'IMPORT',
  'EXPORT',
  'CHECKPOINT',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
]);

/** Keyword pairs: the second word decides (START DATABASE is admin, but `start` alone may be a variable). */
const WRITE_PAIRS: Record<string, string[]> = {
  LOAD: ['CSV', 'FROM', 'EXTENSION', 'JSON'],
  START: ['DATABASE'],
  STOP: ['DATABASE'],
  ENABLE: ['SERVER'],
  USING: ['PERIODIC'],
  IN: ['TRANSACTIONS'],
};

/**
 * Procedures that write data, change the schema or the server, touch files or the network, or mutate the GDS
 * graph catalog. Matched on the dotted name, case-insensitively.
 */
const WRITE_PROCEDURES: RegExp[] = [
  /^db\.(create|drop|index\.fulltext\.(create|drop)|clearquerycaches|checkpoint)/i,
  /^dbms\.(?!components$|procedures$|functions$|info$|queryjmx$)/i,
  /^apoc\.(create|merge|refactor|periodic|nodes\.(delete|link|collapse)|do|trigger|schema\.assert|atomic|lock|import|export|load|graph\.(import|from)|systemdb|uuid\.(install|remove|setup|drop)|ttl)\b/i,
  /^apoc\.cypher\.(doit|runwrite|runschema|runmany|runfile|runfiles|runschemafile|runschemafiles|parallel)/i,
  /^gds\..*\.(write|mutate)$/i,
  /^gds\.graph\.(project|drop|generate|sample|filter|nodelabel\.mutate|relationships\.drop|nodeproperties\.drop|removenodeproperties|deleterelationships)/i,
  /^gds\.(alpha\.)?(model\.(drop|store|delete|publish)|restore|backup)/i,
];

/** Tokens that may follow a label in a label expression. */
const LABEL_END = new Set([')', ']', '|', '&', '{', '*', 'WHERE', ':']);

/** Where each write clause or write procedure appears in `query`; empty when the query reads only. */
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
    if (token.kind !== 'word') continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    // Not a clause: a property (`n.set`), a label or type (`:Create`, `:A|Set`, `:A&Delete`, `:!Merge`),
    // a map key (`{set: 1}`) or a function/procedure name segment (`apoc.create`).
    if (prev && prev.kind === 'symbol' && ['.', ':', '&', '!', '$'].includes(prev.text)) continue;
    // After `|` a word is a label alternative (`:A|Set)`) unless a clause body follows (`FOREACH (x IN l | SET ...`).
    if (sym(prev, '|') && (next === undefined || LABEL_END.has(next.text.toUpperCase()))) continue;
    if (sym(next, ':') || sym(next, '.')) continue;
    const word = upper(token);

    if (word === 'CALL') {
      // CALL <dotted.name> (...): a procedure; CALL { ... }: a subquery whose clauses the scan visits anyway;
      // CALL name = value: LadybugDB's configuration statement.
      const parts: string[] = [];
      let j = i + 1;
      while (j < tokens.length && (tokens[j]!.kind === 'word' || tokens[j]!.kind === 'quoted')) {
        parts.push(tokens[j]!.kind === 'quoted' ? tokens[j]!.text.slice(1, -1) : tokens[j]!.text);
        if (sym(tokens[j + 1], '.')) j += 2;
        else {
          j++;
          break;
        }
      }
      const name = parts.join('.');
      if (parts.length === 1 && sym(tokens[j], '=')) found.push({ clause: `CALL ${name}=`, offset: token.offset });
      else if (name && WRITE_PROCEDURES.some((re) => re.test(name))) found.push({ clause: `CALL ${name}`, offset: token.offset });
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

function lineColumn(query: string, offset: number): { line: number; column: number } {
  const before = query.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Throws ReadOnlyError naming every write clause found (with line:column) when `query` is not read-only. */
export function assertReadOnlyCypher(query: string): void {
  const writes = findCypherWrites(query);
  if (!writes.length) return;
  const where = writes.map((w) => `${w.clause} at ${w.line}:${w.column}`).join(', ');
  throw new ReadOnlyError(
    `cypher: refused, this query is not read-only: ${where}. Queries here only read; change data by importing ` +
      `records (chokepoint import) or rebuilding the dataset. A write keyword used as a variable name must be ` +
      'quoted in backticks.',
  );
}
