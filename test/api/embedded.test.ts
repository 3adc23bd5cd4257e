// The API suite on the embedded LadybugDB store (a fresh database in a temp dir), plus the request timeout, which
// needs a store whose reads really wait on I/O.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { readShippedDataset } from '../../src/data/index.ts';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts';
import { describeApi } from './suite.ts';

describeApi('embedded', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chokepoint-api-'));
  const store = await openEmbeddedStore({ path: path.join(dir, 'db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('request timeout (embedded store)', () => {
  let dir: string;
  let store: EmbeddedStore;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'chokepoint-api-timeout-'));
    store = await openEmbeddedStore({ path: path.join(dir, 'db') });
    await store.replaceDataset(await readShippedDataset());
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 TIMEOUT with an error body when the store read outlives the limit', async () => {
    // 1 ms cannot cover reading the whole dataset back from the database: the timer fires while the read waits.
    const app = createApp({ store, logger: pino({ level: 'silent' }), requestTimeoutMs: 1 });
    const res = await request(app).get('/api/minerals').expect(503);
    expect(res.body.error.code).toBe('TIMEOUT');
    expect(res.body.error.message).toContain('1 ms');
    expect(res.headers['retry-after']).toBe('5');
  });
});
