// The upstream stages of the shipped dataset (src/data/build/upstream.ts): copper mine, bauxite (via alumina) and
// titanium concentrates from the USGS MCS 2022-2024 editions, linked to the refined stage by estimated feed flows.
// Expected figures are read from the raw edition file, not typed in.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { chokepoints } from '../../src/analysis/chokepoints.ts';
import { impact } from '../../src/analysis/impact.ts';
import { mineralYearIndex, propagate } from '../../src/analysis/flow-index.ts';
import { buildSupplyGraph, type SupplyGraph } from '../../src/domain/graph.ts';
import type { Dataset, FacilityNode } from '../../src/domain/model.ts';
import { defaultSharedDataDir, readShippedDataset } from '../../src/data/index.ts';
import { allocateFeed, FEED_RULE_SHORT } from '../../src/data/build/upstream.ts';
import { MCS_EDITIONS_FILE } from '../../src/data/sources/usgs-mcs-editions.ts';

const SHARED = defaultSharedDataDir();
const raw = existsSync(join(SHARED, MCS_EDITIONS_FILE));

describe('allocateFeed (hand-computed)', () => {
  it('serves the own country first, then splits the rest in proportion to the unmet need', () => {
    // CHL mines 10, PER 5; refiners CHL 4, CHN 11 (f = 1: V = 15). CHL keeps 4; its 6 and PER's 5 go to CHN.
    const flows = allocateFeed(
      [{ id: 'm:chl', iso3: 'CHL', tonnes: 10 }, { id: 'm:per', iso3: 'PER', tonnes: 5 }],
      [{ id: 'r:chl', iso3: 'CHL', tonnes: 4 }, { id: 'r:chn', iso3: 'CHN', tonnes: 11 }],
      1,
    );
    expect(flows).toEqual([
      { from: 'm:chl', to: 'r:chl', tonnes: 4, own: true },
      { from: 'm:chl', to: 'r:chn', tonnes: 6, own: false },
      { from: 'm:per', to: 'r:chn', tonnes: 5, own: false },
    ]);
  });

  it('scales to the smaller side: refined 30 fed by 15 of mine output (f = 1) needs half its output from the mines', () => {
    const flows = allocateFeed([{ id: 'm:a', iso3: 'AAA', tonnes: 15 }], [{ id: 'r:a', iso3: 'AAA', tonnes: 10 }, { id: 'r:b', iso3: 'BBB', tonnes: 20 }], 1);
    // V = min(15, 30) = 15: needs 5 and 10; AAA gives its own 5, the other 10 to BBB.
    expect(flows.map((f) => [f.to, f.tonnes])).toEqual([['r:a', 5], ['r:b', 10]]);
    // f = 2 (two source units per refined unit): V = min(15, 60) = 15 again, but now the mine is the limit.
    const titanium = allocateFeed([{ id: 'm:a', iso3: 'AAA', tonnes: 100 }], [{ id: 'r:b', iso3: 'BBB', tonnes: 10 }], 2);
    expect(titanium).toEqual([{ from: 'm:a', to: 'r:b', tonnes: 20, own: false }]);
  });
});

describe.skipIf(!raw)('upstream stages in graph/data (against the raw MCS edition file; skipped without ../shared/data)', () => {
  let dataset: Dataset;
  let graph: SupplyGraph;
  let rows: Array<Record<string, string>>;
  beforeAll(async () => {
    dataset = await readShippedDataset();
    graph = buildSupplyGraph(dataset);
    rows = parse(readFileSync(join(SHARED, MCS_EDITIONS_FILE), 'utf8'), { columns: true, bom: true, skip_empty_lines: true });
  });
  const cell = (edition: string, file: string, country: RegExp, type: RegExp, year: string) => {
    const row = rows.find((r) => r.edition === edition && r.commodity_file === file && country.test(r.country_clean!) && type.test(r.type!) && r.measure === 'production' && r.year === year);
    if (!row) throw new Error(`no ${edition} ${file} ${country} ${year} row`);
    return Number(row.value) * 1000; // these tables are in thousand metric tons
  };

  it("copper's mine stage ranks Chile first in 2023 with USGS's share (MCS 2024, 2023e)", () => {
    const chile = cell('MCS2024', 'coppe', /^Chile$/, /^Mine production/, '2023');
    const world = cell('MCS2024', 'coppe', /^World total/, /^Mine production/, '2023');
    const [top] = chokepoints(graph, { mineral: 'copper', stage: 'mine', year: 2023, limit: 1 });
    expect(top).toMatchObject({ node: 'country:CHL', stage: 'mine', year: 2023 });
    expect(top!.share).toBeCloseTo(chile / world, 9);
    expect(top!.share).toBeGreaterThan(0.2);
    // The published world total is on the mineral node, with the unit of the stage.
    const copper = dataset.nodes.find((n) => n.id === 'mineral:copper') as { worldTotal?: Record<string, Record<string, number>>; units?: Record<string, string> };
    expect(copper.worldTotal?.mine?.['2023']).toBe(world);
    expect(copper.units?.mine).toMatch(/Cu content/);
  });

  it('every mine aggregate sends exactly its output to the refiners, each feed flow estimated with the rule', () => {
    const mines = dataset.nodes.filter((n): n is FacilityNode => n.kind === 'mine' && n.aggregate === true && ['copper', 'aluminum', 'titanium'].includes(n.mineral!) && n.stage === 'mine');
    expect(mines.length).toBeGreaterThan(40);
    let checked = 0;
    for (const m of mines) {
      for (const [year, output] of Object.entries(m.output ?? {})) {
        const out = dataset.flows.filter((f) => f.from === m.id && f.year === Number(year));
        for (const f of out) {
          expect(f.to.startsWith('refiner:'), f.id).toBe(true);
          expect(f).toMatchObject({ estimated: true, stage: 'mine' });
          expect(f.rule).toContain(FEED_RULE_SHORT);
        }
        const sent = out.reduce((s, f) => s + f.tonnes!, 0);
        // Copper and bauxite: all of the mine output is allocated; titanium: the sponge share (TiO2 for Ti) only.
        if (m.mineral === 'titanium') expect(sent).toBeLessThan(output);
        else if (output > 0) expect(sent).toBeCloseTo(output, 3);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("removing Chile in 2023 cuts China's refineries by Chile's share of their concentrate feed", () => {
    const idx = mineralYearIndex(graph, 'copper', 2023);
    const chn = idx.pos.get('refiner:chn-copper')!;
    let feed = 0;
    let fromChile = 0;
    for (let e = 0; e < idx.m; e++) {
      if (idx.dst[e] !== chn || !idx.feed[e]) continue;
      feed += idx.tonnes[e]!;
      if (idx.ids[idx.src[e]!] === 'mine:chl-copper') fromChile += idx.tonnes[e]!;
    }
    expect(fromChile / feed).toBeGreaterThan(0.1);
    const mask = new Uint8Array(idx.n);
    for (let v = 0; v < idx.n; v++) if (idx.country[v] === 'CHL' && !idx.isCountryNode[v]) mask[v] = 1;
    propagate(idx, mask, null);
    expect(idx.scratch.retained[chn]).toBeCloseTo(1 - fromChile / feed, 9);

    // Through the impact analysis: the loss reaches China's consumers, and is larger than Chile's refined share alone.
    const result = impact(graph, { remove: ['country:CHL'], mineral: 'copper', year: 2023 });
    const china = result.consumers.find((c) => c.country === 'country:CHN')!;
    expect(china.tonnesLost).toBeGreaterThan(0);
    const refinedOnly = (dataset.nodes.find((n) => n.id === 'refiner:chl-copper') as FacilityNode).output!['2023']! / 27_000_000;
    expect(result.minerals[0]!.shareLost).toBeGreaterThan(2 * refinedOnly);
  });

  it("removing Guinea (bauxite, no smelter) in 2023 reaches the aluminium consumers through the alumina refiners", () => {
    const result = impact(graph, { remove: ['country:GIN'], mineral: 'aluminum', year: 2023 });
    expect(result.minerals[0]!.shareLost).toBeGreaterThan(0.1);
    expect(result.consumers.find((c) => c.country === 'country:USA')!.tonnesLost).toBeGreaterThan(0);
    // Guinea's bauxite feeds China's smelters (through China's alumina refineries: China refines 82 Mt of 140 Mt).
    const toChina = dataset.flows.find((f) => f.id === 'mine:gin-aluminum>refiner:chn-aluminum:aluminum:2023');
    expect(toChina?.tonnes).toBeGreaterThan(0);
  });

  it('titanium concentrates (ilmenite + rutile, TiO2 content, MCS 2024 only) feed the sponge producers', () => {
    const china = ['Mine production: Ilmenite', 'Mine production: rutile'].reduce((s, t) => {
      const r = rows.find((x) => x.edition === 'MCS2024' && x.commodity_file === 'timin' && x.country_clean === 'China' && x.type!.startsWith(t) && x.year === '2023');
      return s + (r && r.value !== '' ? Number(r.value) * 1000 : 0);
    }, 0);
    expect((dataset.nodes.find((n) => n.id === 'mine:chn-titanium') as FacilityNode).output?.['2023']).toBe(china);
    const rows2023 = chokepoints(graph, { mineral: 'titanium', stage: 'mine', year: 2023, limit: 1 });
    expect(rows2023[0]!.node).toBe('country:CHN');
    // 2020 and 2021 are gross weight in the older editions: not mixed into the TiO2 series.
    expect((dataset.nodes.find((n) => n.id === 'mine:chn-titanium') as FacilityNode).output?.['2021']).toBeUndefined();
  });
});
