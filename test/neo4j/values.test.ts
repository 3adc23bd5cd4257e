// Integers and other values across the Bolt boundary, checked without a server: what the driver would send and
// what it hands back are built with the driver's own types.
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { fromNeo4j, integerToJs, integerToNumber, rowToNeo4j, toNeo4jInt, toNeo4jParams } from '../../src/store/neo4j-values.ts';
import { InvalidInputError } from '../../src/domain/errors.ts';
import { NODE_COLUMNS } from '../../src/store/records.ts';

describe('toNeo4jInt', () => {
  it('makes exact Cypher integers from safe integers and bigints', () => {
    expect(toNeo4jInt(10).toString()).toBe('10');
    expect(toNeo4jInt(-(2 ** 53) + 1).toString()).toBe('-9007199254740991');
    expect(toNeo4jInt(9223372036854775807n).toString()).toBe('9223372036854775807');
  });

  it('refuses fractions, unsafe numbers and bigints beyond 64 bits, naming the value', () => {
    expect(() => toNeo4jInt(1.5, 'limit')).toThrow(InvalidInputError);
    expect(() => toNeo4jInt(1.5, 'limit')).toThrow(/limit: 1.5 is not an exact integer/);
    expect(() => toNeo4jInt(2 ** 53)).toThrow(InvalidInputError);
    expect(() => toNeo4jInt(9223372036854775808n)).toThrow(/does not fit a 64-bit/);
  });
});

describe('integerToJs / integerToNumber', () => {
  it('returns a number inside the safe range and the exact decimal string outside it', () => {
    expect(integerToJs(neo4j.int(42))).toBe(42);
    expect(integerToJs(neo4j.int('9007199254740991'))).toBe(9007199254740991);
    expect(integerToJs(neo4j.int('9007199254740993'))).toBe('9007199254740993');
    expect(integerToJs(neo4j.int('-9223372036854775808'))).toBe('-9223372036854775808');
    expect(integerToJs(123n)).toBe(123);
    expect(integerToJs(2n ** 60n)).toBe('1152921504606846976');
  });

  it('integerToNumber refuses rather than rounds a count beyond 2^53', () => {
    expect(integerToNumber(neo4j.int(7), 'n')).toBe(7);
    expect(integerToNumber(7, 'n')).toBe(7);
    expect(() => integerToNumber(neo4j.int('9007199254740993'), 'count')).toThrow(/count: 9007199254740993 is beyond/);
    expect(() => integerToNumber('7', 'count')).toThrow(InvalidInputError);
  });
});

describe('toNeo4jParams', () => {
  it('sends integral numbers as Cypher INTEGER (so LIMIT $n works), fractions as FLOAT, deeply', () => {
    const params = toNeo4jParams({ limit: 10, threshold: 0.5, year: 2025, nested: { ks: [1, 2.5], s: 'x' }, big: 2n ** 40n, none: null });
    expect(neo4j.isInt(params.limit)).toBe(true);
    expect((params.limit as ReturnType<typeof neo4j.int>).toNumber()).toBe(10);
    expect(params.threshold).toBe(0.5);
    expect(neo4j.isInt(params.year)).toBe(true);
    const nested = params.nested as { ks: unknown[]; s: string };
    expect(neo4j.isInt(nested.ks[0])).toBe(true);
    expect(nested.ks[1]).toBe(2.5);
    expect(nested.s).toBe('x');
    expect(String(params.big)).toBe('1099511627776');
    expect(params.none).toBeNull();
  });

  it('leaves non-plain objects (dates, driver values) alone', () => {
    const date = new Date(0);
    const point = new neo4j.types.Point(4326, 1, 2);
    const params = toNeo4jParams({ date, point });
    expect(params.date).toBe(date);
    expect(params.point).toBe(point);
  });
});

describe('rowToNeo4j', () => {
  it('turns INT64 columns into Cypher INTEGER and keeps the rest', () => {
    const row = rowToNeo4j({ id: 'mine:x', name: 'X', source: 's', year: 2025, estimated: false, props: '{}', output2025: 12.5 }, NODE_COLUMNS.Mine);
    expect(neo4j.isInt(row.year)).toBe(true);
    expect(String(row.year)).toBe('2025');
    expect(row.output2025).toBe(12.5);
    // Every column is present, null where the row has none, so `SET n = r` clears stale properties.
    expect(row.country).toBeNull();
    expect(Object.keys(row)).toEqual(NODE_COLUMNS.Mine.map((c) => c.name));
  });
});

describe('fromNeo4j', () => {
  it('converts nodes, relationships and paths to plain objects with converted properties', () => {
    const a = new neo4j.types.Node(neo4j.int(1), ['Mine'], { id: 'mine:a', year: neo4j.int(2025) }, '4:x:1');
    const b = new neo4j.types.Node(neo4j.int(2), ['Country'], { id: 'country:USA' }, '4:x:2');
    const r = new neo4j.types.Relationship(neo4j.int(3), neo4j.int(1), neo4j.int(2), 'FLOW', { tonnes: 5.5, year: neo4j.int(2025) }, '5:x:3', '4:x:1', '4:x:2');
    expect(fromNeo4j(a)).toEqual({ _label: 'Mine', _labels: ['Mine'], _id: '4:x:1', id: 'mine:a', year: 2025 });
    expect(fromNeo4j(r)).toEqual({ _label: 'FLOW', _id: '5:x:3', _src: '4:x:1', _dst: '4:x:2', tonnes: 5.5, year: 2025 });
    const path = new neo4j.types.Path(a, b, [new neo4j.types.PathSegment(a, r, b)]);
    expect(fromNeo4j(path)).toEqual({ _nodes: [fromNeo4j(a), fromNeo4j(b)], _rels: [fromNeo4j(r)] });
  });

  it('converts integers in lists and maps, temporal values to ISO strings, points and non-finite floats', () => {
    expect(fromNeo4j([neo4j.int(1), { n: neo4j.int('9007199254740993') }])).toEqual([1, { n: '9007199254740993' }]);
    expect(fromNeo4j(new neo4j.types.Date(2025, 3, 1))).toBe('2025-03-01');
    expect(fromNeo4j(new neo4j.types.Duration(0, 1, 30, 0))).toBe('P1DT30S');
    expect(fromNeo4j(new neo4j.types.Point(neo4j.int(4326), -46.9, -19.6))).toEqual({ srid: 4326, x: -46.9, y: -19.6 });
    expect(fromNeo4j(Number.NaN)).toBe('NaN');
    expect(fromNeo4j(undefined)).toBeNull();
  });
});
