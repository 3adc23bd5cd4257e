// Feed flows into a refinery that is also split over its own facilities (flow-index.ts mixedFeed): the refinery
// delivers the smaller of the two fractions still arriving, on a tiny hand-computed graph.
import { describe, expect, it } from 'vitest';
import { impact } from '../../src/analysis/impact.ts';
import { mineralYearIndex } from '../../src/analysis/flow-index.ts';
import { country, flow, graphOf, mineral, producer } from './fixtures.ts';

/** AAA mines 60 and BBB 40 (Cu content); AAA's refinery (100 t, split over two plants 70/30) is fed by both mines. */
function fedRefinery() {
  return graphOf(
    [
      country('AAA'),
      country('BBB'),
      country('USA'),
      mineral('x', { units: { mine: 't', refined: 't' } }),
      producer('mine:a', 'AAA', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 60 } }),
      producer('mine:b', 'BBB', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 40 } }),
      producer('refiner:p1', 'AAA', { minerals: ['x'] }),
      producer('refiner:p2', 'AAA', { minerals: ['x'] }),
      producer('refiner:r', 'AAA', { mineral: 'x', stage: 'refined', aggregate: true, output: { '2025': 100 } }),
    ],
    [
      flow('refiner:p1', 'refiner:r', 'x', 70),
      flow('refiner:p2', 'refiner:r', 'x', 30),
      flow('mine:a', 'refiner:r', 'x', 60, { stage: 'mine' }),
      flow('mine:b', 'refiner:r', 'x', 40, { stage: 'mine' }),
      flow('refiner:r', 'country:USA', 'x', 100, { stage: 'refined' }),
    ],
  );
}

describe('feed flows (upstream stages)', () => {
  it('marks mine -> refiner aggregate flows as feed and the refinery as mixed', () => {
    const idx = mineralYearIndex(fedRefinery(), 'x', 2025);
    const feeds: string[] = [];
    for (let e = 0; e < idx.m; e++) if (idx.feed[e] === 1) feeds.push(`${idx.ids[idx.src[e]!]}>${idx.ids[idx.dst[e]!]}`);
    expect(feeds.sort()).toEqual(['mine:a>refiner:r', 'mine:b>refiner:r']);
    expect(idx.mixedFeed[idx.pos.get('refiner:r')!]).toBe(1);
  });

  it('losing a mine cuts the refinery by its share of the feed, not diluted by the plants (40%, not 20%)', () => {
    const result = impact(fedRefinery(), { remove: ['mine:b'] });
    expect(result.minerals[0]!.shareLost).toBeCloseTo(0.4, 12);
  });

  it('losing a plant cuts the refinery by the plant\'s share of its own output (30%)', () => {
    const result = impact(fedRefinery(), { remove: ['refiner:p2'] });
    expect(result.minerals[0]!.shareLost).toBeCloseTo(0.3, 12);
  });

  it('both at once: the smaller fraction left binds (min(0.7, 0.6) = 0.6 kept)', () => {
    const result = impact(fedRefinery(), { remove: ['refiner:p2', 'mine:b'] });
    expect(result.minerals[0]!.shareLost).toBeCloseTo(0.4, 12);
  });
});
