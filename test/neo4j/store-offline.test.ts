// What the Neo4j store decides before it talks to a server: configuration from the environment, refusing writes
// and bad options early, a clear error when no server answers (a closed local port, no Neo4j needed), its own
// statements linted with Neo4j's parser, and query errors mapped by status code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { InvalidInputError, ReadOnlyError, StoreError, UnprocessableError } from '../../src/domain/errors.ts';
import { SCHEMA_FILE } from '../../src/store/cypher-library.ts';
import { lintCypher } from '../../src/store/cypher-lint.ts';
import { NEO4J_META_KEYS, NEO4J_ROW_KEYS, NEO4J_STATEMENTS, Neo4jStore, neo4jCypherError, neo4jOptionsFromEnv, openNeo4jStore } from '../../src/store/neo4j.ts';
import { META_VERSION_KEY, NODE_LABELS, REL_ENDPOINTS, REL_TYPES, SCHEMA_MIGRATIONS } from '../../src/store/records.ts';

describe('neo4jOptionsFromEnv', () => {
  it('reads NEO4J_URI, NEO4J_USER (default neo4j), NEO4J_PASSWORD and NEO4J_DATABASE', () => {
    expect(neo4jOptionsFromEnv({ NEO4J_URI: 'bolt://localhost:7687', NEO4J_PASSWORD: 'pw' })).toEqual({
      uri: 'bolt://localhost:7687',
      user: 'neo4j',
      password: 'pw',
    });
    expect(
      neo4jOptionsFromEnv({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_USER: 'ana', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'chokepoint' }),
    ).toEqual({ uri: 'neo4j+s://abc.databases.neo4j.io', user: 'ana', password: 'pw', database: 'chokepoint' });
  });

  it('lists every missing or malformed variable at once', () => {
    let caught: unknown;
    try {
      neo4jOptionsFromEnv({ NEO4J_URI: 'http://localhost:7474' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).problems.map((p) => p.field)).toEqual(['NEO4J_URI', 'NEO4J_PASSWORD']);
    expect((caught as InvalidInputError).message).toMatch(/bolt:\/\//);
  });
});

describe('Neo4jStore without a server', () => {
  const options = { uri: 'bolt://user:secret@127.0.0.1:1', user: 'neo4j', password: 'pw' };

  it('never shows credentials in its location', () => {
    expect(new Neo4jStore(options).location).toBe('bolt://127.0.0.1:1');
    expect(new Neo4jStore({ ...options, database: 'x' }).location).toBe('bolt://127.0.0.1:1 (database x)');
  });

  it('refuses writes and bad options before connecting', async () => {
    const store = new Neo4jStore(options);
    await expect(store.cypherRead('MATCH (n) DETACH DELETE n')).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(store.cypherRead('MATCH (n) CALL { CREATE (:X) } RETURN n')).rejects.toBeInstanceOf(ReadOnlyError);
    await expect(store.cypherRead('  ')).rejects.toBeInstanceOf(InvalidInputError);
    await expect(store.cypherRead('MATCH (n) RETURN n', { limit: 0 })).rejects.toThrow(/limit must be a positive integer/);
    await expect(store.cypherRead('PROFILE MATCH (n) RETURN n')).rejects.toThrow(/leading PROFILE/);
    expect(() => new Neo4jStore({ ...options, batchSize: 0 })).toThrow(InvalidInputError);
    await store.close();
  });

  it('fails to open with a StoreError that names the URI and the fix, and close stays idempotent', async () => {
    const error = await openNeo4jStore({ NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'pw' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/bolt:\/\/127\.0\.0\.1:1.*cannot reach the server.*NEO4J_URI/s);
    const store = new Neo4jStore(options);
    await store.close();
    await store.close();
    await expect(store.readDataset()).rejects.toBeInstanceOf(StoreError);
  });
});

describe("the Neo4j store's own statements", () => {
  const generation = 'v1@abc-123';
  // The parameters each statement is sent with (names and value types as in neo4j.ts).
  const params: Record<keyof typeof NEO4J_STATEMENTS, Record<string, unknown>> = {
    schemaVersion: { key: NEO4J_META_KEYS.schema, value: '3' },
    migrationFlows: { needle: '"valueUsd":' },
    migrationFill: { rows: [{ id: '4:abc:1', value: 1234.5 }] },
    migrationDone: { key: NEO4J_META_KEYS.schema, value: '3' },
    takeLock: { loading: NEO4J_META_KEYS.loading, generation, staleMs: neo4j.int(3_600_000) },
    releaseLock: { loading: NEO4J_META_KEYS.loading, generation },
    writeNodes: { rows: [{ id: 'country:BRA', props: '{}' }], generation },
    writeRels: { rows: [{ from: 'mine:x', to: 'country:BRA', loadKey: 'FLOW f1#0', cols: { id: 'f1' } }], generation },
    flip: { loading: NEO4J_META_KEYS.loading, generationKey: NEO4J_META_KEYS.generation, versionKey: META_VERSION_KEY, generation, version: 'v1' },
    deleteGeneration: { generation, batch: neo4j.int(2000) },
    deleteOtherGenerations: { generation, batch: neo4j.int(2000) },
    live: { generationKey: NEO4J_META_KEYS.generation, versionKey: META_VERSION_KEY },
    readNodes: { generation },
    readFlows: { generation },
    readLinks: { generation },
    getNode: { id: 'country:BRA', generation },
    countMinerals: { generation },
    countCountries: { generation },
    countMines: { generation },
    countRefiners: { generation },
    countFlows: { generation },
    countSources: { generation },
  };

  /** Every statement text the store can send: builders expanded over every label or (type, from, to). */
  function allStatements(): Array<{ name: string; text: string; params: Record<string, unknown> }> {
    const out: Array<{ name: string; text: string; params: Record<string, unknown> }> = [];
    for (const [name, statement] of Object.entries(NEO4J_STATEMENTS) as Array<[keyof typeof NEO4J_STATEMENTS, unknown]>) {
      if (typeof statement === 'string') out.push({ name, text: statement, params: params[name] });
      else if (name === 'writeRels') {
        for (const type of REL_TYPES) {
          for (const [from, to] of REL_ENDPOINTS[type]) out.push({ name: `${name}(${type}, ${from}, ${to})`, text: NEO4J_STATEMENTS.writeRels(type, from, to), params: params[name] });
        }
      } else if (name === 'migrationFill') {
        for (const column of Object.values(SCHEMA_MIGRATIONS).flatMap((m) => m.flowColumns)) {
          out.push({ name: `${name}(${column.name})`, text: NEO4J_STATEMENTS.migrationFill(column.name), params: params[name] });
        }
      } else {
        const build = statement as (label: (typeof NODE_LABELS)[number]) => string;
        for (const label of NODE_LABELS) out.push({ name: `${name}(${label})`, text: build(label), params: params[name] });
      }
    }
    return out;
  }

  it('load, lock, flip, read and count statements all lint clean against the project schema', () => {
    const statements = allStatements();
    // Every statement, the builders expanded over every label and relationship endpoint pair: none skipped.
    const migrated = Object.values(SCHEMA_MIGRATIONS).flatMap((m) => m.flowColumns).length;
    expect(statements.length).toBe(Object.keys(NEO4J_STATEMENTS).length - 6 + 4 * NODE_LABELS.length + REL_TYPES.reduce((n, t) => n + REL_ENDPOINTS[t].length, 0) + migrated);
    for (const { name, text, params: p } of statements) expect(lintCypher(text, p, name, 0, NEO4J_ROW_KEYS), name).toEqual([]);
    // Neo4j's semantic analysis over ~50 statements: past the 60 s default on a 2-core machine shared by sessions.
  }, 180_000);

  it("schema.cypher names the Meta key the flip really writes", () => {
    const schema = readFileSync(SCHEMA_FILE, 'utf8');
    const named = [...schema.matchAll(/\(:Meta \{key: '(\w+)'\}\)/g)].map((m) => m[1]);
    expect(named).toEqual([NEO4J_META_KEYS.generation]);
    expect(NEO4J_STATEMENTS.flip).toContain('SET g.value = $generation');
    expect(params.flip.generationKey).toBe(NEO4J_META_KEYS.generation);
  });

  it('the lint would catch a misspelt property or a missing parameter in them', () => {
    expect(lintCypher(NEO4J_STATEMENTS.readNodes.replace('n.generation', 'n.generaton'), params.readNodes, 'readNodes', 0, NEO4J_ROW_KEYS)).not.toEqual([]);
    expect(lintCypher(NEO4J_STATEMENTS.writeRels('FLOW', 'Mine', 'Country'), params.writeRels, 'writeRels')).not.toEqual([]);
    expect(lintCypher(NEO4J_STATEMENTS.flip, { ...params.flip, version: undefined, versionKey: undefined }, 'flip').length).toBeGreaterThan(0);
  });
});

describe('neo4jCypherError', () => {
  const error = (code: string, message = 'details'): Error => new neo4j.Neo4jError(message, code, '', '');

  it('maps the server memory guards and timeouts to 422, refusals to ReadOnlyError, bad queries to InvalidInputError', () => {
    for (const code of [
      'Neo.ClientError.General.TransactionOutOfMemoryError',
      'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
      'Neo.TransientError.General.OutOfMemoryError',
    ]) {
      const mapped = neo4jCypherError(error(code, 'The allocation of an extra 4.0 MiB would use more than the limit 256.0 MiB'), 1000);
      expect(mapped, code).toBeInstanceOf(UnprocessableError);
      expect(mapped!.message).toMatch(/needs more memory than the Neo4j server allows \(The allocation/);
    }
    expect(neo4jCypherError(error('Neo.ClientError.Transaction.TransactionTimedOut'), 250)!.message).toMatch(/after the 250 ms timeout/);
    expect(neo4jCypherError(error('Neo.ClientError.Statement.AccessMode'), 1000)).toBeInstanceOf(ReadOnlyError);
    expect(neo4jCypherError(error('Neo.ClientError.Statement.SyntaxError'), 1000)).toBeInstanceOf(InvalidInputError);
    expect(neo4jCypherError(error('Neo.TransientError.General.DatabaseUnavailable'), 1000)).toBeUndefined();
  });
});
