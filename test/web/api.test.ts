// The view's API client against the real API (createApp on the memory store, a hand-made dataset, real HTTP on
// 127.0.0.1): every method's answer with hand-computed values, and each way a request can fail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { ApiError, createApiClient, isRetryable, queryString, suggestionsOf, unwrapList, type ApiClient } from '../../web/src/api.ts';
import { tinyDataset } from './fixtures.ts';

let server: Server;
let base: string;
let api: ApiClient;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<[Server, string]> {
  const s = createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  const app = createApp({ store: new MemoryStore({ dataset: tinyDataset() }), logger: pino({ level: 'silent' }) });
  [server, base] = await listen(app);
  api = createApiClient({ baseUrl: base + '/' });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('queryString / unwrapList', () => {
  it('leaves out empty and "all" values', () => {
    expect(queryString({ mineral: 'all', stage: undefined, year: 2025, q: '' })).toBe('?year=2025');
    expect(queryString({})).toBe('');
  });

  it('accepts bare and wrapped lists, and names what it expected otherwise', () => {
    expect(unwrapList([1])).toEqual([1]);
    expect(unwrapList({ items: [2] })).toEqual([2]);
    expect(unwrapList({ minerals: [3] }, 'minerals')).toEqual([3]);
    expect(() => unwrapList({ nope: 1 }, 'minerals')).toThrow(/minerals/);
  });
});

describe('API client against createApp', () => {
  it('health: the years with flows', async () => {
    const health = await api.health();
    expect(health.status).toBe('ok');
    expect(health.graph?.years).toEqual([2024, 2025]);
  });

  it('graph: the filtered flows, the nodes they touch and the countries those are located in', async () => {
    const graph = await api.graph({ mineral: 'x', stage: 'all', year: 2025 });
    expect(graph.edges.map((e) => e.key).sort()).toEqual(['e1', 'e2', 'e3', 'e4']);
    const keys = graph.nodes.map((n) => n.key);
    expect(keys).toEqual(expect.arrayContaining(['country:AAA', 'country:BBB', 'country:CCC', 'country:ROW', 'refiner:bbb-x']));
    expect(graph.edges.find((e) => e.key === 'e1')?.attributes).toMatchObject({ mineral: 'x', stage: 'mine', tonnes: 60, year: 2025 });
  });

  it('minerals and search', async () => {
    expect((await api.minerals()).map((m) => m.slug)).toEqual(['x', 'y']);
    const hits = await api.searchNodes('bland');
    expect(hits[0]).toMatchObject({ id: 'country:BBB', kind: 'country', name: 'Bland' });
    expect(hits.map((h) => h.id)).toContain('refiner:bbb-x');
  });

  it('node details: suppliers and customers with their tonnes', async () => {
    const d = await api.node('refiner:bbb-x');
    expect(d.id).toBe('refiner:bbb-x');
    expect(d.attributes.name).toBe('Bland x refinery');
    expect(d.suppliers.map((p) => [p.node, p.tonnes])).toEqual([
      ['mine:aaa-x', 60],
      ['mine:bbb-x', 20],
    ]);
    expect(d.customers.map((p) => [p.node, p.tonnes])).toEqual([
      ['country:CCC', 50],
      ['country:ROW', 30],
    ]);
    expect(d.sources[0]!.source).toBe('test fixture (hand-made)');
  });

  it('chokepoints: Bland and its refinery first, all of x lost without them', async () => {
    const rows = await api.chokepoints({ mineral: 'x', stage: 'refined', limit: 5, level: 'all' });
    expect(rows.slice(0, 2).map((r) => [r.node, r.level, r.rank])).toEqual([
      ['country:BBB', 'country', 1],
      ['refiner:bbb-x', 'national-total', 1],
    ]);
    for (const r of rows.slice(0, 2)) expect(r).toMatchObject({ mineral: 'x', stage: 'refined', impactShare: 1 });
    expect(await api.chokepoints({ mineral: 'x', limit: 1 })).toHaveLength(1);
  });

  it('chokepoints by level: countries (the default) or named facilities only, each ranked from 1', async () => {
    const countries = await api.chokepoints({ mineral: 'x', stage: 'refined', level: 'country' });
    expect(countries.map((r) => [r.node, r.rank])).toEqual([['country:BBB', 1]]);
    expect((await api.chokepoints({ mineral: 'x', stage: 'refined' })).map((r) => r.node)).toEqual(['country:BBB']);
    // x's only refinery is BBB's national total, not a named facility: the facility level has none.
    const facilities = await api.chokepoints({ mineral: 'x', stage: 'refined', level: 'facility' });
    expect(facilities).toEqual([]);
    for (const r of [...countries, ...facilities]) expect(typeof r.estimated).toBe('boolean');
  });

  it('impact: removing the refinery cuts all of x, not y (hand-computed)', async () => {
    const result = await api.impact({ remove: ['refiner:bbb-x'], year: 2025 });
    const byKey = new Map(result.consumers.map((c) => [`${c.country}|${c.mineral}`, c]));
    expect(byKey.get('country:CCC|x')).toMatchObject({ tonnesBefore: 50, tonnesLost: 50, shareLost: 1 });
    expect(byKey.get('country:ROW|x')).toMatchObject({ tonnesBefore: 30, tonnesLost: 30, shareLost: 1 });
    expect(byKey.get('country:CCC|y')?.tonnesLost ?? 0).toBe(0);
    expect(result.removed).toEqual(['refiner:bbb-x']);
  });

  it('centrality: every node scored, all pages read', async () => {
    const result = await api.centrality({ metric: 'pagerank', mineral: 'x', year: 2025 });
    expect(result.metric).toBe('pagerank');
    expect(result.scores.length).toBeGreaterThanOrEqual(5);
    const sum = result.scores.reduce((s, x) => s + x.value, 0);
    expect(sum).toBeCloseTo(1, 6); // PageRank is a distribution over the nodes of x's flow graph
  });

  it("perspective risk: Cland imports all its x from Bland's refinery, so SR = Bland's governance risk G (IR = 1)", async () => {
    const report = await api.perspectiveRisk({ perspective: 'CCC', mineral: 'x', year: 2025 });
    expect(report.perspective).toBe('CCC');
    expect(report.method).toMatch(/Blengini et al\. 2017/);
    const [row] = report.risks;
    expect(report.risks).toHaveLength(1);
    expect(row).toMatchObject({ mineral: 'x', ir: 1, imports: 50, consumption: 50, gross: true, eolRir: 0, si: 1, noImports: false });
    expect(row!.topSuppliers).toEqual([{ country: 'country:BBB', share: 1 }]);
    // One supplier and one producer country (Bland refines all 80 t): both HHI_WGI terms are 1^2 x G(Bland).
    const g = (await api.node('country:BBB')).metrics.governanceRisk!;
    expect(g).toBeGreaterThan(0);
    expect(row!.hhiWgiSourcing).toBeCloseTo(g, 12);
    expect(row!.hhiWgiSupply).toBeCloseTo(g, 12);
    expect(row!.sr).toBeCloseTo(g * 0.5 + g * 0.5, 12);
    // A mineral the importer takes none of is a 404 the view shows as "none placed", not an error to retry.
    const none = await api.perspectiveRisk({ perspective: 'AAA', mineral: 'x', year: 2025 }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(ApiError);
    expect((none as ApiError).code).toBe('NOT_FOUND');
  });

  it('export URL: the API route with the filter', () => {
    expect(api.exportUrl({ format: 'gexf', mineral: 'x' })).toBe(`${base}/api/export?format=gexf&mineral=x`);
  });
});

describe('API client errors', () => {
  it('turns the API error body into ApiError (404 with suggestions)', async () => {
    const error = await api.node('country:AAB').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((error as ApiError).message).toContain('country:AAB');
    expect(suggestionsOf(error)).toContain('country:AAA');
    expect(isRetryable(error)).toBe(false); // the same id fails again: the view offers the suggestions, not a retry
  });

  it('an unknown mineral in the graph filter is a 404 that no retry fixes, with the nearest slug', async () => {
    const error = await api.graph({ mineral: 'xx' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(isRetryable(error)).toBe(false);
    expect(suggestionsOf(error)).toContain('x');
    const year = await api.graph({ year: 1999 }).catch((e: unknown) => e);
    expect(year).toMatchObject({ status: 404 });
    expect(isRetryable(year)).toBe(false);
  });

  it('retries only what may pass: network, timeout, 5xx, 429', () => {
    expect(isRetryable(new ApiError('down', 0, 'NETWORK'))).toBe(true);
    expect(isRetryable(new ApiError('slow', 0, 'TIMEOUT'))).toBe(true);
    expect(isRetryable(new ApiError('gateway', 502, 'HTTP_502'))).toBe(true);
    expect(isRetryable(new ApiError('busy', 429, 'RATE_LIMITED'))).toBe(true);
    expect(isRetryable(new ApiError('cancelled', 0, 'ABORTED'))).toBe(false);
    expect(isRetryable(new ApiError('bad', 400, 'INVALID_INPUT'))).toBe(false);
    expect(suggestionsOf(new ApiError('x', 404, 'NOT_FOUND', { suggestions: ['a', 3, 'b'] }))).toEqual(['a', 'b']);
    expect(suggestionsOf(new Error('plain'))).toEqual([]);
  });

  it('reports invalid input with the API\'s code', async () => {
    const error = await api.impact({ remove: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_INPUT' });
  });

  it('says the server cannot be reached when nothing listens', async () => {
    const [closed, url] = await listen((_req, res) => res.end());
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await createApiClient({ baseUrl: url }).health().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK' });
    expect((error as ApiError).message).toMatch(/cannot reach the API/);
  });

  it('gives up after the timeout and can be cancelled', async () => {
    const [silent, url] = await listen(() => undefined); // accepts, never answers
    try {
      const slow = createApiClient({ baseUrl: url, timeoutMs: 150 });
      await expect(slow.health()).rejects.toMatchObject({ code: 'TIMEOUT' });
      const abort = new AbortController();
      const pending = createApiClient({ baseUrl: url }).graph({}, abort.signal);
      abort.abort();
      await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('names an answer that is not JSON (a proxy error page) by its status', async () => {
    const [proxy, url] = await listen((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    try {
      const error = await createApiClient({ baseUrl: url }).minerals().catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 502, code: 'HTTP_502' });
      expect((error as ApiError).message).toContain('Bad gateway');
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('refuses a graph answer without nodes and edges', async () => {
    const [odd, url] = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"nodes": 3}');
    });
    try {
      await expect(createApiClient({ baseUrl: url }).graph()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    } finally {
      await new Promise<void>((resolve) => odd.close(() => resolve()));
    }
  });
});
