// Dependencies (supplier shares, NIR, D = I/(I+P), supplier HHI) on a tiny graph, and seed 000's hot-spot types
// computed from the transcribed seed-000 entries (11 both / 9 US with China main source / 4 US / 8 China).
import { describe, expect, it } from 'vitest';
import { dependencies, hotSpots } from '../../src/analysis/dependency.ts';
import { NotFoundError } from '../../src/domain/errors.ts';
import type { RelianceRecord, SupplyNode } from '../../src/domain/model.ts';
import { SEED000_ROWS } from '../../src/data/sources/seed000.ts';
import { parseSeed000 } from '../../src/data/build/minerals.ts';
import { country, flow, graphOf, mineral, producer, importSharesGraph } from './fixtures.ts';

const rel = (from: string, to: string, year: number, extra: Partial<RelianceRecord>): RelianceRecord => ({
  type: 'RELIES_ON',
  from,
  to,
  year,
  source: `test reliance ${year}`,
  nir: null,
  ...extra,
});

/** USA gets 20 t from its own mine, 60 t from AAA's mine and 20 t traded by BBB; ROW gets 100 t from AAA. */
function dependencyGraph() {
  return graphOf(
    [
      country('USA'),
      country('CHN'),
      country('AAA'),
      country('BBB'),
      country('ROW', { aggregate: true }),
      mineral('x'),
      producer('mine:usa-x', 'USA', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 20 } }),
      producer('mine:aaa-x', 'AAA', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 160 } }),
    ],
    [
      flow('mine:usa-x', 'country:USA', 'x', 20),
      flow('mine:aaa-x', 'country:USA', 'x', 60),
      flow('country:BBB', 'country:USA', 'x', 20),
      flow('mine:aaa-x', 'country:ROW', 'x', 100),
    ],
    [
      rel('country:USA', 'mineral:x', 2024, { nir: 0.7 }),
      rel('country:USA', 'mineral:x', 2025, { nir: 0.8, nirRaw: '80', production: 20, imports: 90, exports: 10 }),
      rel('country:CHN', 'mineral:x', 2017, { nir: 0.6, importSources: { AAA: 0.5, BBB: 0.25, OTH: 0.25 } }),
    ],
  );
}

describe('dependencies', () => {
  it('reports import suppliers from flows, published NIR, D = I/(I+P) and the supplier HHI', () => {
    const [usa] = dependencies(dependencyGraph(), { country: 'USA', mineral: 'x' });
    expect(usa).toMatchObject({ country: 'country:USA', mineral: 'x', year: 2025, nir: 0.8, nirRaw: '80', relianceYear: 2025 });
    // Imports 80 t: AAA 60 (0.75), BBB 20 (0.25); the 20 t domestic supply is not an import.
    expect(usa!.suppliers).toEqual([
      { country: 'country:AAA', share: 0.75, tonnes: 60 },
      { country: 'country:BBB', share: 0.25, tonnes: 20 },
    ]);
    expect(usa!.domesticTonnes).toBe(20);
    expect(usa!.importTonnes).toBe(80);
    // I = 90 - 10 = 80, P = 20: D = 80 / 100.
    expect(usa!.importDependence).toBeCloseTo(0.8, 12);
    expect(usa!.supplierHhi).toBeCloseTo(75 ** 2 + 25 ** 2, 9);
    expect(usa!.source).toMatch(/test reliance 2025/);
  });

  it('lists every consumer and every country with published reliance, using the latest reliance <= year', () => {
    const rows = dependencies(dependencyGraph());
    expect(rows.map((r) => r.country)).toEqual(['country:CHN', 'country:ROW', 'country:USA']);
    const chn = rows[0]!;
    // No flow reaches China: its published import sources are used (OTH outside the HHI), D unknown.
    expect(chn).toMatchObject({ nir: 0.6, relianceYear: 2017, importDependence: null, suppliersFrom: 'published-import-sources' });
    expect(chn.supplierHhi).toBeCloseTo(50 ** 2 + 25 ** 2, 9);
    expect(rows[1]!.supplierHhi).toBeCloseTo(10000, 9);
    expect(rows[1]!.nir).toBeNull();
    expect(dependencies(dependencyGraph(), { country: 'USA', year: 2024 })).toEqual([
      expect.objectContaining({ nir: 0.7, relianceYear: 2024, suppliers: [], suppliersFrom: 'none' }),
    ]);
  });

  it('weighs suppliers by their published import shares where flows carry no tonnes', () => {
    // AAA 30% and BBB 10% of US imports as published; the other 60% are unlisted partners, still imports.
    const graph = importSharesGraph(50, 0.3, 0.1);
    const usa = dependencies(graph, { country: 'USA' })[0]!;
    expect(usa.suppliers).toEqual([
      { country: 'country:AAA', share: expect.closeTo(0.3, 12), tonnes: null },
      { country: 'country:BBB', share: expect.closeTo(0.1, 12), tonnes: null },
    ]);
    expect(usa.importTonnes).toBeNull();
    expect(usa.supplierHhi).toBeCloseTo(30 ** 2 + 10 ** 2, 9);
  });

  it('names unknown countries, minerals and years', () => {
    const graph = dependencyGraph();
    expect(() => dependencies(graph, { country: 'USB' })).toThrow(/did you mean "country:USA"/);
    expect(() => dependencies(graph, { mineral: 'xy' })).toThrow(NotFoundError);
    expect(() => dependencies(graph, { year: 2030 })).toThrow(/available: 2017, 2024, 2025/);
  });
});

describe('hotSpots (seed 000)', () => {
  /** Mineral nodes carrying the transcribed seed-000 entries, as the dataset build stores them. */
  function seedGraph() {
    const byMineral = new Map<string, unknown[]>();
    for (const row of SEED000_ROWS) {
      const entry = parseSeed000(row);
      byMineral.set(entry.mineral, [...(byMineral.get(entry.mineral) ?? []), entry]);
    }
    const nodes: SupplyNode[] = [...byMineral].map(([slug, entries]) => mineral(slug, { seed: { seed000: entries } }));
    return graphOf(nodes, []);
  }

  it('finds the paper\'s 11 / 9 / 4 / 8 materials by name', () => {
    const report = hotSpots(seedGraph());
    expect(report.counts).toEqual({
      'both-dependent': 11,
      'us-dependent-china-main-source': 9,
      'us-dependent': 4,
      'china-dependent': 8,
      none: 0,
    });
    const sorted = (type: keyof typeof report.byType) => [...report.byType[type]].sort();
    expect(sorted('both-dependent')).toEqual(
      ['chromium', 'lithium', 'manganese', 'niobium', 'palladium', 'platinum', 'rhenium', 'rhodium', 'tantalum', 'titanium', 'zirconium'].sort(),
    );
    expect(sorted('us-dependent-china-main-source')).toEqual(
      ['antimony', 'bismuth', 'germanium', 'indium', 'low-purity gallium', 'rare earths', 'refined cobalt', 'tellurium', 'yttrium'].sort(),
    );
    expect(sorted('us-dependent')).toEqual(['potash', 'silver', 'tin', 'zinc']);
    expect(sorted('china-dependent')).toEqual(
      ['beryllium', 'boron', 'cadmium', 'cobalt', 'copper', 'high-purity gallium', 'iron', 'selenium'].sort(),
    );
  });

  it('derives "China main source" from the producers and reports where the paper says otherwise', () => {
    const report = hotSpots(seedGraph());
    const tin = report.entries.find((e) => e.entryEn === 'tin')!;
    const tellurium = report.entries.find((e) => e.entryEn === 'tellurium')!;
    // China leads tin production, but the paper does not name it the main US source; tellurium the reverse.
    expect(tin).toMatchObject({ chinaFirstProducer: true, paperChinaMainSource: false, chinaMainSource: false });
    expect(tellurium).toMatchObject({ chinaFirstProducer: false, paperChinaMainSource: true, chinaMainSource: true });
    expect(report.notes).toHaveLength(2);
    // Every entry's type matches the table it is printed in.
    const tableOf: Record<string, number> = { 'both-dependent': 3, 'us-dependent-china-main-source': 1, 'us-dependent': 1, 'china-dependent': 2 };
    expect(report.entries.every((e) => tableOf[e.type] === e.table)).toBe(true);
  });

  it('tags USA and China dependencies with the type that concerns them', () => {
    const graph = graphOf(
      [country('USA'), country('CHN'), mineral('cobalt', { seed: { seed000: [
        { table: 1, entry: '精炼钴', entryEn: 'refined cobalt', mineral: 'cobalt', usNir: 1, chinaNir: null, usMainSourceChina: true, mainProducers: [{ iso3: 'CHN' }] },
        { table: 2, entry: '钴', entryEn: 'cobalt', mineral: 'cobalt', usNir: null, chinaNir: 0.89, mainProducers: [{ iso3: 'COD' }] },
      ] } })],
      [],
      [rel('country:USA', 'mineral:cobalt', 2025, { nir: 0.7 }), rel('country:CHN', 'mineral:cobalt', 2017, { nir: 0.89 })],
    );
    const rows = dependencies(graph, { mineral: 'cobalt' });
    expect(rows.map((r) => [r.country, r.hotSpot])).toEqual([
      ['country:CHN', 'china-dependent'],
      ['country:USA', 'us-dependent-china-main-source'],
    ]);
  });
});
