// Values across the Bolt boundary, without loss: JS numbers and rows out to Neo4j (integral values as Cypher
// INTEGER, so `LIMIT $n` and INT64 columns get integers, not floats), and Neo4j values back to plain JSON
// (Integer to number when exact, else its decimal string; nodes, relationships, paths, temporal and spatial values
// to objects and strings). Pure functions, testable without a server.
import neo4j, { type Integer } from 'neo4j-driver';
import { InvalidInputError } from '../domain/errors.ts';
import type { Column, Row } from './records.ts';

/** An exact Cypher INTEGER for a JS safe integer or a bigint; anything else is refused, naming `what`. */
export function toNeo4jInt(value: number | bigint, what = 'value'): Integer {
  if (typeof value === 'bigint') {
    if (value > 2n ** 63n - 1n || value < -(2n ** 63n)) throw new InvalidInputError(`${what}: ${value} does not fit a 64-bit Cypher INTEGER`);
    return neo4j.int(value.toString());
  }
  if (!Number.isSafeInteger(value)) {
    throw new InvalidInputError(`${what}: ${value} is not an exact integer (use a whole number up to ${Number.MAX_SAFE_INTEGER}, or a bigint)`);
  }
  return neo4j.int(value);
}

/**
 * A Cypher INTEGER back in JS: a number when it is exactly representable (|n| <= 2^53 - 1), else its decimal
 * string, so no digit is lost on the way to JSON. Accepts the driver's Integer (lossless mode) or a bigint
 * (useBigInt mode).
 */
export function integerToJs(value: Integer | bigint): number | string {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  return value.inSafeRange() ? value.toNumber() : value.toString();
}

/** A count or other integer the store reads back; refuses (rather than rounds) one beyond 2^53. */
export function integerToNumber(value: unknown, what: string): number {
  if (typeof value === 'number') return value;
  if (neo4j.isInt(value) || typeof value === 'bigint') {
    const js = integerToJs(value as Integer | bigint);
    if (typeof js === 'number') return js;
    throw new InvalidInputError(`${what}: ${js} is beyond the exact range of a JS number`);
  }
  throw new InvalidInputError(`${what}: expected an integer, got ${JSON.stringify(value)}`);
}

/**
 * Query parameters as the driver should send them: integral safe numbers become Cypher INTEGER (a JS number
 * would be sent as FLOAT and `LIMIT $n` rejects 10.0), bigints too; other numbers stay FLOAT; arrays and plain
 * objects are converted deeply. A consequence worth knowing: `$x / 2` with x = 3 is integer division in Cypher.
 */
export function toNeo4jParams(params: Record<string, unknown> = {}): Record<string, unknown> {
  const convert = (value: unknown, path: string): unknown => {
    if (typeof value === 'bigint') return toNeo4jInt(value, path);
    if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
    if (Array.isArray(value)) return value.map((v, i) => convert(v, `${path}[${i}]`));
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, `${path}.${k}`)]));
    }
    return value;
  };
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, convert(v, `$${k}`)]));
}

/** A records.ts row as Neo4j properties: INT64 columns as Cypher INTEGER, every other value as it is. */
export function rowToNeo4j(row: Row, columns: readonly Column[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    const value = row[column.name] ?? null;
    out[column.name] = column.type === 'INT64' && typeof value === 'number' ? toNeo4jInt(value, column.name) : value;
  }
  return out;
}

/**
 * A value from a Neo4j result as plain JSON, the same shapes the embedded store returns where they overlap:
 * nodes to `{_label, _labels, _id, ...properties}`, relationships to `{_label, _id, _src, _dst, ...properties}`,
 * paths to `{_nodes, _rels}`, temporal values and durations to ISO strings, points to `{srid, x, y[, z]}`,
 * non-finite floats to strings.
 */
export function fromNeo4j(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value) || typeof value === 'bigint') return integerToJs(value as Integer | bigint);
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromNeo4j);
  if (neo4j.isNode(value)) {
    return { _label: value.labels[0] ?? null, _labels: [...value.labels], _id: value.elementId, ...plainProperties(value.properties) };
  }
  if (neo4j.isRelationship(value)) {
    return {
      _label: value.type,
      _id: value.elementId,
      _src: value.startNodeElementId,
      _dst: value.endNodeElementId,
      ...plainProperties(value.properties),
    };
  }
  if (neo4j.isPath(value)) {
    const nodes = [value.start, ...value.segments.map((s) => s.end)];
    return { _nodes: nodes.map(fromNeo4j), _rels: value.segments.map((s) => fromNeo4j(s.relationship)) };
  }
  if (neo4j.isPoint(value)) {
    const point: Record<string, number | string> = { srid: integerToJs(neo4j.int(value.srid)), x: value.x, y: value.y };
    if (value.z !== undefined) point.z = value.z;
    return point;
  }
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  if (value instanceof Uint8Array) return Array.from(value);
  if (typeof value === 'object') return plainProperties(value as Record<string, unknown>);
  return String(value);
}

function plainProperties(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, fromNeo4j(v)]));
}
