// Production by year in the shipped dataset: 2020..2023e from the MCS 2022-2024 editions beside MCS 2026's 2024 and
// 2025e, each year citing the edition it came from, estimates flagged, and flows for every year with production.
import { beforeAll, describe, expect, it } from 'vitest';
import { readShippedDataset } from '../../src/data/index.ts';
import type { Dataset, FacilityNode, MineralNode } from '../../src/domain/model.ts';

let dataset: Dataset;
const node = <T>(id: string) => dataset.nodes.find((n) => n.id === id) as T;

beforeAll(async () => {
  dataset = await readShippedDataset();
});

describe('production by year (MCS 2022-2024 editions + MCS 2026)', () => {
  it("DRC cobalt 2021 is MCS 2023's 119,000 t of the world 165,000 t, cited to that edition", () => {
    const drc = node<FacilityNode>('mine:cod-cobalt');
    const cobalt = node<MineralNode>('mineral:cobalt');
    expect(drc.output?.['2021']).toBe(119000);
    expect(drc.yearSource?.['2021']).toMatch(/Mineral Commodity Summaries 2023 .*mcs2023-cobal_world\.csv/);
    expect(cobalt.worldTotal?.mine?.['2021']).toBe(165000);
    expect(cobalt.yearSource?.['2021']).toMatch(/Mineral Commodity Summaries 2023/);
    // 2024 and 2025e stay MCS 2026's, and the node's own source is still MCS 2026.
    expect(drc.yearSource?.['2024']).toBeUndefined();
    expect(drc.source).toMatch(/Mineral Commodity Summaries 2026/);
  });

  it('2023 is the MCS 2024 estimate (2023e), flagged with its rule', () => {
    const drc = node<FacilityNode>('mine:cod-cobalt');
    expect(drc.output?.['2023']).toBe(170000);
    expect(drc.yearEstimated?.['2023']).toMatch(/2023e/);
    // MCS 2024 publishes the DRC's 2022 cobalt in an estimate column too; Brazil's 2022 niobium is not an estimate.
    expect(drc.yearEstimated?.['2022']).toMatch(/2022e/);
    expect(node<FacilityNode>('mine:bra-niobium').yearEstimated).toEqual({ '2023': 'USGS estimate (2023e) of MCS 2024' });
  });

  it('a country USGS lists only in an older edition gets its own aggregate, located in the country, with no 2024 output', () => {
    const editionOnly = dataset.nodes.filter(
      (n): n is FacilityNode => (n.kind === 'mine' || n.kind === 'refiner') && !!n.notes?.some((x) => x.startsWith('no row in the MCS 2026 table')),
    );
    expect(editionOnly.length).toBeGreaterThan(0);
    for (const n of editionOnly) {
      expect(n.output?.['2024']).toBeUndefined();
      expect(n.source).toMatch(/Mineral Commodity Summaries 202[234] data release/);
      if (n.country !== 'OTH') expect(dataset.links.some((l) => l.type === 'LOCATED_IN' && l.from === n.id && l.to === `country:${n.country}`)).toBe(true);
    }
  });

  it('flows exist for 2020..2025 where production does; each flow of an edition year cites that edition', () => {
    const years = new Set(dataset.flows.map((f) => f.year));
    expect([...years].sort()).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    // Niobium has no 2020 table (MCS 2022 covered 12 commodities): no niobium flows that year.
    expect(dataset.flows.some((f) => f.mineral === 'niobium' && f.year === 2020)).toBe(false);
    const cobalt2021 = dataset.flows.filter((f) => f.mineral === 'cobalt' && f.year === 2021 && f.from === 'mine:cod-cobalt');
    expect(cobalt2021.length).toBeGreaterThan(0);
    for (const f of cobalt2021) expect(f.source).toMatch(/Mineral Commodity Summaries 2023/);
  });
});

describe('trade series (graph/data/trade-series.json)', () => {
  it('is what a rebuild from the BACI extract gives, byte for byte (skipped without ../shared/data)', async () => {
    const { existsSync } = await import('node:fs');
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { defaultSharedDataDir, DEFAULT_DATA_DIR } = await import('../../src/data/index.ts');
    const { buildTradeSeries, serializeTradeSeries, TRADE_SERIES_FILE } = await import('../../src/data/build/trade-series.ts');
    const shared = defaultSharedDataDir();
    if (!existsSync(join(shared, 'baci_trade', 'flows_2024.json'))) return;
    const rebuilt = serializeTradeSeries(await buildTradeSeries(shared));
    expect(rebuilt).toBe(await readFile(join(DEFAULT_DATA_DIR, TRADE_SERIES_FILE), 'utf8'));
    expect(rebuilt.length).toBeLessThan(2_000_000);
  });
});
