// The committed dataset in graph/data: provenance on every record, published figures reproduced exactly, and the
// estimation rules checked on hand-computed values read by eye from ../shared/data (USGS MCS 2026 CSVs).
import { beforeAll, describe, expect, it } from 'vitest';
import { readShippedDataset, datasetProblems } from '../../src/data/index.ts';
import type { Dataset, FacilityNode, FlowRecord, MineralNode, RelianceRecord, SupplyNode } from '../../src/domain/model.ts';

let dataset: Dataset;
let nodes: Map<string, SupplyNode>;
let flows: Map<string, FlowRecord>;

beforeAll(async () => {
  dataset = await readShippedDataset();
  nodes = new Map(dataset.nodes.map((n) => [n.id, n]));
  flows = new Map(dataset.flows.map((f) => [f.id, f]));
});

const facility = (id: string) => nodes.get(id) as FacilityNode;
const mineral = (slug: string) => nodes.get(`mineral:${slug}`) as MineralNode;
const flow = (id: string) => {
  const f = flows.get(id);
  if (!f) throw new Error(`no flow ${id}`);
  return f;
};
const outflows = (id: string, year: number) => dataset.flows.filter((f) => f.from === id && f.year === year);

describe('graph/data provenance', () => {
  it('every node, flow and link has a non-empty source and an integer year', () => {
    for (const record of [...dataset.nodes, ...dataset.flows, ...dataset.links]) {
      expect(typeof record.source === 'string' && record.source.trim().length > 0, JSON.stringify(record).slice(0, 120)).toBe(true);
      expect(Number.isInteger(record.year), JSON.stringify(record).slice(0, 120)).toBe(true);
    }
  });

  it('every estimated record states its rule', () => {
    const estimated = [...dataset.nodes, ...dataset.flows, ...dataset.links].filter((r) => r.estimated);
    expect(estimated.length).toBeGreaterThan(1000);
    for (const record of estimated) expect(record.rule?.trim().length, JSON.stringify(record).slice(0, 120)).toBeGreaterThan(10);
  });

  it('passes the full validation: unique ids, no dangling flow or link, tonnes and shares in range', () => {
    expect(datasetProblems(dataset)).toEqual([]);
  });
});

describe('graph/data coverage', () => {
  it('has >= 150 countries with WGI, all six indicators in 2023 for the big producers', () => {
    const withWgi = dataset.nodes.filter((n) => n.kind === 'country' && n.wgi && Object.keys(n.wgi).length);
    expect(withWgi.length).toBeGreaterThanOrEqual(150);
    for (const iso3 of ['CHN', 'USA', 'BRA', 'COD']) {
      const node = nodes.get(`country:${iso3}`);
      expect(node?.kind === 'country' && Object.keys(node.wgi?.['2023'] ?? {}).sort()).toEqual(['cc', 'ge', 'pv', 'rl', 'rq', 'va']);
    }
  });

  it('has >= 35 minerals and >= 500 named facilities (mines and refiners that are not aggregates)', () => {
    expect(dataset.nodes.filter((n) => n.kind === 'mineral').length).toBeGreaterThanOrEqual(35);
    const named = dataset.nodes.filter((n) => (n.kind === 'mine' || n.kind === 'refiner') && !n.aggregate);
    expect(named.length).toBeGreaterThanOrEqual(500);
  });

  it('has the rest-of-world aggregate consumer, estimated with its rule', () => {
    const row = nodes.get('country:ROW');
    expect(row).toMatchObject({ kind: 'country', aggregate: true, estimated: true });
    expect(row?.rule).toContain('minus what it sends to the United States');
  });
});

describe('published USGS figures (mcs2026_world_production.csv, read by eye)', () => {
  it('beryllium: the United States mined 230 t of the world 430 t in 2025e (53.5%)', () => {
    const usa = facility('mine:usa-beryllium');
    expect(usa.output).toEqual({ '2024': 230, '2025': 230 });
    expect(mineral('beryllium').worldTotal?.mine).toEqual({ '2024': 433, '2025': 430 });
    // The US aggregate's outflows (to the US and the rest of the world) carry exactly its output.
    const out = outflows('mine:usa-beryllium', 2025).reduce((s, f) => s + (f.tonnes ?? 0), 0);
    expect(out).toBe(230);
    expect(out / mineral('beryllium').worldTotal!.mine!['2025']!).toBeCloseTo(230 / 430, 12);
  });

  it('niobium: Brazil mined 104,000 t of the world 112,000 t in 2025e (92.9%)', () => {
    expect(facility('mine:bra-niobium').output).toEqual({ '2024': 104000, '2025': 104000 });
    const out = outflows('mine:bra-niobium', 2025).reduce((s, f) => s + (f.tonnes ?? 0), 0);
    expect(out).toBeCloseTo(104000, 6);
    const share = out / mineral('niobium').worldTotal!.mine!['2025']!;
    expect(share).toBeCloseTo(0.928571, 6);
    // Country rows of 2025e: 104000 + 6000 + 40 + 970 + 300 + 200 (+ 120 other countries, + US 0).
    const rows = dataset.nodes.filter((n): n is FacilityNode => n.kind === 'mine' && n.aggregate === true && n.mineral === 'niobium');
    expect(rows.reduce((s, n) => s + (n.output?.['2025'] ?? 0), 0)).toBe(111630);
  });

  it('converts thousand metric tons and kilograms to metric tons exactly', () => {
    expect(facility('refiner:chn-copper').output).toEqual({ '2024': 12_400_000, '2025': 14_000_000 });
    expect(facility('mine:zaf-palladium').output).toEqual({ '2024': 82.6, '2025': 70 });
    expect(facility('refiner:chn-gallium')).toMatchObject({ output: { '2024': 839, '2025': 900 }, capacity: { '2025': 1600 } });
  });

  it('keeps "Other countries" as an OTH aggregate and raw strings that carry meaning', () => {
    expect(facility('mine:other-countries-nickel')).toMatchObject({ country: 'OTH', output: { '2024': 308000, '2025': 290000 }, raw: { reserves: '>9,100,000' } });
    expect(facility('mine:usa-lithium')).toMatchObject({ raw: { output2024: 'W', output2025: 'W' }, reserves: 4_400_000 });
    expect(facility('mine:usa-lithium').output).toBeUndefined();
    expect(mineral('niobium').raw).toEqual({ worldReserves: '>21000000' });
  });
});

describe('estimation rules, hand-computed', () => {
  it('ICMM facilities split their country figure equally: 3 Brazilian niobium sites x 104000 / 3', () => {
    const f = flow('mine:catalao-icmm01156>mine:bra-niobium:niobium:2025');
    expect(f).toMatchObject({ tonnes: 34666.666667, estimated: true });
    expect(f.rule).toContain('N = 3 ICMM facilities listing niobium');
  });

  it('seed 002 allocates mine output to refiners: DRC cobalt 230000 t x 74% to China', () => {
    expect(flow('mine:cod-cobalt>refiner:chn-cobalt:cobalt:2025')).toMatchObject({ tonnes: 170200, share: 0.74, estimated: true });
    // Finland: 10% of the 2025e cobalt mine rows (countries + other) = 0.1 x 314600.
    expect(facility('refiner:fin-cobalt').output?.['2025']).toBe(31460);
    // Remainders: nickel 24% to other countries, none for graphite (China 100%).
    expect(flow('mine:idn-nickel>refiner:other-countries-nickel:nickel:2025').tonnes).toBe(624000);
    expect(nodes.has('refiner:other-countries-graphite')).toBe(false);
  });

  it('US imports: Brazil 67% of niobium imports 10,000 t in 2025e; the rest of Brazil goes to ROW', () => {
    expect(flow('mine:bra-niobium>country:USA:niobium:2025')).toMatchObject({ tonnes: 6700, importShare: 0.67 });
    expect(flow('mine:bra-niobium>country:ROW:niobium:2025').tonnes).toBe(97300);
  });

  it('US domestic supply = production - exports: beryllium 230 - 15 t in 2025e', () => {
    expect(flow('mine:usa-beryllium>country:USA:beryllium:2025').tonnes).toBe(215);
    expect(flow('mine:usa-beryllium>country:ROW:beryllium:2025').tonnes).toBe(15);
  });

  it('a partner without a producer node ships as trade: Kazakhstan 31% x 10 t of beryllium', () => {
    expect(flow('country:KAZ>country:USA:beryllium:2025')).toMatchObject({ stage: 'trade', tonnes: 3.1, importShare: 0.31 });
  });

  it('shipments beyond a partner output travel as trade: Australia tantalum 14% x 1300 t vs 50 t mined', () => {
    expect(flow('mine:aus-tantalum>country:USA:tantalum:2025').tonnes).toBe(50);
    expect(flow('country:AUS>country:USA:tantalum:2025').tonnes).toBe(132);
  });

  it('manganese uses net imports = NIR x apparent consumption (Mn content): Gabon 23% x 640000 t', () => {
    expect(flow('mine:gab-manganese>country:USA:manganese:2025').tonnes).toBe(147200);
  });

  it('a US import figure in another basis gives tonnes null with the share (chromium)', () => {
    expect(flow('mine:zaf-chromium>country:USA:chromium:2025')).toMatchObject({ tonnes: null, importShare: 0.31 });
  });
});

describe('RELIES_ON links', () => {
  const reliance = (from: string, slug: string, year: number) =>
    dataset.links.find((l) => l.type === 'RELIES_ON' && l.from === from && l.to === `mineral:${slug}` && l.year === year) as RelianceRecord;

  it('US cobalt 2024: NIR 74% with the salient statistics and import sources as published', () => {
    expect(reliance('country:USA', 'cobalt', 2024)).toMatchObject({
      nir: 0.74,
      nirRaw: '74',
      production: 200,
      imports: 10800,
      exports: 4880,
      apparentConsumption: 7960,
      importSources: { NOR: 0.26, FIN: 0.16, CAN: 0.14, JPN: 0.14, OTH: 0.3 },
      importPeriod: '2021-24',
    });
  });

  it('US beryllium 2025e is a net exporter; tungsten keeps the ">50" bound', () => {
    expect(reliance('country:USA', 'beryllium', 2025)).toMatchObject({ nir: null, nirRaw: 'E', netExporter: true });
    expect(reliance('country:USA', 'tungsten', 2025)).toMatchObject({ nir: 0.5, nirRaw: '>50' });
  });

  it('has five US years for niobium and China reliance from seed 000 (2017)', () => {
    expect([2021, 2022, 2023, 2024, 2025].map((y) => reliance('country:USA', 'niobium', y)?.nir)).toEqual([1, 1, 1, 1, 1]);
    expect(reliance('country:CHN', 'beryllium', 2017)).toMatchObject({ nir: 0.69 });
    expect(reliance('country:CHN', 'cobalt', 2017)?.source).toContain('Table 2');
  });
});
