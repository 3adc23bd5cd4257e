// Chokepoint ranking on the hand-built refiner graph: impact shares, tie-breaks, per-stage groups and limits.
import { describe, expect, it } from 'vitest';
import { chokepoints } from '../../src/analysis/chokepoints.ts';
import { InvalidInputError, NotFoundError } from '../../src/domain/errors.ts';
import { country, flow, graphOf, mineral, producer, refinerGraph } from './fixtures.ts';

describe('chokepoints', () => {
  it('ranks every producer of a stage by the share of supply its removal loses, countries first on ties', () => {
    const rows = chokepoints(refinerGraph(), { mineral: 'x', stage: 'mine' });
    // AAA (fa1 + fa2 + a) and a lose 60 of 100; BBB and b 40; fa1, fa2 30 each (half of a).
    expect(rows.map((r) => [r.rank, r.node, r.impactShare, r.share])).toEqual([
      [1, 'country:AAA', 0.6, 0.6],
      [2, 'mine:a', 0.6, 0.6],
      [3, 'country:BBB', 0.4, 0.4],
      [4, 'mine:b', 0.4, 0.4],
      [5, 'mine:fa1', 0.3, 0.3],
      [6, 'mine:fa2', 0.3, 0.3],
    ]);
    const aaa = rows[0]!;
    expect(aaa).toMatchObject({ kind: 'country', country: 'AAA', mineral: 'x', stage: 'mine', year: 2025, consumersHit: 3, countryRisk: null });
    expect(aaa.hhi).toBeCloseTo(5200, 9);
    expect(aaa.hhiContribution).toBeCloseTo(3600, 9);
  });

  it("gives a country row its producers' PageRank mass", () => {
    const rows = chokepoints(refinerGraph(), { mineral: 'x', stage: 'mine' });
    const by = Object.fromEntries(rows.map((r) => [r.node, r.pagerank]));
    expect(by['mine:a']).toBeGreaterThan(0);
    expect(by['country:AAA']).toBeCloseTo(by['mine:a']! + by['mine:fa1']! + by['mine:fa2']!, 12);
    expect(chokepoints(refinerGraph(), { mineral: 'x', stage: 'mine', pagerank: false })[0]!.pagerank).toBeNull();
  });

  it('ranks each stage separately and applies the limit per mineral and stage', () => {
    const rows = chokepoints(refinerGraph(), { limit: 2 });
    expect(rows.map((r) => `${r.stage}:${r.rank}:${r.node}:${r.impactShare}`)).toEqual([
      'mine:1:country:AAA:0.6',
      'mine:2:mine:a:0.6',
      'refined:1:country:AAA:1',
      'refined:2:refiner:r:1',
    ]);
    expect(rows[2]!.hhi).toBeCloseTo(10000, 9);
  });

  it('rejects bad options', () => {
    const graph = refinerGraph();
    expect(() => chokepoints(graph, { limit: 0 })).toThrow(InvalidInputError);
    expect(() => chokepoints(graph, { stage: 'trade' as never })).toThrow(InvalidInputError);
    expect(() => chokepoints(graph, { mineral: 'xz' })).toThrow(NotFoundError);
    expect(() => chokepoints(graph, { year: 2020 })).toThrow(NotFoundError);
  });
});

describe('chokepoints across stages', () => {
  it('ranks a named mine inside a refined-stage aggregate with that aggregate (its figure is a split of it)', () => {
    // ICMM-style copper mines m1, m2 (AAA) split the AAA refined aggregate (80 t); BBB refines 20 t.
    const graph = graphOf(
      [
        country('AAA'),
        country('BBB'),
        country('ROW'),
        mineral('cu'),
        producer('mine:m1', 'AAA', { minerals: ['cu'] }),
        producer('mine:m2', 'AAA', { minerals: ['cu'] }),
        producer('refiner:aaa-cu', 'AAA', { mineral: 'cu', stage: 'refined', aggregate: true, output: { '2025': 80 } }),
        producer('refiner:bbb-cu', 'BBB', { mineral: 'cu', stage: 'refined', aggregate: true, output: { '2025': 20 } }),
      ],
      [
        flow('mine:m1', 'refiner:aaa-cu', 'cu', 40),
        flow('mine:m2', 'refiner:aaa-cu', 'cu', 40),
        flow('refiner:aaa-cu', 'country:ROW', 'cu', 80),
        flow('refiner:bbb-cu', 'country:ROW', 'cu', 20),
      ],
    );
    const rows = chokepoints(graph, { mineral: 'cu', pagerank: false });
    expect(rows.every((r) => r.stage === 'refined')).toBe(true);
    expect(rows.map((r) => [r.node, r.impactShare])).toEqual([
      ['country:AAA', 0.8],
      ['refiner:aaa-cu', 0.8],
      ['mine:m1', 0.4],
      ['mine:m2', 0.4],
      ['country:BBB', 0.2],
      ['refiner:bbb-cu', 0.2],
    ]);
  });
});
