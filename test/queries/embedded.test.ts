// The query library in CI: the shipped dataset loaded into a real embedded LadybugDB store, every query run in
// its LadybugDB form with its header's example parameters, and each answer checked row by row against the same
// question computed independently in TypeScript (expectations.ts), plus the headline facts of DOMAIN.md.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, readShippedDataset } from '../../src/data/index.ts';
import type { Dataset } from '../../src/domain/model.ts';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts';
import { loadQueryLibrary, queryTextFor, type LibraryQuery } from '../../src/store/cypher-library.ts';
import { EXPECTATIONS, expectRows } from './expectations.ts';

const hasData = existsSync(join(DEFAULT_DATA_DIR, 'nodes.json'));
const queries = await loadQueryLibrary();

describe.skipIf(!hasData)(hasData ? 'query library on the embedded store (shipped dataset)' : 'SKIPPED: graph/data missing, run npm run data:build', () => {
  let dir: string;
  let store: EmbeddedStore;
  let dataset: Dataset;

  beforeAll(async () => {
    dataset = await readShippedDataset();
    dir = mkdtempSync(join(tmpdir(), 'chokepoint-queries-'));
    store = await openEmbeddedStore({ path: join(dir, 'db') });
    await store.replaceDataset(dataset);
  });

  afterAll(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = async (query: LibraryQuery, params: Record<string, unknown> = query.example) =>
    store.cypherRead(queryTextFor(query, 'ladybug'), { params, limit: 100_000 });

  it('has an independent expectation for every query', () => {
    expect(queries.map((q) => q.name).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
  });

  for (const query of queries) {
    it(`${query.name}${query.ladybug ? ' (LadybugDB variant)' : ''}: returns the header's columns and the computed answer`, async () => {
      const result = await run(query);
      // LadybugDB has no ORDER BY over a UNION ALL: downstream-reach's variant (one part per path length) is put in
      // the header's order here, (hops, consumer, route), before the row-by-row check.
      if (query.name === 'downstream-reach') {
        const key = (r: Record<string, unknown>) => `${String(r.hops)}\u0000${String(r.consumer)}\u0000${(r.route as string[]).join('\u0001')}`;
        result.rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      }
      expect(result.columns).toEqual(query.columns);
      expect(result.truncated).toBe(false);
      const expected = EXPECTATIONS[query.name]!(dataset, query.example);
      // An example that returns nothing would prove little.
      expect(expected.length, `${query.name}: the example should return rows`).toBeGreaterThan(0);
      expectRows(query.name, result.rows, expected);
    });
  }

  const byName = (name: string): LibraryQuery => queries.find((q) => q.name === name)!;

  it('us-import-sources for chromium 2025 (imports without a published tonnage) matches the expectation, 0 not null', async () => {
    // The case where LadybugDB's sum over nulls (null) and Neo4j's (0) used to disagree.
    const query = byName('us-import-sources');
    const params = { mineral: 'chromium', year: 2025 };
    const result = await run(query, params);
    const expected = EXPECTATIONS['us-import-sources']!(dataset, params);
    expect(expected.length).toBeGreaterThan(0);
    expectRows('us-import-sources chromium 2025', result.rows, expected);
    for (const row of result.rows) expect(typeof row.tonnes, JSON.stringify(row)).toBe('number');
  });

  it('top producer of niobium is Brazil and of beryllium the United States (DOMAIN.md)', async () => {
    const top = byName('top-producers');
    const niobium = await run(top, { mineral: 'niobium', stage: 'mine', year: 2025, limit: 1 });
    expect(niobium.rows[0]).toMatchObject({ country: 'BRA' });
    expect(niobium.rows[0]!.share as number).toBeGreaterThan(0.9);
    const beryllium = await run(top, { mineral: 'beryllium', stage: 'mine', year: 2025, limit: 1 });
    // USGS MCS 2026: United States 230 t of a 430 t world total in 2025e.
    expect(beryllium.rows[0]).toMatchObject({ country: 'USA', tonnes: 230 });
  });

  it('removing Brazil cuts most of everyone\'s niobium; removing China cuts the rest of world\'s graphite entirely', async () => {
    const cut = byName('country-removal-cut');
    const brazil = await run(cut, { country: 'BRA', year: 2025 });
    const niobium = brazil.rows.filter((r) => r.mineral === 'niobium');
    // Named consumers from BACI trade: China, the Netherlands, Korea and Japan among the countries that lose it.
    for (const name of ['China', 'Netherlands', 'Japan', 'United States']) expect(niobium.map((r) => r.consumer), name).toContain(name);
    expect(niobium.length).toBeGreaterThanOrEqual(10);
    for (const r of niobium.filter((r) => ['China', 'Japan', 'United States'].includes(r.consumer as string))) expect(r.shareLost as number).toBeGreaterThan(0.5);
    const china = await run(cut, { country: 'CHN', year: 2025 });
    // China refines all graphite (seed 002): every consumer of graphite, named or not, loses all of it.
    const graphite = china.rows.filter((r) => r.mineral === 'graphite');
    expect(graphite.length).toBeGreaterThanOrEqual(10);
    // (A consumer fed partly through a hub keeps what the first-hop cut does not see: in all, most of it is cut.)
    const lost = graphite.reduce((sum, r) => sum + (r.tonnesLost as number), 0);
    const supply = graphite.reduce((sum, r) => sum + (r.supplyTonnes as number), 0);
    expect(lost / supply).toBeGreaterThan(0.5);
    // Those China ships to directly lose all of it (2025: nine of the 24 graphite consumers above 99%).
    const whole = graphite.filter((r) => (r.shareLost as number) > 0.99).map((r) => r.consumer);
    for (const name of ['Canada', 'Mozambique', 'Germany', 'Japan', 'Mexico']) expect(whole, name).toContain(name);
  });
});
