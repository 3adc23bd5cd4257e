// What the Neo4j store decides before it talks to a server: configuration from the environment, refusing writes
// and bad options early, and a clear error when no server answers (a closed local port, no Neo4j needed).
import { describe, expect, it } from 'vitest';
import { InvalidInputError, ReadOnlyError, StoreError } from '../../src/domain/errors.ts';
import { Neo4jStore, neo4jOptionsFromEnv, openNeo4jStore } from '../../src/store/neo4j.ts';

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
