// The API's edges on the hand-made dataset (values by hand): 404 and 405 bodies, non-object JSON bodies, the docs
// page's host-aware curl lines and code spans, the chokepoint `level` parameter, the default year, consumers-only
// removals, and the warning for an answer computed past the request deadline.
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp, warnIfLate } from '../../src/api/app.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { schemaErrors } from './schema-check.ts';
import { tinyDataset } from './tiny.ts';

const silent = pino({ level: 'silent' });
const app = createApp({ store: new MemoryStore({ dataset: tinyDataset() }), logger: silent });

/** tiny + one imported flow dated 2030 (AAA -> CCC, 5 t) with no production figure for 2030. */
function strayYearApp() {
  const dataset = tinyDataset('tiny-stray');
  dataset.flows.push({ ...dataset.flows[0]!, id: 'f-2030', tonnes: 5, year: 2030 });
  return createApp({ store: new MemoryStore({ dataset }), logger: silent });
}

describe('404 and 405', () => {
  it('names an unknown route with its /api prefix and suggests the nearest routes', async () => {
    const res = await request(app).get('/api/chokepoint?mineral=x').expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(res.body.error.message).toContain('no route GET /api/chokepoint;');
    expect(res.body.error.details.suggestions).toContain('/api/chokepoints');
  });

  it('answers 405 with Allow for a known path asked with the wrong method, 204 with Allow for OPTIONS', async () => {
    const get = await request(app).get('/api/impact').expect(405);
    expect(get.headers.allow).toBe('POST, OPTIONS');
    expect(get.body.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', details: { allow: ['POST', 'OPTIONS'] } });
    expect(get.body.error.message).toBe('GET is not allowed on /api/impact; it takes POST');
    const post = await request(app).post('/api/health').send({}).expect(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
    const del = await request(app).delete('/api/nodes/country:AAA').expect(405);
    expect(del.headers.allow).toBe('GET, HEAD, OPTIONS');
    const options = await request(app).options('/api/scenarios/x/run').expect(204);
    expect(options.headers.allow).toBe('POST, OPTIONS');
    await request(app).get('/api/nodes/country:AAA').expect(200);
  });

  it('gives every 404 the same details: suggestions as strings (ids, slugs, years), possibly none', async () => {
    const node = await request(app).get('/api/nodes/country:AAB').expect(404);
    expect(node.body.error.details).toEqual({ suggestions: expect.arrayContaining(['country:AAA']) });
    const year = await request(app).get('/api/graph?year=1999').expect(404);
    expect(year.body.error.details).toEqual({ suggestions: ['2025'] });
    const risk = await request(app).get('/api/risk?year=1999').expect(404);
    expect(risk.body.error.details).toEqual({ suggestions: ['2025'] });
    const year2 = await request(app).get('/api/chokepoints?year=1999').expect(404);
    expect(year2.body.error.details).toEqual({ suggestions: ['2025'] });
  });
});

describe('request bodies', () => {
  it('answers a JSON null (valid JSON, not a request) with 400 INVALID_INPUT "body must be a JSON object"', async () => {
    for (const [text, got] of [
      ['null', 'null'],
      ['[]', 'an array'],
      ['42', 'a number'],
    ] as const) {
      const res = await request(app).post('/api/impact').set('content-type', 'application/json').send(text).expect(400);
      expect(res.body.error.code).toBe('INVALID_INPUT');
      expect(res.body.error.message).toBe(`invalid body: body must be a JSON object, got ${got}`);
      expect(res.body.error.details.problems).toEqual([
        { at: 'body', message: `body must be a JSON object, got ${got}` },
      ]);
    }
    const runNull = await request(app)
      .post('/api/scenarios/any/run')
      .set('content-type', 'application/json')
      .send('null');
    expect(runNull.status).toBe(400);
    const malformed = await request(app)
      .post('/api/impact')
      .set('content-type', 'application/json')
      .send('{"remove":')
      .expect(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
  });
});

describe('GET /api/docs', () => {
  it('writes curl lines for the host the page was reached at and renders code spans as <code>', async () => {
    const page = await request(app).get('/api/docs').set('host', 'chokepoint.example:9090').expect(200);
    expect(page.text).toContain('curl -s http://chokepoint.example:9090/api/health');
    expect(page.text).not.toContain('localhost:8080');
    expect(page.text).not.toContain('$BASE');
    // /api/graph's description: "`mineral` also adds the mineral node".
    expect(page.text).toContain('<code>mineral</code> also adds the mineral node');
    const outsideCode = page.text.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
    expect(outsideCode).not.toContain('`');
  });

  it('does not echo a Host header that is not a plain host[:port]', async () => {
    const page = await request(app).get('/api/docs').set('host', 'evil"><b>x').expect(200);
    expect(page.text).not.toContain('evil');
    expect(page.text).toContain('curl -s http://127.0.0.1:8080/api/health');
  });
});

describe('chokepoints level, default year, consumers-only removal', () => {
  it('ranks countries (the default), named facilities or all levels with ?level=, per level', async () => {
    // AAA mines 75 of 100 t, BBB 25: country rows AAA 1, BBB 2; national totals mine:aaa 1, mine:bbb 2.
    const countries = await request(app).get('/api/chokepoints?mineral=testium&level=country').expect(200);
    expect(countries.body.items.map((r: { node: string; rank: number }) => [r.rank, r.node])).toEqual([
      [1, 'country:AAA'],
      [2, 'country:BBB'],
    ]);
    expect(countries.body.items[0]).toMatchObject({ share: 0.75, impactShare: 0.75, estimated: false });
    expect(countries.body.items[0].hhi).toBeCloseTo(75 ** 2 + 25 ** 2, 9);
    expect(schemaErrors('ChokepointPage', countries.body)).toEqual([]);
    const byDefault = await request(app).get('/api/chokepoints?mineral=testium').expect(200);
    expect(byDefault.body.items).toEqual(countries.body.items);
    const all = await request(app).get('/api/chokepoints?mineral=testium&level=all').expect(200);
    expect(all.body.items.map((r: { node: string; rank: number; level: string }) => [r.level, r.rank, r.node])).toEqual([
      ['country', 1, 'country:AAA'],
      ['country', 2, 'country:BBB'],
      ['national-total', 1, 'mine:aaa-testium'],
      ['national-total', 2, 'mine:bbb-testium'],
    ]);
    // The facility level ranks named facilities only; testium's producers are national totals.
    const facilities = await request(app).get('/api/chokepoints?mineral=testium&level=facility').expect(200);
    expect(facilities.body.total).toBe(0);
    const bad = await request(app).get('/api/chokepoints?level=mine').expect(400);
    expect(bad.body.error.details.problems[0].field).toBe('level');
  });

  it('GET /api/coverage: the share of a market resting on facility figures (none here: country totals only)', async () => {
    const res = await request(app).get('/api/coverage?mineral=testium').expect(200);
    expect(schemaErrors('CoverageReport', res.body)).toEqual([]);
    expect(res.body).toEqual([
      { mineral: 'testium', stage: 'mine', year: res.body[0].year, worldTonnes: 100, sourcedTonnes: 0, equalSplitTonnes: 0, aggregateOnlyTonnes: 100, sourcedShare: 0, facilitiesWithFigure: 0, facilities: 0 },
    ]);
    await request(app).get('/api/coverage?mineral=testiun').expect(404);
  });

  it('defaults to the latest year with production figures; a stray later flow year has an unknown (null) HHI', async () => {
    const stray = strayYearApp();
    const impact = await request(stray)
      .post('/api/impact')
      .send({ remove: ['mine:aaa-testium'] })
      .expect(200);
    expect(impact.body.year).toBe(2025);
    expect(impact.body.minerals[0].tonnesLost).toBe(75);
    const rows = await request(stray).get('/api/chokepoints?mineral=testium').expect(200);
    expect(rows.body.items[0]).toMatchObject({ year: 2025, node: 'country:AAA' });
    const later = await request(stray).get('/api/chokepoints?mineral=testium&year=2030').expect(200);
    expect(later.body.items[0]).toMatchObject({ year: 2030, hhi: null });
    expect(schemaErrors('ChokepointPage', later.body)).toEqual([]);
  });

  it('answers 422 for the removal of a consumer only, and reports the two HHIs of a removal', async () => {
    const consumer = await request(app)
      .post('/api/impact')
      .send({ remove: ['country:CCC'] })
      .expect(422);
    expect(consumer.body.error.code).toBe('UNPROCESSABLE');
    expect(consumer.body.error.message).toContain('country:CCC is a consumer, not a supplier, of testium in 2025');
    const res = await request(app)
      .post('/api/impact')
      .send({ remove: ['mine:bbb-testium'] })
      .expect(200);
    // Production and supply coincide here (no trade): 75^2 + 25^2 before, AAA alone after.
    expect(res.body.minerals[0]).toMatchObject({ supplyHhiAfter: 10000, productionHhiAfter: 10000, hhiAfter: 10000 });
    expect(res.body.minerals[0].productionHhiBefore).toBeCloseTo(6250, 9);
    expect(res.body.minerals[0].supplyHhiBefore).toBeCloseTo(6250, 9);
  });
});

describe('request deadline', () => {
  it('logs a warning with the overrun when an answer is ready after the deadline (sync work is not interrupted)', () => {
    const warnings: Array<{ obj: Record<string, number>; msg: string }> = [];
    const req = { log: { warn: (obj: Record<string, number>, msg: string) => warnings.push({ obj, msg }) } };
    warnIfLate(req as never, { locals: { deadline: Date.now() - 50, timeoutMs: 1000 } } as never);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.obj.timeoutMs).toBe(1000);
    expect(warnings[0]!.obj.overrunMs).toBeGreaterThanOrEqual(50);
    expect(warnings[0]!.msg).toMatch(/cannot be interrupted/);
    warnIfLate(req as never, { locals: { deadline: Date.now() + 60_000, timeoutMs: 60_000 } } as never);
    expect(warnings).toHaveLength(1);
  });
});
