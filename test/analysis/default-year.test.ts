// The default data year: the latest year with flows AND production figures, so one imported flow dated later than
// every production figure does not take over every analysis' default (reviewer finding: "niobium 2030 Brazil 100% HHI 0").
import { describe, expect, it } from 'vitest';
import { centrality } from '../../src/analysis/centrality.ts';
import { chokepoints } from '../../src/analysis/chokepoints.ts';
import { productionYears } from '../../src/analysis/common.ts';
import { dependencies } from '../../src/analysis/dependency.ts';
import { defaultYear } from '../../src/analysis/flow-index.ts';
import { impact } from '../../src/analysis/impact.ts';
import { country, flow, graphOf, mineral, producer } from './fixtures.ts';

/**
 * Mineral x in 2025: AAA's aggregate mines 80 t, BBB's 20 t (production figures for 2025 only), all shipped to USA.
 * One imported flow dated 2030: 5 t from AAA's aggregate to the USA, with no production figure for 2030.
 */
function graphWithStrayYear() {
  return graphOf(
    [
      country('AAA'),
      country('BBB'),
      country('USA'),
      mineral('x'),
      producer('mine:aaa-x', 'AAA', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 80 } }),
      producer('mine:bbb-x', 'BBB', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 20 } }),
    ],
    [
      flow('mine:aaa-x', 'country:USA', 'x', 80),
      flow('mine:bbb-x', 'country:USA', 'x', 20),
      flow('mine:aaa-x', 'country:USA', 'x', 5, { year: 2030 }),
    ],
  );
}

describe('default year', () => {
  it('is the latest year with flows and production figures, not the latest year of any flow', () => {
    const graph = graphWithStrayYear();
    expect(graph.getAttribute('years')).toEqual([2025, 2030]);
    expect(productionYears(graph)).toEqual([2025]);
    expect(defaultYear(graph)).toBe(2025);
  });

  it('is what chokepoints, impact, centrality and dependencies use when no year is given', () => {
    const graph = graphWithStrayYear();
    const rows = chokepoints(graph, { mineral: 'x', pagerank: false });
    expect(rows[0]).toMatchObject({ node: 'country:AAA', year: 2025, share: 0.8, impactShare: 0.8 });
    // HHI 80^2 + 20^2.
    expect(rows[0]!.hhi).toBeCloseTo(6800, 9);
    expect(impact(graph, { remove: ['country:AAA'] })).toMatchObject({ year: 2025, minerals: [{ tonnesLost: 80 }] });
    expect(centrality(graph, { metric: 'strength', mineral: 'x' }).year).toBe(2025);
    expect(dependencies(graph, { country: 'USA', mineral: 'x' })[0]!.year).toBe(2025);
  });

  it('still answers for the stray year when asked, with an unknown (null) HHI rather than 0', () => {
    const rows = chokepoints(graphWithStrayYear(), { mineral: 'x', year: 2030, pagerank: false });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.year).toBe(2030);
      expect(r.hhi).toBeNull();
    }
  });

  it('falls back to facility outputs, then to the latest flow year, in graphs without aggregates', () => {
    const facilities = graphOf(
      [country('AAA'), country('USA'), mineral('x'), producer('mine:f', 'AAA', { minerals: ['x'], output: { '2024': 9 } })],
      [flow('mine:f', 'country:USA', 'x', 9, { year: 2024 }), flow('mine:f', 'country:USA', 'x', 9, { year: 2025 })],
    );
    expect(defaultYear(facilities)).toBe(2024);
    const bare = graphOf(
      [country('AAA'), country('USA'), mineral('x'), producer('mine:f', 'AAA', { minerals: ['x'] })],
      [flow('mine:f', 'country:USA', 'x', 9, { year: 2024 }), flow('mine:f', 'country:USA', 'x', 9, { year: 2025 })],
    );
    expect(defaultYear(bare)).toBe(2025);
    expect(defaultYear(graphOf([country('AAA')], []))).toBeNull();
  });
});
