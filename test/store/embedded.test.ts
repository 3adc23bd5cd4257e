// The store contract suite on the embedded LadybugDB store (a real database in a temp directory), plus what only
// this store has: typed columns for analysts, the database's own write refusal, batching, schema checks, and the
// shipped dataset loaded whole.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import lbug from '@ladybugdb/core';
import { ReadOnlyError, StoreError, UnprocessableError, InvalidInputError } from '../../src/domain/errors.ts';
import { countDataset, type Dataset } from '../../src/domain/model.ts';
import { EmbeddedStore, openEmbeddedStore, toPlainJson, type EmbeddedStoreOptions } from '../../src/store/embedded.ts';
import { SCHEMA_VERSION, sortDataset } from '../../src/store/records.ts';
import { TINY_COUNTS, TINY_GOV_RISK, tinyDataset } from '../fixtures/tiny-dataset.ts';
import { describeGraphStore } from './contract.ts';

const dirs: string[] = [];
function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-store-'));
  dirs.push(dir);
  return join(dir, 'db');
}

async function makeEmbedded(options: Partial<EmbeddedStoreOptions> = {}): Promise<{ store: EmbeddedStore; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-store-'));
  const store = await openEmbeddedStore({ path: join(dir, 'db'), ...options });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeGraphStore('embedded (LadybugDB)', (options) => makeEmbedded(options));

describe('EmbeddedStore', () => {
  const cleanups: Array<() => Promise<void>> = [];
  const open = async (options: Partial<EmbeddedStoreOptions> = {}): Promise<EmbeddedStore> => {
    const sut = await makeEmbedded(options);
    cleanups.push(sut.cleanup);
    return sut.store;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('fills the typed columns analysts filter on', async () => {
    const store = await open();
    await store.replaceDataset(tinyDataset());
    const countries = await store.cypherRead(
      'MATCH (c:Country) RETURN c.id AS id, c.iso3 AS iso3, c.wgiYear AS wgiYear, c.govRisk AS govRisk, c.aggregate AS aggregate, c.year AS year ORDER BY id',
    );
    expect(countries.rows.map((r) => ({ ...r, govRisk: undefined }))).toEqual([
      { id: 'country:BRA', iso3: 'BRA', wgiYear: 2023, govRisk: undefined, aggregate: false, year: 2023 },
      { id: 'country:USA', iso3: 'USA', wgiYear: 2023, govRisk: undefined, aggregate: false, year: 2023 },
    ]);
    expect(countries.rows[0]!.govRisk).toBeCloseTo(TINY_GOV_RISK['country:BRA'], 12);
    expect(countries.rows[1]!.govRisk).toBeCloseTo(TINY_GOV_RISK['country:USA'], 12);

    const minerals = await store.cypherRead('MATCH (m:Mineral) RETURN m.slug AS slug, m.usList AS us, m.euList AS eu, m.cnList AS cn');
    expect(minerals.rows).toEqual([{ slug: 'niobium', us: true, eu: true, cn: false }]);

    const mines = await store.cypherRead(
      'MATCH (m:Mine) RETURN m.id AS id, m.country AS country, m.mineral AS mineral, m.stage AS stage, m.output2024 AS o24, ' +
        'm.output2025 AS o25, m.lat AS lat, m.assetType AS assetType ORDER BY id',
    );
    expect(mines.rows).toEqual([
      { id: 'mine:araxa-icmm-0042', country: 'BRA', mineral: null, stage: null, o24: null, o25: null, lat: -19.6578, assetType: 'Mine' },
      { id: 'mine:bra-niobium', country: 'BRA', mineral: 'niobium', stage: 'mine', o24: 100000, o25: 96000.5, lat: null, assetType: null },
    ]);

    const located = await store.cypherRead(
      'MATCH (f)-[l:LOCATED_IN]->(c:Country) RETURN f.id AS facility, c.id AS country, l.year AS year ORDER BY facility',
    );
    expect(located.rows).toEqual([
      { facility: 'mine:araxa-icmm-0042', country: 'country:BRA', year: 2025 },
      { facility: 'refiner:cbmm-araxa-plant-icmm-0043', country: 'country:BRA', year: 2025 },
    ]);
    const reliance = await store.cypherRead(
      'MATCH (c:Country)-[r:RELIES_ON]->(m:Mineral) RETURN c.id AS c, m.id AS m, r.year AS year, r.nir AS nir, r.nirRaw AS raw ORDER BY year',
    );
    expect(reliance.rows).toEqual([
      { c: 'country:USA', m: 'mineral:niobium', year: 2024, nir: 1, raw: '100' },
      { c: 'country:USA', m: 'mineral:niobium', year: 2025, nir: 1, raw: '100' },
    ]);
    const flows = await store.cypherRead('MATCH ()-[f:FLOW]->() RETURN f.id AS id, f.estimated AS e, f.rule AS rule ORDER BY id LIMIT 1');
    expect(flows.rows).toEqual([
      { id: 'flow:araxa-to-bra-niobium-2025', e: true, rule: 'equal split of the USGS country figure across the 1 ICMM facility listing niobium' },
    ]);
  });

  it('returns nodes and relationships as plain JSON objects', async () => {
    const store = await open();
    await store.replaceDataset(tinyDataset());
    const result = await store.cypherRead(
      "MATCH (m:Mineral)<-[r:RELIES_ON]-(c:Country) WHERE r.year = 2024 RETURN m, r, c.id AS id, CAST(9007199254740993 AS INT128) AS big, CAST(7 AS INT128) AS small",
    );
    const row = result.rows[0]!;
    expect(row.m).toMatchObject({ _label: 'Mineral', id: 'mineral:niobium', slug: 'niobium', usList: true });
    expect(typeof (row.m as { _id: unknown })._id).toBe('string');
    expect(row.r).toMatchObject({ _label: 'RELIES_ON', year: 2024, nir: 1 });
    expect(row.big).toBe('9007199254740993');
    expect(row.small).toBe(7);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('toPlainJson converts BigInt, dates, maps and non-finite numbers', () => {
    expect(toPlainJson(12n)).toBe(12);
    expect(toPlainJson(2n ** 64n)).toBe('18446744073709551616');
    expect(toPlainJson(new Date('2024-01-02T00:00:00Z'))).toBe('2024-01-02T00:00:00.000Z');
    expect(toPlainJson(new Map<unknown, unknown>([['a', 1n], [2, [Infinity]]]))).toEqual({ a: 1, '2': ['Infinity'] });
    expect(toPlainJson({ _id: { offset: 3, table: 1 }, x: undefined })).toEqual({ _id: '1:3', x: null });
  });

  it('the database alone refuses writes and schema changes, even without the lexical pre-check', async () => {
    const store = await open();
    await store.replaceDataset(tinyDataset());
    for (const query of [
      "CREATE (:Mine {id: 'mine:x'})",
      "MATCH (n:Mine) SET n.name = 'changed'",
      'MATCH (n) DETACH DELETE n',
      'CREATE NODE TABLE Evil(id STRING PRIMARY KEY)',
      'DROP TABLE Meta',
    ]) {
      await expect(store.cypherReadWithoutPrecheck(query), query).rejects.toBeInstanceOf(ReadOnlyError);
    }
    expect(await store.readDataset()).toEqual(sortDataset(tinyDataset()));
    const tables = await store.cypherRead('CALL show_tables() RETURN name ORDER BY name');
    expect(tables.rows.map((r) => r.name)).toEqual(['BY_PRODUCT_OF', 'Country', 'FLOW', 'LOCATED_IN', 'Meta', 'Mine', 'Mineral', 'RELIES_ON', 'Refiner']);
  });

  it('refuses what the read-only transaction would let through: COMMIT, settings, file access', async () => {
    const store = await open();
    for (const query of ['COMMIT', 'CALL threads=1', "EXPORT DATABASE '/tmp/chokepoint-export'", "LOAD FROM '/etc/passwd' RETURN *"]) {
      await expect(store.cypherRead(query), query).rejects.toBeInstanceOf(ReadOnlyError);
    }
  });

  it('reports bad queries as input errors and stops a query at its timeout', async () => {
    const store = await open();
    await store.replaceDataset(tinyDataset());
    await expect(store.cypherRead('MATCH (n:Nope) RETURN n')).rejects.toBeInstanceOf(InvalidInputError);
    await expect(store.cypherRead('MATCH (n RETURN n')).rejects.toBeInstanceOf(InvalidInputError);
    await expect(store.cypherRead('RETURN 1', { limit: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    // A cross product of ~10^12 rows with a per-row filter: far beyond 200 ms on any machine.
    const slow =
      'UNWIND range(1, 10000) AS a UNWIND range(1, 10000) AS b UNWIND range(1, 10000) AS c ' +
      'WITH a, b, c WHERE a * b + c = -1 RETURN count(*) AS n';
    await expect(store.cypherRead(slow, { timeoutMs: 200 })).rejects.toBeInstanceOf(UnprocessableError);
    // The connection is usable afterwards, with the default timeout again.
    expect((await store.cypherRead('MATCH (n:Country) RETURN count(n) AS n')).rows).toEqual([{ n: 2 }]);
  });

  it('loads in many small batches as in one (batch size 2)', async () => {
    const store = await open({ batchSize: 2 });
    await store.replaceDataset(tinyDataset());
    expect(await store.readDataset()).toEqual(sortDataset(tinyDataset()));
    expect(await store.counts()).toEqual(TINY_COUNTS);
  });

  it('keeps the data across close and reopen', async () => {
    const path = tempDbPath();
    const first = await openEmbeddedStore({ path });
    await first.replaceDataset(tinyDataset());
    await first.close();
    const second = await openEmbeddedStore({ path });
    try {
      expect(await second.datasetVersion()).toBe('tiny-v1');
      expect(await second.readDataset()).toEqual(sortDataset(tinyDataset()));
    } finally {
      await second.close();
    }
  });

  it('migrates a schema-2 store on open: FLOW.valueUsd is added and filled from each record, nothing is lost', async () => {
    const path = tempDbPath();
    const dataset = tinyDataset();
    const traded = dataset.flows[0]!;
    traded.valueUsd = 1234567.5;
    const first = await openEmbeddedStore({ path });
    await first.replaceDataset(dataset);
    await first.close();
    // Make it a schema-2 store: no valueUsd column, schema version "2" (what a store written before issue 11 holds).
    const db = new lbug.Database(path, 64 * 1024 * 1024, true, false, 2 ** 30);
    const conn = new lbug.Connection(db);
    await conn.query('ALTER TABLE FLOW DROP valueUsd');
    await conn.query("MATCH (m:Meta) WHERE m.key = 'schema' SET m.value = '2'");
    await conn.close();
    await db.close();
    const second = await openEmbeddedStore({ path });
    try {
      expect(await second.readDataset()).toEqual(sortDataset(dataset));
      const rows = await second.cypherRead('MATCH ()-[e:FLOW]->() RETURN e.id AS id, e.valueUsd AS valueUsd ORDER BY id');
      expect(rows.rows).toEqual(dataset.flows.map((f) => ({ id: f.id, valueUsd: f.valueUsd ?? null })).sort((a, b) => a.id.localeCompare(b.id)));
      const [meta] = (await second.cypherRead("MATCH (m:Meta) WHERE m.key = 'schema' RETURN m.value AS value")).rows;
      expect(meta).toEqual({ value: SCHEMA_VERSION });
    } finally {
      await second.close();
    }
    // A schema with no migration step is still refused with the fix named.
    const db2 = new lbug.Database(path, 64 * 1024 * 1024, true, false, 2 ** 30);
    const conn2 = new lbug.Connection(db2);
    await conn2.query("MATCH (m:Meta) WHERE m.key = 'schema' SET m.value = '1'");
    await conn2.close();
    await db2.close();
    const error = await openEmbeddedStore({ path }).then(() => undefined, (e: unknown) => e);
    expect((error as Error).message).toMatch(/holds schema version "1".*delete/);
  });

  it('refuses to open a LadybugDB database Chokepoint did not write, naming the fix', async () => {
    const path = tempDbPath();
    const db = new lbug.Database(path, 64 * 1024 * 1024, true, false, 2 ** 30);
    const conn = new lbug.Connection(db);
    await conn.query('CREATE NODE TABLE Person(name STRING PRIMARY KEY)');
    await conn.close();
    await db.close();
    const error = await openEmbeddedStore({ path }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/not written by Chokepoint \(tables: Person\); set CHOKEPOINT_DB/);
  });

  it('refuses a second handle on the same file in this process (its writes would be lost), until the first closes', async () => {
    const path = tempDbPath();
    const first = await openEmbeddedStore({ path });
    const error = await openEmbeddedStore({ path }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/already open in this process/);
    await first.close();
    const again = await openEmbeddedStore({ path });
    await again.close();
  });

  it('says which fix applies when another process holds the database', async () => {
    const path = tempDbPath();
    // A real second process holding LadybugDB's file lock, as a running `chokepoint start` would.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import lbug from '@ladybugdb/core';
         const db = new lbug.Database(${JSON.stringify(path)}, 64 * 1024 * 1024, true, false, 2 ** 30);
         await db.init();
         process.stdout.write('ready\\n');
         process.stdin.resume();
         process.stdin.on('end', async () => { await db.close(); process.exit(0); });`,
      ],
      { cwd: resolve(import.meta.dirname, '../..'), stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((ready, fail) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
        holder.on('exit', (code) => fail(new Error(`lock holder exited early (${code})`)));
      });
      const error = await openEmbeddedStore({ path }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toMatch(/is open in another process .* set CHOKEPOINT_DB to another path, or use CHOKEPOINT_STORE=memory/);
    } finally {
      holder.stdin.end();
      await new Promise((done) => holder.once('exit', done));
    }
  });

  it('creates the database directory and file on first use', async () => {
    const dir = tempDbPath();
    const path = join(dir, 'nested', 'db');
    const store = new EmbeddedStore({ path });
    expect(store.location).toBe(resolve(path));
    expect(await store.datasetVersion()).toBeUndefined();
    await store.close();
    expect(existsSync(path)).toBe(true);
  });
});

// The shipped dataset (graph/data, built by src/data) loaded whole into the embedded store.
const dataModule = resolve(import.meta.dirname, '../../src/data/index.ts');
const shippedManifest = resolve(import.meta.dirname, '../../graph/data/manifest.json');
const hasShipped = existsSync(dataModule) && existsSync(shippedManifest);

describe('EmbeddedStore with the shipped dataset', () => {
  it.skipIf(!hasShipped)('loads graph/data whole: counts equal countDataset and the round trip is exact', async () => {
    const { readShippedDataset } = (await import(dataModule)) as { readShippedDataset: () => Promise<Dataset> };
    const dataset = await readShippedDataset();
    const sut = await makeEmbedded();
    try {
      const report = await sut.store.replaceDataset(dataset);
      expect(report).toMatchObject({ nodes: dataset.nodes.length, flows: dataset.flows.length, links: dataset.links.length });
      expect(await sut.store.counts()).toEqual(countDataset(dataset));
      expect(await sut.store.datasetVersion()).toBe(dataset.version);
      expect(await sut.store.readDataset()).toEqual(sortDataset(dataset));
      // The BACI traded value is a typed column too (schema 3): the same flows and dollars as the records.
      const traded = dataset.flows.filter((f) => typeof f.valueUsd === 'number');
      expect(traded.length).toBeGreaterThan(1000);
      const [sum] = (await sut.store.cypherRead('MATCH ()-[e:FLOW]->() WHERE e.valueUsd IS NOT NULL RETURN count(e) AS n, sum(e.valueUsd) AS usd')).rows;
      expect(sum!.n).toBe(traded.length);
      expect(sum!.usd as number).toBeCloseTo(traded.reduce((t, f) => t + f.valueUsd!, 0), 0);
    } finally {
      await sut.cleanup();
    }
    // Loading 21,000 flows and one sandboxed query: past the 60 s default on a 2-core machine shared by sessions.
  }, 180_000);
});
