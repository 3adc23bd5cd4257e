// The limits of a public read-only API: per-client rate limiting (express-rate-limit: 429, Retry-After, RateLimit
// headers, the API's error body, health exempt), every malformed request answered 4xx (never 5xx), and a health
// check that names no server path and does not query the store per request.
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { rateLimitFromEnv } from '../../src/api/server.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { tinyDataset } from './tiny.ts';

const logger = pino({ level: 'silent' });
let store: MemoryStore;

beforeAll(async () => {
  store = new MemoryStore();
  await store.replaceDataset(tinyDataset());
});

describe('rate limit (CHOKEPOINT_RATE_LIMIT)', () => {
  it('answers 429 with Retry-After, the RateLimit headers and the API error body past the limit, per client', async () => {
    const app = createApp({ store, logger, rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) {
      const ok = await request(app).get('/api/minerals').expect(200);
      expect(ok.headers['ratelimit-policy']).toMatch(/q=3; w=60/);
      expect(ok.headers.ratelimit).toMatch(new RegExp(`r=${2 - i}; t=\\d+`));
    }
    const limited = await request(app).get('/api/minerals').expect(429);
    expect(limited.headers['content-type']).toMatch(/application\/json/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(limited.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { limitPerMinute: 3, retryAfterSeconds: retryAfter } });
    expect(limited.body.error.message).toContain('more than 3 requests a minute');
    // Another client address has its own budget (behind one trusted proxy, X-Forwarded-For names the client).
    const proxied = createApp({ store, logger, rateLimitPerMinute: 1, trustProxy: 1 });
    await request(proxied).get('/api/minerals').set('x-forwarded-for', '203.0.113.1').expect(200);
    await request(proxied).get('/api/minerals').set('x-forwarded-for', '203.0.113.1').expect(429);
    await request(proxied).get('/api/minerals').set('x-forwarded-for', '203.0.113.2').expect(200);
  });

  it('exempts /api/health, and 0 or no limit turns it off', async () => {
    const app = createApp({ store, logger, rateLimitPerMinute: 1 });
    await request(app).get('/api/minerals').expect(200);
    await request(app).get('/api/minerals').expect(429);
    for (let i = 0; i < 5; i++) await request(app).get('/api/health').expect(200);
    const off = createApp({ store, logger, rateLimitPerMinute: 0 });
    for (let i = 0; i < 5; i++) {
      const res = await request(off).get('/api/minerals').expect(200);
      expect(res.headers.ratelimit).toBeUndefined();
    }
  });

  it('reads CHOKEPOINT_RATE_LIMIT: a whole number, 0 = off, default 600', () => {
    expect(rateLimitFromEnv({})).toBe(600);
    expect(rateLimitFromEnv({ CHOKEPOINT_RATE_LIMIT: '0' })).toBe(0);
    expect(rateLimitFromEnv({ CHOKEPOINT_RATE_LIMIT: ' 120 ' })).toBe(120);
    expect(() => rateLimitFromEnv({ CHOKEPOINT_RATE_LIMIT: 'lots' })).toThrow(/not a whole number .* 0 turns the limit off/);
  });
});

describe('malformed requests answer 4xx with the error body', () => {
  const cases: Array<[string, (app: ReturnType<typeof createApp>) => request.Test, number, string]> = [
    ['bad percent-escape in a path', (app) => request(app).get('/api/minerals/%'), 400, 'MALFORMED_REQUEST'],
    ['truncated UTF-8 escape in a path', (app) => request(app).get('/api/nodes/%E0%A4%A'), 400, 'MALFORMED_REQUEST'],
    ['bad escape in a nested path', (app) => request(app).get('/api/countries/%/dependencies'), 400, 'MALFORMED_REQUEST'],
    ['bad escape in a POST path', (app) => request(app).post('/api/scenarios/%zz/run'), 400, 'MALFORMED_REQUEST'],
    ['bogus Content-Encoding', (app) => json(app).set('content-encoding', 'bogus').send('{"remove":["country:AAA"]}'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['gzip that is not gzip', (app) => json(app).set('content-encoding', 'gzip').send('not gzip'), 400, 'MALFORMED_REQUEST'],
    ['deflate that is not deflate', (app) => json(app).set('content-encoding', 'deflate').send('xx'), 400, 'MALFORMED_REQUEST'],
    ['truncated JSON', (app) => json(app).send('{"remove":'), 400, 'MALFORMED_JSON'],
    ['a body over the limit', (app) => json(app).send(`{"remove":["${'x'.repeat(100_000)}"]}`), 413, 'PAYLOAD_TOO_LARGE'],
    ['text/plain body', (app) => request(app).post('/api/impact').set('content-type', 'text/plain').send('hi'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a non-UTF-8 charset', (app) => json(app).set('content-type', 'application/json; charset=latin1').send('{}'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a repeated query parameter', (app) => request(app).get('/api/chokepoints?mineral=a&mineral=b'), 400, 'INVALID_INPUT'],
    ['a bracketed query array', (app) => request(app).get('/api/chokepoints?mineral[]=a'), 400, 'INVALID_INPUT'],
    ['a bad escape in the query', (app) => request(app).get('/api/chokepoints?mineral=%'), 400, 'INVALID_INPUT'],
    ['__proto__ in the body', (app) => json(app).send('{"__proto__":{"x":1},"remove":["country:AAA"]}'), 400, 'INVALID_INPUT'],
  ];
  const json = (app: ReturnType<typeof createApp>) => request(app).post('/api/impact').set('content-type', 'application/json');

  it.each(cases)('%s', async (_name, send, status, code) => {
    const app = createApp({ store, logger });
    const res = await send(app);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).not.toMatch(/internal error|\n\s+at /);
  });
});

describe('GET /api/health', () => {
  it('shows the store kind but no filesystem path, and asks the store for counts once per dataset version', async () => {
    let countCalls = 0;
    const counted = new MemoryStore();
    await counted.replaceDataset(tinyDataset());
    const counts = counted.counts.bind(counted);
    counted.counts = () => {
      countCalls++;
      return counts();
    };
    const app = createApp({ store: counted, logger });
    for (let i = 0; i < 5; i++) {
      const res = await request(app).get('/api/health').expect(200);
      expect(res.body.store).toEqual({ kind: 'memory' });
      expect(res.body.counts).toEqual(await counts());
    }
    expect(countCalls).toBe(1);
    await counted.replaceDataset(tinyDataset('tiny-v2'));
    app.invalidate();
    expect((await request(app).get('/api/health').expect(200)).body.datasetVersion).toBe('tiny-v2');
    expect(countCalls).toBe(2);
  });
});
