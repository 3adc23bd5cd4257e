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
  /** The same store behind a 30 s request timeout: what comes after the burst is not raced against 1.5 s. */
  let patient: ReturnType<typeof createApp>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'chokepoint-api-queue-'));
    store = await openEmbeddedStore({ path: path.join(dir, 'db'), cypherQueueLength: 6, cypherKillGraceMs: 200 });
    await store.replaceDataset(tinyDataset());
    const app = createApp({ store, logger: pino({ level: 'silent' }), enableCypher: true, requestTimeoutMs: 1500 });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    patient = createApp({ store, logger: pino({ level: 'silent' }), enableCypher: true, requestTimeoutMs: 30_000 });
  });
  afterAll(async () => {
    server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: object): Promise<Response> =>
    fetch(`${base}/api/cypher`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('after a burst of ten heavy queries that time out, RETURN 1 answers and the queue is empty', async () => {
    // 10^12 rows each evaluated by a filter (WITH ... WHERE on a product: nothing folds it): ~3 hours at the
    // ~10^8 rows/s measured here, far past the 1.5 s request timeout on any machine, ~195 MiB resident. (Bare
    // nested UNWINDs with count(*) are counted factorised, in ~130 ms, so they are no heavy query.)
    const heavy =
      'UNWIND range(1, 10000) AS a UNWIND range(1, 10000) AS b UNWIND range(1, 10000) AS c WITH a, b, c WHERE a * b * c = -1 RETURN count(*) AS n';
    // A ready query process first, so the first heavy query runs in it at once; it must be killed when that
    // request times out (its caller is gone). A process still starting at the abort would rightly be kept.
    expect((await store.cypherRead('RETURN 0 AS zero')).rows).toEqual([{ zero: 0 }]);
    const running = store.cypherProcessId;
    expect(running).toBeTypeOf('number');
    const burst = await Promise.all(Array.from({ length: 10 }, () => post({ query: heavy })));
    const statuses = burst.map((r) => r.status);
    // Those that fit the queue time out (503 TIMEOUT, or 422 when LadybugDB stops one at its own deadline first);
    // the others are turned away at once with 503 BUSY and a Retry-After.
    expect(statuses.every((s) => s === 503 || s === 422), statuses.join(',')).toBe(true);
    const bodies = await Promise.all(burst.map((r) => r.json() as Promise<{ error: { code: string } }>));
    const busy = burst.filter((_r, i) => bodies[i]!.error.code === 'BUSY');
    // At most six were queued at once (exactly six when the ten arrive within the first one's 1.5 s, as they do
    // unless the machine stalls this process), and the cap turned some away.
    expect(burst.length - busy.length).toBeLessThanOrEqual(6);
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) expect(r.headers.get('retry-after')).toBe('5');
    const started = performance.now();
    // Through the same store's queue; a fresh query process starts for it (the one that ran a heavy query is gone).
    const one = await request(patient).post('/api/cypher').send({ query: 'RETURN 1 AS one' });
    const tookMs = performance.now() - started;
    const answer: unknown = one.body;
    expect(one.status, JSON.stringify(answer)).toBe(200);
    expect(answer).toEqual({ columns: ['one'], rows: [{ one: 1 }], truncated: false });
    // Generous on a shared 2-core machine; the point is that it is not minutes (each dropped query would be 1.5 s).
    expect(tookMs).toBeLessThan(15_000);
    expect(store.cypherQueued).toBe(0);
    // The process that ran a heavy query is gone, and RETURN 1 ran in a fresh one.
    expect(() => process.kill(running!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }) as Error);
    expect(store.cypherProcessId).not.toBe(running);
  }, 60_000);
});
