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
    expect(niobium.map((r) => r.consumer).sort()).toEqual(['Rest of world', 'United States']);
    for (const r of niobium) expect(r.shareLost as number).toBeGreaterThan(0.5);
    const china = await run(cut, { country: 'CHN', year: 2025 });
    expect(china.rows.find((r) => r.consumer === 'Rest of world' && r.mineral === 'graphite')).toMatchObject({ shareLost: 1 });
  });
});
