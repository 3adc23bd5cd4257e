// The API test suite, run against every store (memory and embedded) like the store contract suite: supertest drives
// createApp loaded with the real shipped dataset; values are checked against the published figures and the dataset.
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ChokepointApp } from '../../src/api/app.ts';
import { readShippedDataset } from '../../src/data/index.ts';
import { countDataset, type Dataset } from '../../src/domain/model.ts';
import type { GraphStore } from '../../src/store/port.ts';
import { schemaErrors } from './schema-check.ts';

export interface StoreHandle {
  store: GraphStore;
  cleanup: () => Promise<void>;
}

const silent = pino({ level: 'silent' });

function expectSchema(name: string, body: unknown): void {
  expect(schemaErrors(name, body)).toEqual([]);
}

export function describeApi(name: string, open: () => Promise<StoreHandle>): void {
  describe(`HTTP API on the ${name} store`, () => {
    let handle: StoreHandle;
    let dataset: Dataset;
    let app: ChokepointApp;
    let cypherApp: ChokepointApp;

    beforeAll(async () => {
      dataset = await readShippedDataset();
      handle = await open();
      await handle.store.replaceDataset(dataset);
      app = createApp({ store: handle.store, logger: silent });
      cypherApp = createApp({ store: handle.store, logger: silent, enableCypher: true });
    });
    afterAll(async () => {
      await handle?.cleanup();
    });

    describe('GET /api/health', () => {
      it('reports the store kind, the dataset version and its counts', async () => {
        const res = await request(app).get('/api/health').expect(200);
        expect(res.body.status).toBe('ok');
        expect(res.body.store.kind).toBe(name);
        expect(res.body.datasetVersion).toBe(dataset.version);
        expect(res.body.counts).toEqual(countDataset(dataset));
        expect(res.body.graph.nodes).toBe(dataset.nodes.length);
        expect(res.body.graph.edges).toBe(dataset.flows.length);
        expectSchema('Health', res.body);
      });

      it('generates an X-Request-Id when absent and echoes a given one', async () => {
        const fresh = await request(app).get('/api/health').expect(200);
        expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
        const echoed = await request(app).get('/api/health').set('X-Request-Id', 'trace-42').expect(200);
        expect(echoed.headers['x-request-id']).toBe('trace-42');
        const unsafe = await request(app).get('/api/health').set('X-Request-Id', 'a b<script>').expect(200);
        expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      });
    });

    describe('minerals', () => {
      it('lists every mineral node, paginated', async () => {
        const slugs = dataset.nodes
          .filter((n) => n.kind === 'mineral')
          .map((n) => n.id.slice('mineral:'.length))
          .sort();
        const all = await request(app).get('/api/minerals?limit=500').expect(200);
        expect(all.body.total).toBe(slugs.length);
        expect(all.body.items.map((m: { slug: string }) => m.slug)).toEqual(slugs);
        expectSchema('MineralPage', all.body);
        const page = await request(app).get('/api/minerals?limit=2&offset=1').expect(200);
        expect(page.body).toMatchObject({ total: slugs.length, limit: 2, offset: 1 });
        expect(page.body.items.map((m: { slug: string }) => m.slug)).toEqual(slugs.slice(1, 3));
        const niobium = all.body.items.find((m: { slug: string }) => m.slug === 'niobium');
        expect(niobium.topProducer.country).toBe('BRA');
        expect(niobium.topProducer.share).toBeGreaterThan(0.9);
      });

      it('details niobium: Brazil > 90% of 2025 mine output, risk, producers by stage', async () => {
        const res = await request(app).get('/api/minerals/niobium').expect(200);
        expectSchema('MineralDetail', res.body);
        const mine2025 = res.body.concentration.find(
          (c: { stage: string; year: number }) => c.stage === 'mine' && c.year === 2025,
        );
        const brazil = mine2025.producers.find((p: { country: string }) => p.country === 'BRA');
        expect(brazil.share).toBeGreaterThan(0.9);
        expect(mine2025.hhi).toBeGreaterThan(5000);
        expect(res.body.risk.length).toBeGreaterThan(0);
        expect(res.body.risk.every((r: { mineral: string }) => r.mineral === 'niobium')).toBe(true);
        expect(res.body.producers.mine[0].country).toBe('BRA');
      });

      it('details beryllium: the United States mined 230 of 430 t in 2025 (USGS MCS 2026)', async () => {
        const res = await request(app).get('/api/minerals/beryllium').expect(200);
        const mine2025 = res.body.concentration.find(
          (c: { stage: string; year: number }) => c.stage === 'mine' && c.year === 2025,
        );
        const usa = mine2025.producers.find((p: { country: string }) => p.country === 'USA');
        expect(usa.tonnes).toBe(230);
        expect(mine2025.publishedWorldTonnes).toBe(430);
        // USGS rounds the world total (430) below the listed producers' sum; shares are of whichever is larger.
        expect(usa.share).toBeCloseTo(230 / mine2025.worldTonnes, 10);
        expect(mine2025.worldTonnes).toBeGreaterThanOrEqual(430);
      });

      it('404s an unknown mineral with suggestions', async () => {
        const res = await request(app).get('/api/minerals/nobium').expect(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
        expect(res.body.error.details.suggestions).toContain('niobium');
        expectSchema('Error', res.body);
      });

      it('400s a malformed slug, naming the parameter', async () => {
        const res = await request(app).get('/api/minerals/Nio%20bium').expect(400);
        expect(res.body.error.details.problems[0]).toMatchObject({ at: 'path', field: 'slug' });
      });
    });

    describe('nodes', () => {
      it('shows a node with attributes, sources and metrics', async () => {
        const res = await request(app).get('/api/nodes/country:BRA').expect(200);
        expectSchema('NodeDetail', res.body);
        expect(res.body).toMatchObject({ id: 'country:BRA', kind: 'country' });
        expect(res.body.attributes.iso3).toBe('BRA');
        expect(res.body.sources.length).toBeGreaterThan(0);
        const niobium = res.body.metrics.production.find(
          (p: { mineral: string; stage: string; year: number }) =>
            p.mineral === 'niobium' && p.stage === 'mine' && p.year === 2025,
        );
        expect(niobium.share).toBeGreaterThan(0.9);
        const encoded = await request(app).get('/api/nodes/country%3ABRA').expect(200);
        expect(encoded.body.id).toBe('country:BRA');
      });

      it('lists the suppliers of a consumer', async () => {
        const res = await request(app).get('/api/nodes/country:USA').expect(200);
        expect(res.body.suppliers.length).toBeGreaterThan(0);
        expect(res.body.metrics.flowsIn).toBeGreaterThan(0);
      });

      it('404s an unknown node with "did you mean"', async () => {
        const res = await request(app).get('/api/nodes/country:BRZ').expect(404);
        expect(res.body.error.message).toContain('did you mean');
        expect(res.body.error.details.suggestions).toContain('country:BRA');
      });

      it('searches by name, countries first', async () => {
        const res = await request(app).get('/api/nodes?q=brazil').expect(200);
        expectSchema('NodePage', res.body);
        expect(res.body.items[0]).toMatchObject({ id: 'country:BRA', kind: 'country', name: 'Brazil' });
        const mines = await request(app).get('/api/nodes?q=niobium&kind=mine&limit=5').expect(200);
        expect(mines.body.items.length).toBeGreaterThan(0);
        expect(mines.body.items.every((n: { kind: string }) => n.kind === 'mine')).toBe(true);
      });

      it('400s an unknown kind and an unknown parameter', async () => {
        const kind = await request(app).get('/api/nodes?kind=planet').expect(400);
        expect(kind.body.error.details.problems[0].field).toBe('kind');
        const unknown = await request(app).get('/api/nodes?qq=brazil').expect(400);
        expect(unknown.body.error).toMatchObject({ code: 'INVALID_INPUT' });
        expect(unknown.body.error.details.problems).toEqual([
          { at: 'query', field: 'qq', message: 'unknown parameter "qq"' },
        ]);
      });
    });

    describe('GET /api/graph', () => {
      it('serialises the niobium 2025 subgraph with its endpoint countries', async () => {
        const res = await request(app).get('/api/graph?mineral=niobium&year=2025').expect(200);
        expectSchema('SerializedGraph', res.body);
        const graph = MultiDirectedGraph.from(res.body);
        const expected = dataset.flows.filter((f) => f.mineral === 'niobium' && f.year === 2025);
        expect(graph.size).toBe(expected.length);
        graph.forEachEdge((_e, a) => {
          expect(a.mineral).toBe('niobium');
          expect(a.year).toBe(2025);
        });
        expect(graph.hasNode('country:USA')).toBe(true);
        expect(graph.hasNode('mineral:niobium')).toBe(true);
        expect(graph.getNodeAttribute('country:USA', 'kind')).toBe('country');
      });

      it('filters by stage and 404s a year without data', async () => {
        const res = await request(app).get('/api/graph?stage=trade').expect(200);
        expect(res.body.edges.every((e: { attributes: { stage: string } }) => e.attributes.stage === 'trade')).toBe(
          true,
        );
        const year = await request(app).get('/api/graph?year=1999').expect(404);
        expect(year.body.error.details.suggestions).toEqual(expect.arrayContaining(['2024', '2025']));
      });
    });

    describe('GET /api/chokepoints', () => {
      it('ranks the United States first for beryllium and Brazil for niobium', async () => {
        const be = await request(app).get('/api/chokepoints?mineral=beryllium&stage=mine&limit=3').expect(200);
        expectSchema('ChokepointPage', be.body);
        expect(be.body.items[0].node).toBe('country:USA');
        expect(be.body.items.length).toBeLessThanOrEqual(3);
        const nb = await request(app).get('/api/chokepoints?mineral=niobium&limit=1').expect(200);
        expect(nb.body.items[0].node).toBe('country:BRA');
        expect(nb.body.items[0].impactShare).toBeGreaterThan(0.9);
      });

      it('ranks producing countries only with level=country: Brazil, then Canada, for niobium (USGS 2025e)', async () => {
        const nb = await request(app)
          .get('/api/chokepoints?mineral=niobium&stage=mine&level=country&limit=2')
          .expect(200);
        expectSchema('ChokepointPage', nb.body);
        expect(nb.body.items.map((r: { node: string; rank: number }) => [r.rank, r.node])).toEqual([
          [1, 'country:BRA'],
          [2, 'country:CAN'],
        ]);
        // Brazil 104,000 of a published 112,000 t; its figure is USGS's, not an estimate.
        expect(nb.body.items[0].share).toBeCloseTo(104000 / 112000, 12);
        expect(nb.body.items[0].estimated).toBe(false);
      });

      it('404s a mineral without producers (germanium: US import sources only) instead of an empty list', async () => {
        const res = await request(app).get('/api/chokepoints?mineral=germanium').expect(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
        expect(res.body.error.message).toContain('no producers of germanium');
      });

      it('400s a limit out of range', async () => {
        const res = await request(app).get('/api/chokepoints?limit=0').expect(400);
        expect(res.body.error.details.problems[0].field).toBe('limit');
      });
    });

    describe('POST /api/impact', () => {
      it('Brazil removed: >= 90% of world niobium supply lost', async () => {
        const res = await request(app)
          .post('/api/impact')
          .send({ remove: ['country:BRA'], mineral: 'niobium' })
          .expect(200);
        expectSchema('ImpactResult', res.body);
        expect(res.body.removed).toEqual(['country:BRA']);
        expect(res.body.model).toBe('proportional');
        const nb = res.body.minerals.find((m: { mineral: string }) => m.mineral === 'niobium');
        expect(nb.shareLost).toBeGreaterThanOrEqual(0.9);
        expect(nb.productionShareLost).toBeGreaterThanOrEqual(0.9);
        // Named consumers (BACI trade): at least 10 besides ROW, China, the Netherlands, Korea and Japan among them.
        const consumers = new Set(res.body.consumers.map((c: { country: string }) => c.country));
        consumers.delete('country:ROW');
        expect(consumers.size).toBeGreaterThanOrEqual(10);
        for (const iso3 of ['CHN', 'NLD', 'KOR', 'JPN', 'USA']) expect(consumers.has(`country:${iso3}`), iso3).toBe(true);
      });

      it('United States removed: the US share of beryllium, 230 of 430 t', async () => {
        const res = await request(app)
          .post('/api/impact')
          .send({ remove: ['country:USA'], mineral: 'beryllium', year: 2025 })
          .expect(200);
        const be = res.body.minerals.find((m: { mineral: string }) => m.mineral === 'beryllium');
        expect(be.tonnesLost).toBe(230);
        expect(be.publishedWorldProduction).toBe(430);
        expect(be.productionShareLost).toBeCloseTo(230 / be.worldProduction, 10);
        expect(be.productionShareLost).toBeCloseTo(230 / 430, 2);
      });

      it('caches by canonical request: same ids in another order, defaults spelt out -> same bytes', async () => {
        const first = await request(app)
          .post('/api/impact')
          .send({ remove: ['country:CAN', 'country:BRA'], mineral: 'niobium' })
          .expect(200);
        const second = await request(app)
          .post('/api/impact')
          .send({
            remove: ['country:BRA', 'country:CAN', 'country:BRA'],
            mineral: 'niobium',
            model: 'proportional',
            year: 2025,
          })
          .expect(200);
        expect(second.headers['x-cache']).toBe('hit');
        expect(second.text).toBe(first.text);
        const rerouting = await request(app)
          .post('/api/impact')
          .send({ remove: ['country:BRA'], mineral: 'niobium', model: 'rerouting' })
          .expect(200);
        expect(rerouting.body.model).toBe('rerouting');
      });

      it('drops the cache when the app is invalidated', async () => {
        const body = { remove: ['country:BRA'], mineral: 'niobium' };
        await request(app).post('/api/impact').send(body).expect(200);
        const hit = await request(app).post('/api/impact').send(body).expect(200);
        expect(hit.headers['x-cache']).toBe('hit');
        app.invalidate();
        const miss = await request(app).post('/api/impact').send(body).expect(200);
        expect(miss.headers['x-cache']).toBe('miss');
        expect(miss.text).toBe(hit.text);
      });

      it('404s an unknown id with suggestions', async () => {
        const res = await request(app)
          .post('/api/impact')
          .send({ remove: ['country:BRZ'] })
          .expect(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
        expect(res.body.error.message).toContain('country:BRA');
      });

      it('422s a mineral the removed node does not touch', async () => {
        const res = await request(app)
          .post('/api/impact')
          .send({ remove: ['mine:bra-niobium'], mineral: 'beryllium' })
          .expect(422);
        expect(res.body.error.code).toBe('UNPROCESSABLE');
      });

      it('422s the removal of the rest-of-world consumer, which supplies nothing', async () => {
        const res = await request(app)
          .post('/api/impact')
          .send({ remove: ['country:ROW'] })
          .expect(422);
        expect(res.body.error.message).toContain('country:ROW is a consumer, not a supplier');
      });

      it('400s an empty removal, more than 1,000 ids, an unknown key and a wrong type, naming the field', async () => {
        const empty = await request(app).post('/api/impact').send({ remove: [] }).expect(400);
        expect(empty.body.error.details.problems[0]).toMatchObject({ at: 'body', field: 'remove' });
        const ids = Array.from({ length: 1001 }, (_, i) => `mine:x${i}`);
        const many = await request(app).post('/api/impact').send({ remove: ids }).expect(400);
        expect(many.body.error.message).toContain('1000');
        const extra = await request(app)
          .post('/api/impact')
          .send({ remove: ['country:BRA'], mineal: 'niobium' })
          .expect(400);
        expect(extra.body.error.details.problems).toEqual([
          { at: 'body', field: 'mineal', message: 'unknown key "mineal"' },
        ]);
        const type = await request(app).post('/api/impact').send({ remove: 'country:BRA' }).expect(400);
        expect(type.body.error.details.problems[0].field).toBe('remove');
        const model = await request(app)
          .post('/api/impact')
          .send({ remove: ['country:BRA'], model: 'magic' })
          .expect(400);
        expect(model.body.error.details.problems[0].field).toBe('model');
      });

      it('400s malformed JSON, 415s a non-JSON body, 413s a body over 64 KiB', async () => {
        const bad = await request(app)
          .post('/api/impact')
          .set('content-type', 'application/json')
          .send('{"remove": [')
          .expect(400);
        expect(bad.body.error.code).toBe('MALFORMED_JSON');
        const form = await request(app).post('/api/impact').type('form').send('remove=country:BRA').expect(415);
        expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
        const huge = JSON.stringify({ remove: ['country:BRA'], padding: 'x'.repeat(70 * 1024) });
        const large = await request(app)
          .post('/api/impact')
          .set('content-type', 'application/json')
          .send(huge)
          .expect(413);
        expect(large.body.error.code).toBe('PAYLOAD_TOO_LARGE');
        expectSchema('Error', large.body);
      });
    });

    describe('scenarios', () => {
      it('lists the shipped scenarios and runs one', async () => {
        const list = await request(app).get('/api/scenarios').expect(200);
        expectSchema('ScenarioList', list.body);
        expect(list.body.items.length).toBeGreaterThan(0);
        const niobium = list.body.items.find(
          (s: { remove: string[]; mineral?: string }) => s.mineral === 'niobium' && s.remove.includes('country:BRA'),
        );
        expect(niobium).toBeDefined();
        const run = await request(app).post(`/api/scenarios/${niobium.name}/run`).expect(200);
        expectSchema('ScenarioRun', run.body);
        expect(run.body.scenario.name).toBe(niobium.name);
        expect(
          run.body.result.minerals.find((m: { mineral: string }) => m.mineral === 'niobium').shareLost,
        ).toBeGreaterThanOrEqual(0.9);
      });

      it('404s an unknown scenario', async () => {
        const res = await request(app).post('/api/scenarios/no-such-scenario/run').expect(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      });
    });

    describe('GET /api/centrality', () => {
      it('ranks PageRank scores, highest first, saying how edges were weighted', async () => {
        const res = await request(app).get('/api/centrality?mineral=niobium&metric=pagerank&limit=5').expect(200);
        expectSchema('CentralityResult', res.body);
        expect(res.body).toMatchObject({ metric: 'pagerank', mineral: 'niobium', limit: 5, offset: 0 });
        expect(res.body.weighting).toMatch(/tonnes/);
        const values = res.body.scores.map((s: { value: number }) => s.value);
        expect(values).toEqual([...values].sort((a, b) => b - a));
        const betweenness = await request(app).get('/api/centrality?mineral=niobium&metric=betweenness').expect(200);
        expect(betweenness.body.weighting).not.toMatch(/tonnes as (distance|length)/);
      });

      it('refuses eigenvector centrality on the acyclic niobium flow graph (converged false, a note on DAGs)', async () => {
        const res = await request(app).get('/api/centrality?mineral=niobium&metric=eigenvector').expect(200);
        expectSchema('CentralityResult', res.body);
        expect(res.body).toMatchObject({ converged: false, scores: [], total: 0 });
        expect(res.body.notes.join(' ')).toContain('has no cycle');
      });

      it('400s an unknown metric', async () => {
        const res = await request(app).get('/api/centrality?metric=fame').expect(400);
        expect(res.body.error.details.problems[0].field).toBe('metric');
      });
    });

    describe('GET /api/risk', () => {
      it('filters the report to one mineral without changing its values', async () => {
        const all = await request(app).get('/api/risk').expect(200);
        const nb = await request(app).get('/api/risk?mineral=niobium').expect(200);
        expectSchema('RiskReport', nb.body);
        expect(nb.body.risks.length).toBeGreaterThan(0);
        expect(nb.body.threshold).toBe(all.body.threshold);
        for (const r of nb.body.risks) {
          expect(r.mineral).toBe('niobium');
          expect(all.body.risks).toContainEqual(r);
        }
      });
    });

    describe('GET /api/risk?perspective=', () => {
      it('answers the EU CRM supply risk from the EU-27 perspective, gross, with the method and BACI attribution', async () => {
        const res = await request(app).get('/api/risk?perspective=EU&mineral=gallium&year=2024').expect(200);
        expectSchema('PerspectiveReport', res.body);
        expect(res.body.perspective).toBe('EU');
        expect(res.body.members).toHaveLength(27);
        const [r] = res.body.risks;
        expect(r).toMatchObject({ perspective: 'EU', mineral: 'gallium', gross: true, eolRir: 0, si: 1 });
        expect(r.sr).toBeCloseTo((r.hhiWgiSupply * r.ir) / 2 + r.hhiWgiSourcing * (1 - r.ir / 2), 12);
        expect(res.body.sources).toContain('CEPII BACI, V202601, from UN Comtrade');
        expect(res.body.method).toContain('Blengini et al. 2017');
      });

      it('404s an unknown importer with suggestions and 400s a malformed one', async () => {
        const res = await request(app).get('/api/risk?perspective=JPX').expect(404);
        expect(res.body.error.details.suggestions).toContain('country:JPN');
        await request(app).get('/api/risk?perspective=japan').expect(400);
      });
    });

    describe('GET /api/countries/:iso3/dependencies', () => {
      it('serves any trading country: Japan niobium from Brazil first, with IR, WGI supplier risk and both hot-spot columns', async () => {
        const res = await request(app).get('/api/countries/JPN/dependencies?mineral=niobium').expect(200);
        expectSchema('DependencyList', res.body);
        const [row] = res.body.items;
        expect(row.suppliers[0].country).toBe('country:BRA');
        expect(row.suppliers[0].share).toBeGreaterThan(0.95);
        expect(row.importReliance).toBe(1);
        expect(row.hotSpotComputed.year).toBe(row.year);
      });

      it('reports US beryllium dependencies from the published reliance', async () => {
        const res = await request(app).get('/api/countries/usa/dependencies?mineral=beryllium').expect(200);
        expectSchema('DependencyList', res.body);
        expect(res.body.country).toBe('country:USA');
        expect(res.body.items.length).toBeGreaterThan(0);
        expect(res.body.items.every((d: { mineral: string }) => d.mineral === 'beryllium')).toBe(true);
      });

      it('404s an unknown country with suggestions and 400s a malformed code', async () => {
        const res = await request(app).get('/api/countries/BRZ/dependencies').expect(404);
        expect(res.body.error.details.suggestions).toContain('country:BRA');
        await request(app).get('/api/countries/BRAZIL/dependencies').expect(400);
      });
    });

    describe('GET /api/export', () => {
      it('writes GEXF that graphology reads back with the same nodes and edges', async () => {
        const json = await request(app).get('/api/graph?mineral=niobium').expect(200);
        const res = await request(app)
          .get('/api/export?format=gexf&mineral=niobium')
          .buffer(true)
          .parse(textParser as never)
          .expect(200);
        expect(res.headers['content-type']).toContain('application/gexf+xml');
        expect(res.headers['content-disposition']).toContain('.gexf');
        const graph = parseGexf(MultiDirectedGraph, res.body as string);
        expect(graph.order).toBe(json.body.nodes.length);
        expect(graph.size).toBe(json.body.edges.length);
      });

      it('writes a flows CSV and graphology JSON', async () => {
        const csv = await request(app).get('/api/export?format=csv&mineral=niobium&year=2025').expect(200);
        expect(csv.headers['content-type']).toContain('text/csv');
        const lines = csv.text.trim().split('\n');
        expect(lines[0]).toBe('id,from,to,mineral,stage,tonnes,share,importShare,valueUsd,year,source,estimated,rule');
        expect(lines.length - 1).toBe(dataset.flows.filter((f) => f.mineral === 'niobium' && f.year === 2025).length);
        const json = await request(app).get('/api/export?format=json&mineral=niobium').expect(200);
        expect(JSON.parse(json.text).edges.length).toBeGreaterThan(0);
      });

      it('400s an unknown format', async () => {
        const res = await request(app).get('/api/export?format=xlsx').expect(400);
        expect(res.body.error.details.problems[0].field).toBe('format');
      });
    });

    describe('POST /api/cypher', () => {
      it('refuses ad-hoc text unless enabled, with a message saying how to enable it or run a library query', async () => {
        const res = await request(app).post('/api/cypher').send({ query: 'MATCH (n) RETURN n LIMIT 1' }).expect(403);
        expect(res.body.error.code).toBe('CYPHER_DISABLED');
        expect(res.body.error.message).toContain('CHOKEPOINT_ENABLE_CYPHER=1');
        expect(res.body.error.message).toContain('GET /api/cypher/queries');
      });

      it('checks a library request before any store is asked: exactly one of name/query, the declared params, known names', async () => {
        const both = await request(app).post('/api/cypher').send({ name: 'top-producers', query: 'RETURN 1' }).expect(400);
        expect(both.body.error.message).toContain('exactly one of "name"');
        await request(app).post('/api/cypher').send({ params: {} }).expect(400);
        const unknown = await request(app).post('/api/cypher').send({ name: 'top-producer' }).expect(404);
        expect(unknown.body.error.details.suggestions).toContain('top-producers');
        const bad = await request(app)
          .post('/api/cypher')
          .send({ name: 'top-producers', params: { mineral: 'niobium', stage: 'mine', year: '2025', limt: 3 } })
          .expect(400);
        expect(bad.body.error.details.problems.map((p: { field: string }) => p.field).sort()).toEqual(['params.limit', 'params.limt', 'params.year']);
        expect(bad.body.error.message).toContain('did you mean "limit"');
        expect(bad.body.error.message).toContain('must be an integer like 2025, got string');
      });

      it('lists the library with each query\'s parameters and example', async () => {
        const res = await request(app).get('/api/cypher/queries').expect(200);
        expectSchema('LibraryQueryList', res.body);
        expect(res.body.find((q: { name: string }) => q.name === 'top-producers').example).toEqual({ mineral: 'niobium', stage: 'mine', year: 2025, limit: 5 });
      });

      if (name === 'memory') {
        it('answers 501 on the memory store, which has no query language', async () => {
          const res = await request(cypherApp)
            .post('/api/cypher')
            .send({ query: 'MATCH (n) RETURN n LIMIT 1' })
            .expect(501);
          expect(res.body.error.code).toBe('UNSUPPORTED');
          await request(app).post('/api/cypher').send({ name: 'top-producers', params: { mineral: 'niobium', stage: 'mine', year: 2025, limit: 1 } }).expect(501);
        });
      } else {
        it('runs a library query by name by default (no CHOKEPOINT_ENABLE_CYPHER), in the store\'s dialect', async () => {
          const res = await request(app)
            .post('/api/cypher')
            .send({ name: 'top-producers', params: { mineral: 'niobium', stage: 'mine', year: 2025, limit: 1 } })
            .expect(200);
          expectSchema('CypherResult', res.body);
          expect(res.body.columns).toEqual(['country', 'producer', 'tonnes', 'share', 'worldTonnes']);
          expect(res.body.rows).toHaveLength(1);
          expect(res.body.rows[0].country).toBe('BRA');
        });

        it('runs a read-only query and refuses writes', async () => {
          const res = await request(cypherApp)
            .post('/api/cypher')
            .send({
              query: 'MATCH (m:Mineral) WHERE m.slug = $slug RETURN m.slug AS slug',
              params: { slug: 'niobium' },
            })
            .expect(200);
          expectSchema('CypherResult', res.body);
          expect(res.body.rows).toEqual([{ slug: 'niobium' }]);
          const write = await request(cypherApp)
            .post('/api/cypher')
            .send({ query: "CREATE (:Mineral {id: 'mineral:x'})" })
            .expect(403);
          expect(write.body.error.code).toBe('READ_ONLY');
        });
      }
    });

    describe('guards and documents', () => {
      it('404s unknown API routes with a pointer to the docs', async () => {
        const res = await request(app).get('/api/nope').expect(404);
        expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
        expect(res.body.error.message).toContain('/api/docs');
      });

      it('serves the OpenAPI 3.1 document and a self-contained reference page', async () => {
        const doc = await request(app).get('/api/openapi.json').expect(200);
        expect(doc.body.openapi).toBe('3.1.0');
        const page = await request(app).get('/api/docs').expect(200);
        expect(page.headers['content-type']).toContain('text/html');
        expect(page.text).toContain('/api/impact');
        expect(page.text).not.toMatch(/<script/i);
        expect(page.text).not.toMatch(/https?:\/\/cdn/i);
      });
    });
  });
}

function textParser(
  res: NodeJS.ReadableStream & { setEncoding(e: string): void },
  callback: (error: Error | null, body: string) => void,
): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => callback(null, text));
}
