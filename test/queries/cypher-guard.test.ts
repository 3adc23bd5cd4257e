// The shared write detector: writes anywhere (subqueries included) are found; keywords inside strings, comments,
// backtick identifiers, labels, properties and map keys are not.
import { describe, expect, it } from 'vitest';
import { assertReadOnlyCypher, findCypherWrites, tokenizeCypher } from '../../src/store/cypher-guard.ts';
import { ReadOnlyError } from '../../src/domain/errors.ts';

const clauses = (q: string): string[] => findCypherWrites(q).map((w) => w.clause);

describe('tokenizeCypher', () => {
  it('keeps strings, backtick identifiers and parameters whole and drops comments', () => {
    const tokens = tokenizeCypher("MATCH (`a``b` {x: 'it\\'s'}) // CREATE\nRETURN $p /* DELETE */ , 1.5e-3");
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['word', 'MATCH'],
      ['symbol', '('],
      ['quoted', '`a``b`'],
      ['symbol', '{'],
      ['word', 'x'],
      ['symbol', ':'],
      ['string', "'it\\'s'"],
      ['symbol', '}'],
      ['symbol', ')'],
      ['word', 'RETURN'],
      ['param', '$p'],
      ['symbol', ','],
      ['number', '1.5e-3'],
    ]);
  });
});

describe('findCypherWrites', () => {
  it('passes plain reads, including ones that mention write words as data', () => {
    expect(clauses('MATCH (n:Country) RETURN n.name AS name ORDER BY name LIMIT 10')).toEqual([]);
    expect(clauses("MATCH (n) WHERE n.name = 'CREATE (x)' RETURN n")).toEqual([]);
    expect(clauses('MATCH (n) WHERE n.note = "DETACH DELETE n; DROP" RETURN n')).toEqual([]);
    expect(clauses('MATCH (n) // SET n.x = 1\nRETURN n /* MERGE (m) */')).toEqual([]);
    expect(clauses('MATCH (`CREATE`:`Delete`) RETURN `CREATE`.set AS `SET`')).toEqual([]);
    expect(clauses('MATCH (n:Set|Merge)-[:DELETE]->(m:!Remove) RETURN {create: n.drop, set: 1} AS m')).toEqual([]);
    expect(clauses('MATCH (n) RETURN n {.create, .set} AS p')).toEqual([]);
    expect(clauses('MATCH (n) WHERE EXISTS { MATCH (n)-->(m) } RETURN count { (n)-->() } AS c')).toEqual([]);
    expect(clauses('CALL gds.pageRank.stream($g) YIELD nodeId, score RETURN nodeId, score')).toEqual([]);
    expect(clauses('CALL db.labels() YIELD label RETURN label')).toEqual([]);
    expect(clauses('CALL show_tables() RETURN *')).toEqual([]);
    expect(clauses('MATCH (n) RETURN n;')).toEqual([]);
  });

  it('finds each write clause with its line and column', () => {
    const writes = findCypherWrites('MATCH (n)\nDETACH DELETE n');
    expect(writes).toEqual([{ clause: 'DETACH DELETE', offset: 10, line: 2, column: 1 }]);
    expect(clauses('create (n:Country {id: 1})')).toEqual(['CREATE']);
    expect(clauses('MERGE (n:X {id: 1}) ON CREATE SET n.a = 1')).toEqual(['MERGE', 'CREATE', 'SET']);
    expect(clauses('MATCH (n) REMOVE n:Country')).toEqual(['REMOVE']);
    expect(clauses('DROP CONSTRAINT c')).toEqual(['DROP']);
    expect(clauses("LOAD CSV FROM 'file:///x.csv' AS row RETURN row")).toEqual(['LOAD CSV']);
    expect(clauses('MATCH (n) FOREACH (x IN [1] | SET n.y = x)')).toEqual(['FOREACH', 'SET']);
  });

  it('finds writes hidden in subqueries and after a read', () => {
    expect(clauses('MATCH (n) CALL { WITH n CREATE (:Log {of: n.id}) } RETURN n')).toEqual(['CREATE']);
    expect(clauses('MATCH (n) CALL (n) { SET n.seen = true } IN TRANSACTIONS RETURN n')).toEqual(['SET', 'IN TRANSACTIONS']);
    expect(clauses('UNWIND [1] AS x WITH x MATCH (n) WHERE n.id = x DELETE n')).toEqual(['DELETE']);
  });

  it('finds write procedures but not read procedures', () => {
    expect(clauses("CALL apoc.create.node(['X'], {}) YIELD node RETURN node")).toEqual(['CALL apoc.create.node']);
    expect(clauses("CALL apoc.cypher.runWrite('CREATE (n)', {})")).toEqual(['CALL apoc.cypher.runWrite']);
    expect(clauses("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})")).toEqual(['CALL apoc.periodic.iterate']);
    expect(clauses("CALL db.createLabel('X')")).toEqual(['CALL db.createLabel']);
    expect(clauses("CALL gds.pageRank.write('g', {writeProperty: 'pr'})")).toEqual(['CALL gds.pageRank.write']);
    expect(clauses("CALL gds.graph.project('g', 'Country', 'FLOW')")).toEqual(['CALL gds.graph.project']);
    expect(clauses('CALL `apoc`.`merge`.node([], {})')).toEqual(['CALL apoc.merge.node']);
  });

  it('finds LadybugDB writes, configuration and transaction control', () => {
    expect(clauses("COPY Country FROM 'x.csv'")).toEqual(['COPY']);
    expect(clauses('CALL threads=1')).toEqual(['CALL threads=']);
    expect(clauses('COMMIT')).toEqual(['COMMIT']);
    expect(clauses("LOAD FROM 'x.csv' RETURN *")).toEqual(['LOAD FROM']);
    expect(clauses('MATCH (n) RETURN n; MATCH (m) RETURN m')).toEqual(['; (a second statement)']);
  });
});

describe('assertReadOnlyCypher', () => {
  it('throws ReadOnlyError naming the clause and where it is', () => {
    expect(() => assertReadOnlyCypher('MATCH (n) RETURN n')).not.toThrow();
    expect(() => assertReadOnlyCypher('MATCH (n)\n  SET n.x = 1')).toThrow(ReadOnlyError);
    expect(() => assertReadOnlyCypher('MATCH (n)\n  SET n.x = 1')).toThrow(/SET at 2:3/);
  });
});
