// Store selection from the environment and first-run loading (src/store/index.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, StoreError } from '../../src/domain/errors.ts';
import { EmbeddedStore } from '../../src/store/embedded.ts';
import { cypherMemoryFromEnv, ensureLoaded, openStore, storeKindFromEnv } from '../../src/store/index.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { tinyDataset } from '../fixtures/tiny-dataset.ts';

describe('storeKindFromEnv', () => {
  it('picks Neo4j when NEO4J_URI is set, memory on request, else embedded', () => {
    expect(storeKindFromEnv({})).toBe('embedded');
    expect(storeKindFromEnv({ NEO4J_URI: 'bolt://localhost:7687' })).toBe('neo4j');
    expect(storeKindFromEnv({ CHOKEPOINT_STORE: 'memory' })).toBe('memory');
    expect(storeKindFromEnv({ CHOKEPOINT_STORE: ' Memory ', NEO4J_URI: 'bolt://x' })).toBe('memory');
    expect(storeKindFromEnv({ CHOKEPOINT_STORE: 'embedded', NEO4J_URI: 'bolt://x' })).toBe('embedded');
  });

  it('names the variable and the choices when it is wrong', () => {
    expect(() => storeKindFromEnv({ CHOKEPOINT_STORE: 'memroy' })).toThrow(/CHOKEPOINT_STORE="memroy" is not a store; use one of memory, embedded, neo4j/);
    expect(() => storeKindFromEnv({ CHOKEPOINT_STORE: 'neo4j' })).toThrow(InvalidInputError);
  });
});

describe('openStore', () => {
  it('opens the memory store, and the embedded store at CHOKEPOINT_DB or the given location', async () => {
    const memory = await openStore({ env: { CHOKEPOINT_STORE: 'memory' } });
    expect(memory).toBeInstanceOf(MemoryStore);
    await memory.close();
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-open-'));
    try {
      const fromEnv = await openStore({ env: { CHOKEPOINT_DB: join(dir, 'env-db') } });
      expect(fromEnv).toBeInstanceOf(EmbeddedStore);
      expect(fromEnv.location).toBe(join(dir, 'env-db'));
      await fromEnv.close();
      const given = await openStore({ env: { CHOKEPOINT_STORE: 'memory' }, kind: 'embedded', location: join(dir, 'given-db') });
      expect(given.location).toBe(join(dir, 'given-db'));
      await given.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cypherMemoryFromEnv', () => {
  it('reads CHOKEPOINT_CYPHER_MEMORY_MB in MiB, refuses what is not a whole number of at least 192, and reaches the store', async () => {
    expect(cypherMemoryFromEnv({})).toBeUndefined();
    expect(cypherMemoryFromEnv({ CHOKEPOINT_CYPHER_MEMORY_MB: ' 300 ' })).toBe(300 * 2 ** 20);
    for (const bad of ['100', '1.5e3', 'lots', '512.5']) {
      expect(() => cypherMemoryFromEnv({ CHOKEPOINT_CYPHER_MEMORY_MB: bad }), bad).toThrow(/CHOKEPOINT_CYPHER_MEMORY_MB=.*at least 192/);
    }
    const dir = mkdtempSync(join(tmpdir(), 'chokepoint-open-'));
    try {
      const store = await openStore({ env: { CHOKEPOINT_DB: join(dir, 'db'), CHOKEPOINT_CYPHER_MEMORY_MB: '300' } });
      expect((store as EmbeddedStore).cypherMemoryBytes).toBe(300 * 2 ** 20);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ensureLoaded', () => {
  it('loads into an empty store, reuses the same version and its imports, reloads another version', async () => {
    const store = new MemoryStore();
    const messages: string[] = [];
    const first = await ensureLoaded(store, tinyDataset(), (m) => messages.push(m));
    expect(first.loaded).toBe(true);
    expect(first.report).toMatchObject({ nodes: 6, flows: 4, links: 4 });
    expect(messages[0]).toMatch(/Loading dataset tiny-v1 into the memory store \(memory\): the store is empty\./);

    expect(await ensureLoaded(store, tinyDataset())).toEqual({ loaded: false });

    await store.mergeRecords({ nodes: [], flows: [], links: [] }, 'tiny-v1+abcd1234');
    expect(await ensureLoaded(store, tinyDataset())).toEqual({ loaded: false });
    expect(await store.datasetVersion()).toBe('tiny-v1+abcd1234');

    const next = { ...tinyDataset(), version: 'tiny-v2' };
    messages.length = 0;
    expect((await ensureLoaded(store, next, (m) => messages.push(m))).loaded).toBe(true);
    expect(messages[0]).toContain('holds dataset tiny-v1+abcd1234 (with imported records, which are replaced: import them again)');
    expect(await store.datasetVersion()).toBe('tiny-v2');
  });

  it('does not mistake a version sharing a prefix for the same dataset', async () => {
    const store = new MemoryStore({ dataset: { ...tinyDataset(), version: 'tiny-v10' } });
    expect((await ensureLoaded(store, tinyDataset())).loaded).toBe(true);
  });

  it('passes store failures through', async () => {
    const store = new MemoryStore();
    await store.close();
    await expect(ensureLoaded(store, tinyDataset())).rejects.toBeInstanceOf(StoreError);
  });
});
