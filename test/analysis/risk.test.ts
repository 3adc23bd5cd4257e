// WGI-weighted supply risk (seed 003 eq. 4-7) on hand-computed cases, and the deterministic 2-means.
import seedrandom from 'seedrandom';
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

/** Within-cluster sum of squares of a partition (the k-means objective), for the brute-force check. */
function sse(groups: number[][]): number {
  let total = 0;
  for (const g of groups) {
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    for (const v of g) total += (v - mean) ** 2;
  }
  return total;
}

describe('twoMeans (exact 1-D 2-means)', () => {
  it("finds the global optimum where Lloyd's iteration from min and max stops at a local one", () => {
    // Lloyd's from centres 0 and 1 (midpoint 0.5) keeps {0, 0.4, 0.45} | {0.5, 1}: centres 0.2833 and 0.75, midpoint
    // 0.5167, same partition, SSE 0.121667 + 0.125 = 0.246667. {0} | rest is better (0.231875), and the optimum is
    // {0, 0.4, 0.45, 0.5} | {1}: mean 0.3375, SSE 0.3375^2 + 0.0625^2 + 0.1125^2 + 0.1625^2 = 0.156875.
    const values = [0, 0.4, 0.45, 0.5, 1];
    const result = twoMeans(values);
    expect(result.lowCount).toBe(4);
    expect(result.centroids[0]).toBeCloseTo(0.3375, 12);
    expect(result.centroids[1]).toBe(1);
    expect(result.threshold).toBeCloseTo(0.66875, 12);
    expect(result.sse).toBeCloseTo(0.156875, 12);
    expect(sse([[0, 0.4, 0.45], [0.5, 1]])).toBeCloseTo(0.246667, 6);
    expect(sse([[0], [0.4, 0.45, 0.5, 1]])).toBeCloseTo(0.231875, 12);
    expect(result.sse).toBeLessThan(sse([[0], [0.4, 0.45, 0.5, 1]]));
  });

  it('splits sorted runs regardless of input order; one cluster when all values are equal', () => {
    // [0, 12/41, 21/41, 1]: splits after 1, 2, 3 values cost 0.2622, 272/1681 and 222/1681: {0, 12/41, 21/41} | {1}.
    const { centroids, threshold, sse: best } = twoMeans([1, 21 / 41, 0, 12 / 41]);
    expect(centroids[0]).toBeCloseTo(11 / 41, 12);
    expect(centroids[1]).toBe(1);
    expect(threshold).toBeCloseTo(26 / 41, 12);
    expect(best).toBeCloseTo(222 / 1681, 12);
    expect(twoMeans([1, 2, 3, 4, 10]).centroids).toEqual([2.5, 10]);
    expect(twoMeans([0.3, 0.3])).toEqual({ centroids: [0.3, 0.3], threshold: 0.3, sse: 0, lowCount: 2 });
    expect(twoMeans([])).toMatchObject({ threshold: 0, lowCount: 0 });
    // Equal values stay together: {2, 2} | {5} (SSE 0), never {2} | {2, 5}.
    expect(twoMeans([2, 5, 2])).toMatchObject({ centroids: [2, 5], lowCount: 2, sse: 0 });
  });

  it('matches brute force over every 2-partition of small seeded random sets', () => {
    const random = seedrandom('two-means');
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + (trial % 9);
      const values = Array.from({ length: n }, () => Math.round(random() * 20) / 20);
      let best = Infinity;
      for (let mask = 1; mask < (1 << n) - 1; mask++) {
        const a = values.filter((_v, i) => mask & (1 << i));
        const b = values.filter((_v, i) => !(mask & (1 << i)));
        best = Math.min(best, sse([a, b]));
      }
      if (new Set(values).size === 1) best = 0;
      expect(twoMeans(values).sse).toBeCloseTo(best, 9);
    }
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
    // Exact 2-means of {0, 12/41, 21/41, 1}: {0, 12/41, 21/41} | {1}, centres 11/41 and 1, boundary 26/41.
    expect(report.threshold).toBeCloseTo(26 / 41, 12);
    expect(report.risks.map((r) => `${r.mineral}:${r.level}`)).toEqual(['p:low', 'q:low', 'r:high', 's:low']);
    expect(byMineral.s!.coverage).toBeCloseTo(0.5, 12);
    expect(byMineral.p!.coverage).toBe(1);
    expect(report.wgiYear).toBe(2023);
    expect(report.centroidDistance).toBeCloseTo(30 / 41, 12);
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
