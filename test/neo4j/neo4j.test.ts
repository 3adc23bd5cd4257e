// Everything that needs a real Neo4j, in one file so nothing else touches the database meanwhile: the GraphStore
// contract suite, the query library (Neo4j texts) against the same independent expectations as the embedded
// store, integers over Bolt, and the GDS engine when the plugin is installed. Runs only with NEO4J_URI set
// (`npm run test:neo4j`); it DELETES Chokepoint's labels (Country, Mineral, Mine, Refiner, Meta) in that database.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import neo4j, { type Driver } from 'neo4j-driver';
import { DEFAULT_DATA_DIR, readShippedDataset } from '../../src/data/index.ts';
import type { Dataset } from '../../src/domain/model.ts';
import { ReadOnlyError } from '../../src/domain/errors.ts';
import { loadQueryLibrary } from '../../src/store/cypher-library.ts';
import { centrality } from '../../src/analysis/centrality.ts';
import { impact } from '../../src/analysis/impact.ts';
import { buildSupplyGraph } from '../../src/domain/graph.ts';
import { gdsCentrality } from '../../src/store/gds.ts';
import { gdsReroutingImpact } from '../../src/store/gds-impact.ts';
import { Neo4jStore, neo4jOptionsFromEnv } from '../../src/store/neo4j.ts';
import { describeGraphStore } from '../store/contract.ts';
import { EXPECTATIONS, expectRows } from '../queries/expectations.ts';

const env = process.env;
const configured = Boolean(env.NEO4J_URI);
const hasData = existsSync(join(DEFAULT_DATA_DIR, 'nodes.json'));
const queries = await loadQueryLibrary();

async function wipe(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE, ...(database ? { database } : {}) });
  try {
    for (const label of ['Country', 'Mineral', 'Mine', 'Refiner', 'Meta']) {
      await session.run(`MATCH (n:${label}) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`);
    }
  } finally {
    await session.close();
  }
}

describe.skipIf(!configured)(configured ? `Neo4j at ${env.NEO4J_URI}` : 'SKIPPED: NEO4J_URI not set — Neo4j not verified', () => {
  const options = configured ? neo4jOptionsFromEnv(env) : undefined;
  let admin: Driver;

  beforeAll(async () => {
    admin = neo4j.driver(options!.uri, neo4j.auth.basic(options!.user, options!.password));
    await wipe(admin, options!.database);
  });

  afterAll(async () => {
    await admin?.close();
  });

  describeGraphStore('neo4j', async (make = {}) => {
    await wipe(admin, options!.database);
    const store = new Neo4jStore({ ...options!, batchSize: 3, ...(make.onBeforeCommit ? { onBeforeCommit: make.onBeforeCommit } : {}) });
    await store.init();
    return {
      store,
      cleanup: async () => {
        await store.close();
        await wipe(admin, options!.database);
      },
    };
  });

  describe('on a loaded store', () => {
    let store: Neo4jStore;

    beforeAll(async () => {
      await wipe(admin, options!.database);
      store = new Neo4jStore(options!);
      await store.init();
    });

    afterAll(async () => {
      await store?.close();
      await wipe(admin, options!.database);
    });

    it('exchanges integers exactly: LIMIT from a JS number, big integers back as strings', async () => {
      const result = await store.cypherRead('UNWIND range(1, 10) AS x RETURN x, 9007199254740993 AS big LIMIT $k', { params: { k: 3 } });
      expect(result.rows).toEqual([1, 2, 3].map((x) => ({ x, big: '9007199254740993' })));
    });

    it("refuses a write by EXPLAIN's query type even without the lexical guard, and passes read procedures", async () => {
      await expect(store.cypherReadWithoutPrecheck("MATCH (n:Country) SET n.name = 'x' RETURN n")).rejects.toThrow(/refused by Neo4j's plan/);
      await expect(store.cypherReadWithoutPrecheck("MERGE (m:Meta {key: 'x'}) RETURN m.key")).rejects.toBeInstanceOf(ReadOnlyError);
      const labels = await store.cypherRead('CALL db.labels() YIELD label RETURN label ORDER BY label');
      expect(labels.rows).toContainEqual({ label: 'Meta' });
    });

    describe.skipIf(!hasData)('query library on the shipped dataset', () => {
      let dataset: Dataset;

      beforeAll(async () => {
        dataset = await readShippedDataset();
        await store.replaceDataset(dataset);
      });

      for (const query of queries) {
        it(`${query.name}: Neo4j text returns the header's columns and the computed answer`, async () => {
          const result = await store.cypherRead(query.text, { params: query.example, limit: 100_000 });
          expect(result.columns).toEqual(query.columns);
          expectRows(query.name, result.rows, EXPECTATIONS[query.name]!(dataset, query.example));
        });
      }

      it('GDS PageRank and betweenness, when the plugin is installed', async (ctx) => {
        const [gds] = await store.gdsRunner().run("SHOW PROCEDURES YIELD name WHERE name = 'gds.pageRank.stream' RETURN count(*) AS n");
        if (Number(gds?.n) === 0) ctx.skip('GDS plugin not installed on this server');
        const pr = await gdsCentrality(store, { metric: 'pagerank', mineral: 'niobium', year: 2025 });
        expect(pr.scores.reduce((s, x) => s + x.value, 0)).toBeCloseTo(1, 6);
        expect(pr.scores[0]!.kind).toBe('country');
        const bt = await gdsCentrality(store, { metric: 'betweenness', mineral: 'niobium', year: 2025, cost: 'hops' });
        expect(bt.scores.length).toBeGreaterThan(0);
        // Same scale and weights as the in-process engine: dead-end mass only rescales GDS's scores (graph/README.md).
        const reference = new Map(centrality(buildSupplyGraph(dataset), { metric: 'pagerank', mineral: 'niobium', year: 2025 }).scores.map((x) => [x.node, x.value]));
        for (const x of pr.scores) expect(x.value, x.node).toBeCloseTo(reference.get(x.node)!, 4);
      });

      it('impact --engine gds: the rerouting model with GDS max-flow equals the in-process one, when gds.maxFlow exists', async (ctx) => {
        const [found] = await store.gdsRunner().run("SHOW PROCEDURES YIELD name WHERE name = 'gds.maxFlow.stats' RETURN count(*) AS n");
        if (Number(found?.n) === 0) ctx.skip('gds.maxFlow not installed on this server (GDS >= 2.23)');
        const graph = buildSupplyGraph(dataset);
        for (const request of [{ remove: ['country:BRA'], mineral: 'niobium' }, { remove: ['country:CHN/gallium'] }]) {
          const viaGds = await gdsReroutingImpact(store, graph, request);
          const reference = impact(graph, { ...request, model: 'rerouting' });
          for (const [i, m] of viaGds.minerals.entries()) {
            const r = reference.minerals[i]!;
            expect(m.capacityKnown).toBe(r.capacityKnown);
            for (const key of ['tonnesRerouted', 'unmetTonnes', 'tonnesReroutedLowerBound', 'unmetTonnesUpperBound'] as const) {
              if (typeof r[key] === 'number') expect(m[key] as number, `${m.mineral} ${key}`).toBeCloseTo(r[key], 3);
              else expect(m[key]).toBe(r[key]);
            }
          }
        }
      });
    });
  });
});
