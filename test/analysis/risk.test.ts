// WGI-weighted supply risk (seed 003 eq. 4-7) on hand-computed cases, and the deterministic 2-means.
import { describe, expect, it } from 'vitest';
import { countryGovernance, countryGovernanceRisk, supplyRisk, twoMeans } from '../../src/analysis/risk.ts';
import { NotFoundError } from '../../src/domain/errors.ts';
import { country, graphOf, mineral, producer } from './fixtures.ts';

const all = (v: number) => ({ va: v, pv: v, ge: v, rq: v, rl: v, cc: v });

/**
 * AAA: every WGI 0 -> G' = 1 - 3.5/7 = 1/2, G = 1/2. BBB: every WGI -2.5 -> G = 6/7 (its 2023 row lacks `cc`,
 * so 2022 is used). CCC: va 1.5 (G' = 2/7), the rest 0 -> G = (2/7)^(1/6) (1/2)^(5/6).
 * Minerals (2024): p = AAA 100%; q = AAA 50 / BBB 50; r = BBB 100%; s = AAA 50 / Other countries 50.
 */
function riskGraph() {
  const agg = (id: string, iso3: string, m: string, t: number) =>
    producer(id, iso3, { mineral: m, stage: 'mine', aggregate: true, output: { '2024': t } });
  return graphOf(
    [
      country('AAA', { wgi: { '2022': all(1), '2023': all(0), '2025': all(2) } }),
      country('BBB', { wgi: { '2022': all(-2.5), '2023': { va: -1, pv: -1, ge: -1, rq: -1, rl: -1 } } }),
      country('CCC', { wgi: { '2023': { ...all(0), va: 1.5 } } }),
      country('DDD'),
      ...['p', 'q', 'r', 's'].map((m) => mineral(m)),
      agg('mine:aaa-p', 'AAA', 'p', 10),
      agg('mine:aaa-q', 'AAA', 'q', 5),
      agg('mine:bbb-q', 'BBB', 'q', 5),
      agg('mine:bbb-r', 'BBB', 'r', 7),
      agg('mine:aaa-s', 'AAA', 's', 3),
      agg('mine:other-countries-s', 'OTH', 's', 3),
    ],
    [],
  );
}

describe('countryGovernanceRisk', () => {
  it('is the geometric mean of 1 - (WGI + 3.5) / 7 over the six indicators, latest complete year <= year', () => {
    const graph = riskGraph();
    expect(countryGovernance(graph, 'AAA', 2024)).toMatchObject({ wgiYear: 2023, risk: 0.5 });
    expect(countryGovernanceRisk(graph, 'AAA', 2024)).toBe(0.5);
    expect(countryGovernanceRisk(graph, 'country:AAA', 2022)).toBeCloseTo(1 - 4.5 / 7, 12);
    expect(countryGovernance(graph, 'BBB', 2024)).toMatchObject({ wgiYear: 2022, risk: expect.closeTo(6 / 7, 12) });
    const ccc = countryGovernance(graph, 'CCC', 2025)!;
    expect(ccc.risk).toBeCloseTo((2 / 7) ** (1 / 6) * 0.5 ** (5 / 6), 12);
    expect(ccc.components.va).toBeCloseTo(2 / 7, 12);
    expect(countryGovernanceRisk(graph, 'DDD', 2024)).toBeNull();
    expect(countryGovernanceRisk(graph, 'AAA', 2021)).toBeNull();
    expect(() => countryGovernanceRisk(graph, 'AAB', 2024)).toThrow(NotFoundError);
  });
});

describe('twoMeans', () => {
  it('splits at the midpoint of the converged centres, starting from min and max', () => {
    // Start 0 | 1, midpoint 0.5: {0, 12/41} and {21/41, 1}; centres 6/41 and 31/41, stable.
    const { centroids, threshold } = twoMeans([0, 12 / 41, 21 / 41, 1]);
    expect(centroids[0]).toBeCloseTo(6 / 41, 12);
    expect(centroids[1]).toBeCloseTo(31 / 41, 12);
    expect(threshold).toBeCloseTo(37 / 82, 12);
    // One outlier pulls the split across iterations: {1,2,3,4} vs {10} needs the update step.
    expect(twoMeans([1, 2, 3, 4, 10]).centroids).toEqual([2.5, 10]);
    expect(twoMeans([0.3, 0.3]).threshold).toBe(0.3);
  });
});

describe('supplyRisk', () => {
  it('computes R_raw = sum s^2 G, min-max normalises over everything and thresholds by 2-means', () => {
    const report = supplyRisk(riskGraph());
    const byMineral = Object.fromEntries(report.risks.map((r) => [r.mineral, r]));
    // R_raw: p 1/2; q 1/4 * 1/2 + 1/4 * 6/7 = 19/56; r 6/7; s 1/4 * 1/2 = 1/8 (OTH has no G).
    expect(byMineral.p!.rawRisk).toBeCloseTo(0.5, 12);
    expect(byMineral.q!.rawRisk).toBeCloseTo(19 / 56, 12);
    expect(byMineral.r!.rawRisk).toBeCloseTo(6 / 7, 12);
    expect(byMineral.s!.rawRisk).toBeCloseTo(1 / 8, 12);
    // Range 1/8 .. 6/7 = 41/56: R = 21/41, 12/41, 1, 0.
    expect(byMineral.p!.risk).toBeCloseTo(21 / 41, 12);
    expect(byMineral.q!.risk).toBeCloseTo(12 / 41, 12);
    expect(byMineral.r!.risk).toBe(1);
    expect(byMineral.s!.risk).toBe(0);
    expect(report.threshold).toBeCloseTo(37 / 82, 12);
    expect(report.risks.map((r) => `${r.mineral}:${r.level}`)).toEqual(['p:high', 'q:low', 'r:high', 's:low']);
    expect(byMineral.s!.coverage).toBeCloseTo(0.5, 12);
    expect(byMineral.p!.coverage).toBe(1);
    expect(report.wgiYear).toBe(2023);
    expect(report.centroidDistance).toBeCloseTo(25 / 41, 12);
  });

  it('filters after normalising, so a single mineral keeps its place on the common scale', () => {
    const report = supplyRisk(riskGraph(), { mineral: 'q', year: 2024 });
    expect(report.risks).toHaveLength(1);
    expect(report.risks[0]!.risk).toBeCloseTo(12 / 41, 12);
  });

  it('names producers without WGI and rejects unknown minerals and years', () => {
    const graph = riskGraph();
    graph.addNode('mine:ddd-p', { kind: 'mine', name: 'd', country: 'DDD', minerals: ['p'], mineral: 'p', stage: 'mine', aggregate: true, output: { '2024': 10 }, source: 't', year: 2024 } as never);
    const p = supplyRisk(graph, { mineral: 'p' }).risks[0]!;
    expect(p.missingWgi).toEqual(['country:DDD']);
    expect(p.coverage).toBeCloseTo(0.5, 12);
    expect(() => supplyRisk(graph, { mineral: 'pp' })).toThrow(NotFoundError);
    expect(() => supplyRisk(graph, { year: 2030 })).toThrow(NotFoundError);
  });
});
