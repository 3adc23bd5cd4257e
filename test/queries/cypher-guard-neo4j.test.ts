// The Neo4j side of the Cypher guard, offline (no server runs here): Neo4j's own parser (cypher-guard-neo4j.ts)
// and the shared lexical guard must each refuse every procedure or function that runs a query string, touches files
// or URLs, administers the server or changes GDS state, and every clause that writes, reads files or commits on its
// own, wherever it sits and however it is spelt; the library's Neo4j queries must pass both.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ReadOnlyError } from '../../src/domain/errors.ts';
import { findCypherWrites } from '../../src/store/cypher-guard.ts';
import { assertNeo4jReadOnly, findNeo4jRefusals } from '../../src/store/cypher-guard-neo4j.ts';
import { loadQueryLibrary } from '../../src/store/cypher-library.ts';

/** Attacks in the Neo4j dialect, each with `{name}` where the dotted name goes (so spellings can vary). */
const INVOCATIONS: Array<{ template: string; name: string }> = [
  { template: "CALL {name}(true, 'LOAD CSV FROM \"http://example.org/x\" AS l RETURN l', '', {}) YIELD value RETURN value", name: 'apoc.when' },
  { template: "CALL {name}([true, 'LOAD CSV FROM \"file:///etc/passwd\" AS l RETURN l'], '', {}) YIELD value RETURN value", name: 'apoc.case' },
  { template: "RETURN {name}('MATCH (n) RETURN count(n)', {}) AS x", name: 'apoc.cypher.runFirstColumnSingle' },
  { template: "CALL {name}('MATCH (n) RETURN n', {}) YIELD value RETURN value", name: 'apoc.cypher.run' },
  { template: "CALL {name}('MATCH (n) RETURN n', 'SET n.x = 1', {}) YIELD batches RETURN batches", name: 'apoc.periodic.iterate' },
  { template: "CALL {name}('file:///etc/passwd') YIELD value RETURN value", name: 'apoc.load.json' },
  { template: "CALL {name}('file:///tmp/x.graphml', {}) YIELD nodes RETURN nodes", name: 'apoc.import.graphml' },
  { template: "CALL {name}('/tmp/out.csv', {}) YIELD file RETURN file", name: 'apoc.export.csv.all' },
  { template: "RETURN {name}('g', 'Country', 'FLOW') AS g", name: 'gds.graph.project' },
  { template: "CALL {name}('g', 'Country', 'FLOW') YIELD graphName RETURN graphName", name: 'gds.graph.project' },
  { template: "CALL {name}('g', {mutateProperty: 'pr'}) YIELD nodePropertiesWritten RETURN 1", name: 'gds.pageRank.mutate' },
  { template: "CALL {name}('g') YIELD graphName RETURN graphName", name: 'gds.graph.drop' },
  { template: "CALL {name}('java.lang:type=Memory') YIELD name RETURN name", name: 'dbms.queryJmx' },
  { template: "RETURN {name}('x') AS x", name: 'dbms.queryJmx' },
  { template: 'CALL {name}() YIELD name RETURN name', name: 'dbms.listConfig' },
];

/** Ways to spell a dotted name that both engines read as the same name. */
const SPELLINGS: Array<(name: string) => string> = [
  (n) => n,
  (n) => n.toUpperCase(),
  (n) => n.split('.').map((p) => `\`${p}\``).join('.'),
  (n) => `\`${n}\``,
  (n) => n.split('.').join(' . '),
  (n) => n.split('.').join('/* c */.\t'),
  (n) => n.split('.').join('\u00a0.\u2003'),
];

const CLAUSES = [
  "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
  "load csv with headers from 'http://example.org/x.csv' AS l RETURN l",
  'CALL { MATCH (n) SET n.x = 1 } IN TRANSACTIONS',
  'MATCH (n) CALL (n) { SET n.seen = true } IN 4 CONCURRENT TRANSACTIONS OF 10 ROWS RETURN n',
  'UNWIND [1] AS x CALL { WITH x MATCH (n) RETURN n } IN CONCURRENT TRANSACTIONS RETURN x',
  'USE system MATCH (n) RETURN n',
  'SHOW TRANSACTIONS',
  'MATCH (n) WHERE EXISTS { MATCH (n)-->(m) WHERE m.x = apoc.cypher.runFirstColumnSingle("RETURN 1", {}) } RETURN n',
  "MATCH (n) RETURN [x IN [1] | apoc.when(true, 'RETURN 1', '', {})] AS y",
  "MATCH (n) RETURN COLLECT { MATCH (m) RETURN gds.graph.project('g', m, null) } AS g",
];

describe("Neo4j's parser as a guard (offline)", () => {
  it('refuses each procedure or function that runs a query string, reads files or URLs, administers or changes GDS state, however it is spelt', () => {
    const random = seedrandom('neo4j-guard');
    let checked = 0;
    for (const { template, name } of INVOCATIONS) {
      // The lexical guard sees every spelling; Neo4j's parser (~0.1 s a query) a seeded two of them per attack.
      const spellings = SPELLINGS.map((spell) => template.replace('{name}', spell(name)));
      for (const query of spellings) expect(findCypherWrites(query).length, `lexical: ${query}`).toBeGreaterThan(0);
      for (const query of [spellings[0]!, spellings[1 + Math.floor(random() * (spellings.length - 1))]!]) {
        const refusals = findNeo4jRefusals(query);
        expect(refusals.map((r) => r.clause.toLowerCase()).join(' '), `parser: ${query}`).toContain(name.toLowerCase());
        checked++;
      }
    }
    expect(checked).toBe(INVOCATIONS.length * 2);
  });

  it('refuses LOAD CSV, USE, SHOW and CALL { } IN [CONCURRENT] TRANSACTIONS, in subqueries and expressions too', () => {
    for (const query of CLAUSES) {
      expect(findCypherWrites(query).length, `lexical: ${query}`).toBeGreaterThan(0);
      expect(findNeo4jRefusals(query).length, `parser: ${query}`).toBeGreaterThan(0);
    }
    expect(findNeo4jRefusals(CLAUSES[3]!).map((r) => r.clause)).toEqual(['SET', 'CALL { } IN TRANSACTIONS']);
  });

  it('refuses what it cannot parse and a second statement, and names where', () => {
    expect(findNeo4jRefusals('MATCH (n) RETURN n LOAD')[0]!.clause).toMatch(/^Neo4j's parser cannot read it/);
    // Neo4j lexes `1LOAD` as one (malformed) number, LadybugDB as `1` then LOAD: the lexical guard refuses it.
    expect(findCypherWrites('RETURN $1LOAD FROM "x" RETURN 1').map((w) => w.clause)).toEqual(['LOAD FROM']);
    expect(findNeo4jRefusals('MATCH (n) RETURN n; MATCH (m) RETURN m').map((r) => r.clause)).toContain('; (a second statement)');
    expect(() => assertNeo4jReadOnly("MATCH (n)\nCALL apoc.load.json('x') YIELD value RETURN value")).toThrow(ReadOnlyError);
    expect(() => assertNeo4jReadOnly("MATCH (n)\nCALL apoc.load.json('x') YIELD value RETURN value")).toThrow(/CALL apoc\.load\.json at 2:6/);
  });

  it('lets reads through: read procedures, the GDS read-only corner, and every library query', async () => {
    for (const query of [
      'MATCH (n:Country) RETURN n.name AS name ORDER BY name LIMIT 3',
      'CALL db.labels() YIELD label RETURN label',
      "CALL gds.pageRank.stream('g') YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score",
      'RETURN gds.version() AS v, gds.similarity.cosine([1.0], [1.0]) AS s',
      "RETURN apoc.text.join(['a', 'b'], ',') AS j",
    ]) {
      expect(findNeo4jRefusals(query), query).toEqual([]);
      expect(findCypherWrites(query), query).toEqual([]);
    }
    for (const query of await loadQueryLibrary()) {
      expect(findNeo4jRefusals(query.text), query.name).toEqual([]);
      expect(findCypherWrites(query.text), query.name).toEqual([]);
    }
  });
});
