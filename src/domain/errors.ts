// Typed errors shared by every layer; api/errors.ts maps them to HTTP statuses and the CLI to exit codes.
// Each message names the culprit and, where possible, hints at the fix (STYLE.md habits 5 and 6).

export type ErrorCode = 'NOT_FOUND' | 'INVALID_INPUT' | 'UNPROCESSABLE' | 'UNSUPPORTED' | 'STORE_ERROR' | 'READ_ONLY' | 'BUSY';

export class ChokepointError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** An id, mineral, year or scenario that does not exist. `suggestions` holds the nearest known ids. */
export class NotFoundError extends ChokepointError {
  readonly suggestions: string[];
  constructor(message: string, suggestions: string[] = [], details?: unknown) {
    super('NOT_FOUND', message, details ?? (suggestions.length ? { suggestions } : undefined));
    this.suggestions = suggestions;
  }
}

/** One problem in user input: where (file:line, field) and what is wrong. */
export interface InputProblem {
  /** `file:line` for file input, or the parameter name for requests. */
  at?: string;
  field?: string;
  message: string;
}

/** Malformed or invalid input; `problems` lists every problem found, not just the first. */
export class InvalidInputError extends ChokepointError {
  readonly problems: InputProblem[];
  constructor(message: string, problems: InputProblem[] = []) {
    super('INVALID_INPUT', message, problems.length ? { problems } : undefined);
    this.problems = problems;
  }
}

/** Well-formed input that cannot be answered, e.g. a mineral the removed node does not touch. */
export class UnprocessableError extends ChokepointError {
  constructor(message: string, details?: unknown) {
    super('UNPROCESSABLE', message, details);
  }
}

/** An operation the configured store does not offer (e.g. Cypher on the memory store). */
export class UnsupportedError extends ChokepointError {
  constructor(message: string) {
    super('UNSUPPORTED', message);
  }
}

/** A write attempted where only reads are allowed (the `cypher` command and API). */
export class ReadOnlyError extends ChokepointError {
  constructor(message: string) {
    super('READ_ONLY', message);
  }
}

/** The store failed for a reason outside the user's input (disk, connection, database error). */
export class StoreError extends ChokepointError {
  constructor(message: string, details?: unknown) {
    super('STORE_ERROR', message, details);
  }
}

/** The store has more work waiting than it queues (the Cypher queue is full): retry after `retryAfterSeconds`. */
export class BusyError extends ChokepointError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('BUSY', message, { retryAfterSeconds });
  }
}

/** Levenshtein distance, for "did you mean" suggestions. O(|a|*|b|). */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Lower case without diacritics ("Côte d'Ivoire" -> "cote d'ivoire"), for name matching. */
const foldName = (text: string): string => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

/**
 * The `limit` known ids nearest to `wanted`, preferring the same kind prefix and substring matches. With `nameOf`, a
 * name typed instead of an id is recognised too: `Brazil` suggests `country:BRA` first (same name, accents and case
 * aside), then names starting with it.
 */
export function suggestIds(wanted: string, known: Iterable<string>, limit = 3, nameOf?: (id: string) => string | undefined): string[] {
  const w = wanted.toLowerCase();
  const wantedName = foldName(wanted);
  const scored: Array<[number, string]> = [];
  for (const id of known) {
    const k = id.toLowerCase();
    let score = editDistance(w, k);
    const key = k.slice(k.indexOf(':') + 1);
    const wantedKey = w.slice(w.indexOf(':') + 1);
    if (wantedKey.length >= 3 && key.includes(wantedKey)) score = Math.min(score, 1 + (key.length - wantedKey.length) / 10);
    const name = nameOf && wantedName.length >= 3 ? nameOf(id) : undefined;
    if (name !== undefined) {
      const n = foldName(name);
      // -1 and -0.5 rank a name match above any id-spelling match; kind order (countries first) breaks ties below.
      if (n === wantedName) score = -1 - (id.startsWith('country:') ? 0.1 : 0);
      else if (n.startsWith(`${wantedName} `)) score = Math.min(score, -0.5 + n.length / 1000);
    }
    scored.push([score, id]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  const cutoff = Math.max(3, Math.ceil(w.length / 2));
  return scored.filter(([s]) => s <= cutoff).slice(0, limit).map(([, id]) => id);
}

/** Throws NotFoundError for an unknown id, with the nearest ids as a hint (`nameOf`: match names typed as ids). */
export function unknownIdError(what: string, id: string, known: Iterable<string>, nameOf?: (id: string) => string | undefined): NotFoundError {
  const suggestions = suggestIds(id, known, 3, nameOf);
  const hint = suggestions.length ? ` (did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?)` : '';
  return new NotFoundError(`${what} "${id}" not found${hint}`, suggestions);
}
