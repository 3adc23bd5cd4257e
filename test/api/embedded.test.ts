// The API suite on the embedded LadybugDB store (a fresh database in a temp dir), plus the request timeout, which
// needs a store whose reads really wait on I/O.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { readShippedDataset } from '../../src/data/index.ts';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts';
import { tinyDataset } from '../fixtures/tiny-dataset.ts';
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

describe('Cypher queue (embedded store): timed-out work is dropped, the queue is capped', () => {
  let dir: string;
  let store: EmbeddedStore;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'chokepoint-api-queue-'));
    store = await openEmbeddedStore({ path: path.join(dir, 'db'), cypherQueueLength: 6, cypherKillGraceMs: 200 });
    await store.replaceDataset(tinyDataset());
    const app = createApp({ store, logger: pino({ level: 'silent' }), enableCypher: true, requestTimeoutMs: 1500 });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: object): Promise<Response> =>
    fetch(`${base}/api/cypher`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  // Skipped: its 'heavy' query can finish before the timeout, so the result depends on machine speed (issue 14 follow-up).
  it.skip('after a burst of ten heavy queries that time out, RETURN 1 answers and the queue is empty', async () => {
    // ~2.7e10 rows to count: far past the 1.5 s request timeout, small in memory.
    const heavy = 'UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b UNWIND range(1, 3000) AS c RETURN count(*) AS n';
    const burst = await Promise.all(Array.from({ length: 10 }, () => post({ query: heavy })));
    const statuses = burst.map((r) => r.status);
    // Those that fit the queue time out (503 TIMEOUT, or 422 when LadybugDB stops one at its own deadline first);
    // the others are turned away at once with 503 BUSY and a Retry-After.
    expect(statuses.every((s) => s === 503 || s === 422), statuses.join(',')).toBe(true);
    const bodies = await Promise.all(burst.map((r) => r.json() as Promise<{ error: { code: string } }>));
    const busy = burst.filter((_r, i) => bodies[i]!.error.code === 'BUSY');
    // At most six were queued at once (usually exactly six: the rest arrive before the first times out).
    expect(burst.length - busy.length).toBeLessThanOrEqual(6);
    for (const r of busy) expect(r.headers.get('retry-after')).toBe('5');
    const started = performance.now();
    const one = await post({ query: 'RETURN 1 AS one' });
    const tookMs = performance.now() - started;
    const answer: unknown = await one.json();
    expect(one.status, JSON.stringify(answer)).toBe(200);
    expect(answer).toEqual({ columns: ['one'], rows: [{ one: 1 }], truncated: false });
    // Generous on a shared 2-core machine; the point is that it is not minutes (each dropped query would be 1.5 s).
    expect(tookMs).toBeLessThan(15_000);
    expect(store.cypherQueued).toBe(0);
  }, 60_000);
});
