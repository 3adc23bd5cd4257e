// By-product coupling (issue 13, item 2) on a hand-computed graph: a host's loss takes share x loss from each
// companion, several hosts combine as independent shocks, ranges follow the share's range, and the option turns it
// off; on the shipped data China's aluminium ban reports gallium lost, along the path aluminium -> gallium.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { companionsOf } from '../../src/analysis/by-products.ts';
import { chokepoints } from '../../src/analysis/chokepoints.ts';
import { impact } from '../../src/analysis/impact.ts';
import { buildSupplyGraph, type SupplyGraph } from '../../src/domain/graph.ts';
import type { LinkRecord } from '../../src/domain/model.ts';
import { DEFAULT_DATA_DIR, readShippedDataset } from '../../src/data/index.ts';
import { country, flow, graphOf, mineral, producer } from './fixtures.ts';

const link = (companion: string, host: string, share: number, range: [number, number]): LinkRecord =>
  ({ type: 'BY_PRODUCT_OF', from: `mineral:${companion}`, to: `mineral:${host}`, share, shareRange: range, source: 'test fixture', year: 2025, estimated: true, rule: 'test' }) as LinkRecord;

/**
 * Host h: mine:ha (AAA, 60 t) and mine:hb (BBB, 40 t), each to ROW. Host g: mine:ga (AAA, 20 t) to ROW.
 * Companion c: mine:ca (CCC, 10 t): 4 t to the USA, 6 t to ROW. c comes half with h ([0.4, 0.6]), a quarter with g.
 */
function coupled(): SupplyGraph {
  return graphOf(
    [
      country('AAA'),
      country('BBB'),
      country('CCC'),
      country('USA'),
      country('ROW'),
      mineral('h'),
      mineral('g'),
      mineral('c'),
      producer('mine:ha', 'AAA', { mineral: 'h', stage: 'mine', aggregate: true, output: { '2025': 60 } }),
      producer('mine:hb', 'BBB', { mineral: 'h', stage: 'mine', aggregate: true, output: { '2025': 40 } }),
      producer('mine:ga', 'AAA', { mineral: 'g', stage: 'mine', aggregate: true, output: { '2025': 20 } }),
      producer('mine:ca', 'CCC', { mineral: 'c', stage: 'mine', aggregate: true, output: { '2025': 10 } }),
    ],
    [
      flow('mine:ha', 'country:ROW', 'h', 60),
      flow('mine:hb', 'country:ROW', 'h', 40),
      flow('mine:ga', 'country:ROW', 'g', 20),
      flow('mine:ca', 'country:USA', 'c', 4),
      flow('mine:ca', 'country:ROW', 'c', 6),
    ],
    [link('c', 'h', 0.5, [0.4, 0.6]), link('c', 'g', 0.25, [0.25, 0.25])],
  );
}

describe('by-product coupling', () => {
  it('a host losing 60% of its output takes 0.5 x 60% = 30% of its companion, spread over its consumers', () => {
    const result = impact(coupled(), { remove: ['mine:ha'], mineral: 'h' });
    expect(result.byProducts).toHaveLength(1);
    const [c] = result.byProducts!;
    expect(c!.mineral).toBe('c');
    expect(c!.shareLost).toBeCloseTo(0.3, 12);
    expect(c!.tonnesBefore).toBe(10);
    expect(c!.tonnesLost).toBeCloseTo(3, 12);
    expect(c!.shareLostRange[0]).toBeCloseTo(0.24, 12);
    expect(c!.shareLostRange[1]).toBeCloseTo(0.36, 12);
    expect(c!.via).toEqual([expect.objectContaining({ host: 'h', share: 0.5, hostShareLost: expect.closeTo(0.6, 12), path: ['mineral:h', 'mineral:c'] })]);
    expect(c!.consumers).toEqual([
      { country: 'country:ROW', tonnesBefore: 6, tonnesLost: expect.closeTo(1.8, 12), tonnesLostRange: [expect.closeTo(1.44, 12), expect.closeTo(2.16, 12)] },
      { country: 'country:USA', tonnesBefore: 4, tonnesLost: expect.closeTo(1.2, 12), tonnesLostRange: [expect.closeTo(0.96, 12), expect.closeTo(1.44, 12)] },
    ]);
    expect(result.notes.join(' ')).toMatch(/by-products: c \(via h\)/);
  });

  it('several hosts combine as independent shocks: 1 - (1 - 0.3)(1 - 0.25) = 0.475', () => {
    const [c] = impact(coupled(), { remove: ['country:AAA'] }).byProducts!;
    expect(c!.shareLost).toBeCloseTo(0.475, 12);
    expect(c!.via.map((v) => v.host)).toEqual(['g', 'h']);
  });

  it('follows severity (half of ha: 15%), and byProducts: false leaves it out', () => {
    expect(impact(coupled(), { remove: ['mine:ha@0.5'] }).byProducts![0]!.shareLost).toBeCloseTo(0.15, 12);
    expect(impact(coupled(), { remove: ['mine:ha'], byProducts: false }).byProducts).toBeUndefined();
    // A removal touching no host reports no by-product.
    expect(impact(coupled(), { remove: ['mine:ca'] }).byProducts).toBeUndefined();
  });

  it('chokepoints: off by default; with byProducts the host producers rank in the companion market, marked via', () => {
    const plain = chokepoints(coupled(), { mineral: 'c', pagerank: false });
    expect(plain.every((r) => r.via === undefined)).toBe(true);
    // The producers here are national totals (aggregates): --level all ranks them apart from the countries.
    const rows = chokepoints(coupled(), { mineral: 'c', pagerank: false, byProducts: true, level: 'all' }).filter((r) => r.level === 'national-total');
    // mine:ca 100% of c; mine:ha takes 0.5 x 60% = 30%, mine:hb 0.5 x 40% = 20%, mine:ga 0.25 x 100% = 25%.
    expect(rows.map((r) => [r.node, r.rank, Number(r.impactShare.toFixed(12))])).toEqual([
      ['mine:ca', 1, 1],
      ['mine:ha', 2, 0.3],
      ['mine:ga', 3, 0.25],
      ['mine:hb', 4, 0.2],
    ]);
    expect(rows[1]).toMatchObject({ via: { host: 'h', share: 0.5 }, share: 0, estimated: true, mineral: 'c' });
  });

  it('lists the companions of a host, largest share first', () => {
    expect(companionsOf(coupled(), 'h').map((l) => l.from)).toEqual(['mineral:c']);
    expect(companionsOf(coupled(), 'c')).toEqual([]);
  });
});

const shipped = existsSync(join(DEFAULT_DATA_DIR, 'nodes.json'));

describe.skipIf(!shipped)('by-product coupling on the shipped dataset', () => {
  let graph: SupplyGraph;
  beforeAll(async () => {
    graph = buildSupplyGraph(await readShippedDataset());
  });

  it('ships one cited, estimated BY_PRODUCT_OF link per host-companion pair whose minerals exist', () => {
    const links = graph.getAttribute('byProducts')!;
    expect(links.map((l) => `${l.from}>${l.to}`).sort()).toEqual(
      [
        'mineral:cobalt>mineral:copper',
        'mineral:cobalt>mineral:nickel',
        'mineral:gallium>mineral:aluminum',
        'mineral:gallium>mineral:zinc',
        'mineral:germanium>mineral:zinc',
        'mineral:indium>mineral:zinc',
        'mineral:rhenium>mineral:molybdenum',
        'mineral:selenium>mineral:copper',
        'mineral:tellurium>mineral:copper',
      ].sort(),
    );
    for (const l of links) {
      expect(l).toMatchObject({ estimated: true, rule: expect.stringMatching(/^qualitative-share/) });
      expect(l.source).toMatch(/Nassar, Graedel & Harper \(2015\)/);
      expect(l.share).toBeGreaterThanOrEqual(l.shareRange![0]);
      expect(l.share).toBeLessThanOrEqual(l.shareRange![1]);
    }
  });

  it("impact --remove country:CHN/aluminum reports gallium lost, along aluminium -> gallium", () => {
    const result = impact(graph, { remove: ['country:CHN/aluminum'] });
    const al = result.minerals.find((m) => m.mineral === 'aluminum')!;
    const ga = result.byProducts!.find((b) => b.mineral === 'gallium')!;
    expect(ga.via).toEqual([expect.objectContaining({ host: 'aluminum', path: ['mineral:aluminum', 'mineral:gallium'] })]);
    expect(ga.shareLost).toBeCloseTo(0.75 * (al.productionShareLost ?? al.shareLost), 12);
    expect(ga.tonnesLost).toBeGreaterThan(0);
    expect(ga.shareLostRange[0]).toBeLessThan(ga.shareLost);
    expect(ga.shareLostRange[1]).toBeGreaterThan(ga.shareLost);
  });
});
