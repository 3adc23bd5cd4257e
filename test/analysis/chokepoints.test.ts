// Chokepoint ranking on the hand-built refiner graph: impact shares, tie-breaks, per-stage groups and limits.
import { describe, expect, it } from 'vitest';
import { chokepoints } from '../../src/analysis/chokepoints.ts';
import { InvalidInputError, NotFoundError } from '../../src/domain/errors.ts';
import { refinerGraph } from './fixtures.ts';

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
