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
    expect(clauses('CALL threads = 1')).toEqual(['CALL threads=']);
    expect(clauses('MATCH (n) RETURN n; MATCH (m) RETURN m')).toEqual(['; (a second statement)']);
  });
});

describe('findCypherWrites: files, extensions, other databases, settings (an attacker\'s list)', () => {
  const passwd = 'LOAD WITH HEADERS (line STRING) FROM "/etc/passwd" (file_format="csv", header=false, delim="|") RETURN line';

  it('refuses every LOAD clause, whatever follows it', () => {
    expect(clauses(passwd)).toEqual(['LOAD WITH']);
    expect(clauses('load from "/etc/passwd" (header=false) RETURN *')).toEqual(['LOAD FROM']);
    expect(clauses('LOAD FROM $file RETURN *')).toEqual(['LOAD FROM']);
    expect(clauses('MATCH (n:Country) WITH n LOAD FROM "/etc/hosts" RETURN *')).toEqual(['LOAD FROM']);
    expect(clauses('RETURN 1 AS x UNION LOAD FROM "/etc/hosts" RETURN column0 AS x')).toEqual(['LOAD FROM']);
    expect(clauses('LOAD EXTENSION httpfs')).toEqual(['LOAD EXTENSION']);
    expect(clauses('LOAD json')).toEqual(['LOAD JSON']);
    expect(clauses("LOAD '/tmp/evil.lbug_extension'")).toEqual(['LOAD']);
  });

  it('sees a clause glued to a number, after a factorial, or after a comment ended by a carriage return', () => {
    // LadybugDB lexes `1LOAD` as the number 1 and the keyword LOAD, and runs the file read.
    expect(clauses('UNWIND [1] AS x WITH x LIMIT 1LOAD FROM "/etc/passwd" RETURN *')).toEqual(['LOAD FROM']);
    expect(clauses('UNWIND [1] AS x WITH x LIMIT 1e0LOAD FROM "/etc/passwd" RETURN *')).toEqual(['LOAD FROM']);
    expect(clauses('UNWIND [3] AS x WITH x LIMIT 3! LOAD FROM "/etc/passwd" RETURN *')).toEqual(['LOAD FROM']);
    // A lone CR ends a // comment for Neo4j but not for LadybugDB: refused as ambiguous, LOAD seen too.
    expect(clauses('RETURN 1 // note\rLOAD FROM "/etc/passwd" RETURN *')).toEqual([
      'a // comment ends in a lone carriage return (the engines disagree on where it ends)',
      'LOAD FROM',
    ]);
    // U+2028 ends no comment in either engine (LadybugDB 0.19.1 checked): the rest of the line is comment text.
    expect(clauses('RETURN 1 // note\u2028LOAD FROM "/etc/passwd" RETURN *')).toEqual([]);
    // Numbers still tokenize whole.
    expect(tokenizeCypher('RETURN 1.5e-3, .5, 12, 1..3').filter((t) => t.kind === 'number').map((t) => t.text)).toEqual([
      '1.5e-3',
      '.5',
      '12',
      '1',
      '.3',
    ]);
  });

  it('refuses LadybugDB file, extension, database and catalog statements', () => {
    expect(clauses("COPY (MATCH (n) RETURN n.id) TO '/tmp/out.csv'")).toEqual(['COPY']);
    expect(clauses("ATTACH '/tmp/other.lbug' AS o (dbtype lbug)")).toEqual(['ATTACH']);
    expect(clauses('USE o')).toEqual(['USE']);
    expect(clauses('INSTALL httpfs')).toEqual(['INSTALL']);
    expect(clauses('UPDATE httpfs')).toEqual(['UPDATE']);
    expect(clauses('UNINSTALL httpfs')).toEqual(['UNINSTALL']);
    expect(clauses("IMPORT DATABASE '/tmp/x'")).toEqual(['IMPORT']);
    expect(clauses("EXPORT DATABASE '/tmp/x'")).toEqual(['EXPORT']);
    expect(clauses('DETACH o')).toEqual(['DETACH']);
    expect(clauses('ANALYZE')).toEqual(['ANALYZE']);
    expect(clauses("COMMENT ON TABLE Country IS 'x'")).toEqual(['COMMENT']);
    expect(clauses('CALL home_directory = "/"')).toEqual(['CALL home_directory=']);
  });

  it('allows only the catalog table functions of LadybugDB; file readers, settings and state changers are refused', () => {
    for (const ok of ['CALL show_tables() RETURN *', "CALL TABLE_INFO('Country') RETURN *", 'CALL db_version() RETURN *', 'CALL `show_functions`() RETURN *']) {
      expect(clauses(ok), ok).toEqual([]);
    }
    expect(clauses('CALL READ_CSV_SERIAL("/etc/passwd") RETURN *')).toEqual(['CALL READ_CSV_SERIAL']);
    expect(clauses('CALL read_csv_parallel("/etc/passwd") RETURN *')).toEqual(['CALL read_csv_parallel']);
    expect(clauses('CALL read_parquet("/x.parquet") RETURN *')).toEqual(['CALL read_parquet']);
    expect(clauses('CALL read_npy("/x.npy") RETURN *')).toEqual(['CALL read_npy']);
    expect(clauses('CALL file_info("/etc/passwd") RETURN *')).toEqual(['CALL file_info']);
    expect(clauses("CALL current_setting('home_directory') RETURN *")).toEqual(['CALL current_setting']);
    expect(clauses("CALL project_graph('g', ['Country'], ['FLOW'])")).toEqual(['CALL project_graph']);
    expect(clauses("CALL `drop_projected_graph`('g')")).toEqual(['CALL drop_projected_graph']);
    expect(clauses('UNWIND [1] AS x CALL bm_info() RETURN *')).toEqual(['CALL bm_info']);
    expect(clauses("CALL page_rank('g') RETURN *")).toEqual(['CALL page_rank']);
  });

  it('refuses Neo4j file access, other databases, administration and APOC runners wherever they appear', () => {
    expect(clauses("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l")).toEqual(['LOAD CSV']);
    expect(clauses('USE system MATCH (n) RETURN n')).toEqual(['USE']);
    expect(clauses('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery')).toEqual(['SHOW TRANSACTIONS']);
    expect(clauses('SHOW SETTINGS')).toEqual(['SHOW SETTINGS']);
    expect(clauses("CALL apoc.load.json('file:///etc/passwd')")).toEqual(['CALL apoc.load.json']);
    expect(clauses("CALL apoc.cypher.run('LOAD CSV FROM \"file:///x\" AS l RETURN l', {})")).toEqual(['CALL apoc.cypher.run']);
    expect(clauses("RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) RETURN n', {}) AS x")).toEqual(['apoc.cypher.runFirstColumnSingle']);
    expect(clauses("RETURN `apoc`.`cypher`.runFirstColumnSingle('x', {}) AS x")).toEqual(['apoc.cypher.runFirstColumnSingle']);
    expect(clauses("CALL apoc.bolt.load('bolt://elsewhere', 'MATCH (n) RETURN n')")).toEqual(['CALL apoc.bolt.load']);
    expect(clauses("CALL gds.graph.export('g', {dbName: 'x'})")).toEqual(['CALL gds.graph.export']);
    expect(clauses("CALL gds.beta.graph.export.csv('g', {exportName: 'x'})")).toEqual(['CALL gds.beta.graph.export.csv']);
    // Reads that look alike stay allowed.
    expect(clauses('MATCH (n) WHERE n.load = 1 RETURN n.show AS s, {load: 1} AS m, apoc.text.join(["a"], ",") AS j')).toEqual([]);
    expect(clauses('MATCH (n:Load|Show) RETURN `LOAD`, n.`use`')).toEqual([]);
    expect(clauses("RETURN 'LOAD FROM \"/etc/passwd\"' AS text // LOAD FROM x")).toEqual([]);
    expect(clauses('MATCH (n:!Set) WHERE n:A&!Merge RETURN n')).toEqual([]);
  });
});

describe('assertReadOnlyCypher', () => {
  it('throws ReadOnlyError naming the clause and where it is', () => {
    expect(() => assertReadOnlyCypher('MATCH (n) RETURN n')).not.toThrow();
    expect(() => assertReadOnlyCypher('MATCH (n)\n  SET n.x = 1')).toThrow(ReadOnlyError);
    expect(() => assertReadOnlyCypher('MATCH (n)\n  SET n.x = 1')).toThrow(/SET at 2:3/);
  });
});
