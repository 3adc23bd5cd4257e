// createApp and startServer on a hand-made dataset (values computed by hand), the analysis context's version
// handling, the error middleware, static serving of the web view and clean shutdown.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { errorHandler } from '../../src/api/errors.ts';
import { canonicalImpactRequest } from '../../src/api/routes.ts';
import { startServer } from '../../src/api/server.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { tinyDataset } from './tiny.ts';

const silent = pino({ level: 'silent' });

describe('createApp on a hand-made dataset', () => {
  it('computes the impact by hand: removing AAA loses 75 of 100 t of testium', async () => {
    const app = createApp({ store: new MemoryStore({ dataset: tinyDataset() }), logger: silent });
    const res = await request(app)
      .post('/api/impact')
      .send({ remove: ['mine:aaa-testium'] })
      .expect(200);
    const testium = res.body.minerals.find((m: { mineral: string }) => m.mineral === 'testium');
    expect(testium.tonnesBefore).toBe(100);
    expect(testium.tonnesLost).toBe(75);
    expect(testium.shareLost).toBeCloseTo(0.75, 10);
    // HHI of producer countries: 75^2 + 25^2 before, only BBB after.
    expect(testium.hhiBefore).toBeCloseTo(6250, 6);
    expect(testium.hhiAfter).toBeCloseTo(10000, 6);
    const consumer = res.body.consumers.find((c: { country: string }) => c.country === 'country:CCC');
    expect(consumer).toMatchObject({
      tonnesBefore: 100,
      tonnesLost: 75,
      remainingSuppliers: expect.arrayContaining([expect.stringContaining('BBB')]),
    });
  });

  it('takes a severity as {id, severity} or id@severity: half of AAA loses 37.5 t, one cache entry for both spellings', async () => {
    const app = createApp({ store: new MemoryStore({ dataset: tinyDataset() }), logger: silent });
    const a = await request(app).post('/api/impact').send({ remove: [{ id: 'mine:aaa-testium', severity: 0.5 }] }).expect(200);
    expect(a.body.minerals.find((m: { mineral: string }) => m.mineral === 'testium').tonnesLost).toBeCloseTo(37.5, 9);
    expect(a.body.removals).toEqual([{ id: 'mine:aaa-testium', severity: 0.5 }]);
    const b = await request(app).post('/api/impact').send({ remove: ['mine:aaa-testium@0.5'] }).expect(200);
    expect(b.headers['x-cache']).toBe('hit');
    expect(b.body).toEqual(a.body);
    const bad = await request(app).post('/api/impact').send({ remove: [{ id: 'mine:aaa-testium', severity: 1.5 }] }).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/severity must be <= 1/);
    const badString = await request(app).post('/api/impact').send({ remove: ['mine:aaa-testium@2'] }).expect(400);
    expect(JSON.stringify(badString.body)).toMatch(/must be a number in \(0, 1\]/);
  });

  it('rebuilds the graph and drops cached results when the dataset version changes', async () => {
    const store = new MemoryStore({ dataset: tinyDataset('tiny-v1') });
    const app = createApp({ store, logger: silent, context: { versionCheckMs: 0 } });
    const body = { remove: ['mine:aaa-testium'] };
    const before = await request(app).post('/api/impact').send(body).expect(200);
    expect(before.body.minerals[0].shareLost).toBeCloseTo(0.75, 10);
    const next = tinyDataset('tiny-v2');
    next.flows[1]!.tonnes = 50; // BBB now ships 50 t: losing AAA costs 75 of 125.
    await store.replaceDataset(next);
    const after = await request(app).post('/api/impact').send(body).expect(200);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body.minerals[0].shareLost).toBeCloseTo(0.6, 10);
    const health = await request(app).get('/api/health').expect(200);
    expect(health.body.datasetVersion).toBe('tiny-v2');
  });

  it('keeps the snapshot within the check interval until invalidate()', async () => {
    const store = new MemoryStore({ dataset: tinyDataset('tiny-v1') });
    const app = createApp({ store, logger: silent, context: { versionCheckMs: 60_000 } });
    await request(app).get('/api/health').expect(200);
    await store.replaceDataset(tinyDataset('tiny-v2'));
    expect((await request(app).get('/api/health')).body.datasetVersion).toBe('tiny-v1');
    app.invalidate();
    expect((await request(app).get('/api/health')).body.datasetVersion).toBe('tiny-v2');
  });

  it('answers 503 EMPTY_STORE, saying how to load data, when the store is empty', async () => {
    const app = createApp({ store: new MemoryStore(), logger: silent });
    const res = await request(app).get('/api/health').expect(503);
    expect(res.body.error.code).toBe('EMPTY_STORE');
    expect(res.body.error.message).toContain('chokepoint');
  });

  it('maps a failing store to 502 STORE_ERROR', async () => {
    const store = new MemoryStore({ dataset: tinyDataset() });
    await store.close();
    const res = await request(createApp({ store, logger: silent }))
      .get('/api/health')
      .expect(502);
    expect(res.body.error.code).toBe('STORE_ERROR');
  });

  it('canonicalises impact requests: sorted unique ids, defaults filled', () => {
    expect(canonicalImpactRequest({ remove: ['b', 'a', 'b'] }, 2025)).toEqual({
      remove: ['a', 'b'],
      model: 'proportional',
      year: 2025,
    });
    expect(canonicalImpactRequest({ remove: ['a'], mineral: 'x', model: 'rerouting', year: 2024 }, 2025)).toEqual({
      remove: ['a'],
      mineral: 'x',
      model: 'rerouting',
      year: 2024,
    });
  });
});

describe('request log', () => {
  it('writes one JSON line per request with its X-Request-Id, status and latency', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const app = createApp({ store: new MemoryStore({ dataset: tinyDataset() }), logger });
    await request(app).get('/api/nodes/country:AAA').set('X-Request-Id', 'trace-7').expect(200);
    await request(app).get('/api/nodes/country:ZZZ').set('X-Request-Id', 'trace-8').expect(404);
    const entries = lines.map(
      (l) =>
        JSON.parse(l) as { req?: { id: string }; res?: { statusCode: number }; responseTime?: number; level: number },
    );
    const ok = entries.find((e) => e.req?.id === 'trace-7');
    expect(ok).toMatchObject({ res: { statusCode: 200 }, level: 30 });
    expect(typeof ok!.responseTime).toBe('number');
    // Client errors are logged at warn (40).
    expect(entries.find((e) => e.req?.id === 'trace-8')).toMatchObject({ res: { statusCode: 404 }, level: 40 });
  });
});

describe('error middleware', () => {
  it('never leaks a stack or an internal message in a 500', async () => {
    const app = express();
    app.get('/boom', () => {
      throw new TypeError('secret internals at /home/someone/src/file.ts:12');
    });
    app.use(errorHandler());
    const res = await request(app).get('/boom').expect(500);
    expect(res.body.error.code).toBe('INTERNAL');
    expect(res.text).not.toContain('secret');
    expect(res.text).not.toMatch(/\bat \/|\.ts:\d+/);
    expect(Object.keys(res.body)).toEqual(['error']);
  });
});

describe('web view and headers', () => {
  const webRoot = mkdtempSync(path.join(os.tmpdir(), 'chokepoint-web-'));
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(
    path.join(webRoot, 'index.html'),
    '<!doctype html><title>view</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'export {};\n');
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }));
  const app = createApp({ store: new MemoryStore({ dataset: tinyDataset() }), logger: silent, webRoot });

  it('serves the built view at / and for view URLs, and assets as files', async () => {
    const root = await request(app).get('/').expect(200);
    expect(root.text).toContain('<title>view</title>');
    const deep = await request(app).get('/view?mineral=testium').set('accept', 'text/html').expect(200);
    expect(deep.text).toContain('<title>view</title>');
    const asset = await request(app).get('/assets/app.js').expect(200);
    expect(asset.headers['content-type']).toContain('javascript');
    const api = await request(app).get('/api/nope').set('accept', 'text/html').expect(404);
    expect(api.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('sends a CSP that lets the view run (own scripts, blob: workers for the layout) and no HSTS', async () => {
    const res = await request(app).get('/').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('redirects / to the API docs when no view is built', async () => {
    const bare = createApp({ store: new MemoryStore({ dataset: tinyDataset() }), logger: silent });
    const res = await request(bare).get('/').expect(302);
    expect(res.headers.location).toBe('/api/docs');
  });
});

describe('startServer', () => {
  it('listens, answers, finishes in-flight requests on close, then closes the store', async () => {
    const store = new MemoryStore({ dataset: tinyDataset() });
    const lines: string[] = [];
    const server = await startServer({
      env: {},
      port: 0,
      host: '127.0.0.1',
      store,
      logger: silent,
      log: (m) => lines.push(m),
      handleSignals: false,
      webRoot: path.join(os.tmpdir(), 'no-such-web-root'),
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.join('\n')).toContain(server.url);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { datasetVersion: string }).datasetVersion).toBe('tiny-v1');
    // Close exactly when the server has received the request: it is in flight and must still be answered.
    const received = new Promise<void>((resolve) => server.server.once('request', () => resolve()));
    const inFlight = fetch(`${server.url}/api/impact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ remove: ['mine:aaa-testium'] }),
    });
    await received;
    const closing = server.close();
    expect((await inFlight).status).toBe(200);
    await closing;
    await server.closed;
    await expect(store.readDataset()).rejects.toThrow();
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it('refuses a PORT that is not a port number', async () => {
    await expect(
      startServer({
        env: { PORT: 'eighty' },
        store: new MemoryStore({ dataset: tinyDataset() }),
        logger: silent,
        log: () => {},
        handleSignals: false,
      }),
    ).rejects.toThrow(/PORT="eighty"/);
  });
});
