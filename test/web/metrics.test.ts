import { describe, expect, it } from 'vitest';
import { countryShares, governanceRisk, supplyShares, supplySharesByMineral } from '../../web/src/metrics.ts';

const all = (v: number) => ({ va: v, pv: v, ge: v, rq: v, rl: v, cc: v });

describe('governanceRisk (seed 003 eq. 4-5)', () => {
  it('is 1 - (WGI + 3.5)/7 when all six indicators agree', () => {
    expect(governanceRisk({ '2023': all(0) }, 2025)).toBeCloseTo(0.5, 12);
    expect(governanceRisk({ '2023': all(2.5) }, 2025)).toBeCloseTo(1 / 7, 12);
    expect(governanceRisk({ '2023': all(-2.5) }, 2025)).toBeCloseTo(6 / 7, 12);
  });

  it('is the geometric mean of the six G\'', () => {
    // G' = 0.5 for three indicators (WGI 0) and 2/7 for three (WGI 1.5): sqrt(0.5 * 2/7)
    const wgi = { '2022': { va: 0, pv: 0, ge: 0, rq: 1.5, rl: 1.5, cc: 1.5 } };
    expect(governanceRisk(wgi, 2025)).toBeCloseTo(Math.sqrt(0.5 * (2 / 7)), 12);
  });

  it('takes the latest complete year not after the asked year', () => {
    const wgi = { '2020': all(0), '2022': all(1), '2023': { va: 2 } };
    expect(governanceRisk(wgi, 2025)).toBeCloseTo(1 - 4.5 / 7, 12); // 2023 incomplete -> 2022
    expect(governanceRisk(wgi, 2021)).toBeCloseTo(0.5, 12); // 2022 is after 2021 -> 2020
    expect(governanceRisk(wgi, 2019)).toBeNull();
    expect(governanceRisk(undefined, 2025)).toBeNull();
  });
});

describe('supplyShares', () => {
  it('divides each node\'s throughput by the mineral\'s final supply', () => {
    const shares = supplyShares([
      { source: 'm1', target: 'r', mineral: 'x', tonnes: 60 },
      { source: 'm2', target: 'r', mineral: 'x', tonnes: 20 },
      { source: 'r', target: 'c1', mineral: 'x', tonnes: 50 },
      { source: 'r', target: 'c2', mineral: 'x', tonnes: 30 },
      { source: 'm1', target: 'c1', mineral: 'y', tonnes: 5 },
    ]);
    expect(shares.get('m1')).toBeCloseTo(1, 12); // 60/80 for x, 5/5 for y: the larger
    expect(shares.get('m2')).toBeCloseTo(0.25, 12);
    expect(shares.get('r')).toBeCloseTo(1, 12);
    expect(shares.get('c1')).toBeCloseTo(1, 12); // 50/80 of x, all of y
    expect(shares.get('c2')).toBeCloseTo(0.375, 12);
  });

  it('counts unknown tonnes as nothing and skips minerals with no known final supply', () => {
    const shares = supplyShares([
      { source: 'a', target: 'b', mineral: 'x', tonnes: null },
      { source: 'c', target: 'd', mineral: 'z', tonnes: 10 },
      { source: 'e', target: 'd', mineral: 'z', tonnes: undefined },
    ]);
    expect(shares.has('a')).toBe(false);
    expect(shares.get('c')).toBe(1);
    expect(shares.get('e')).toBeUndefined();
  });
});

describe('supplySharesByMineral', () => {
  it('keeps each mineral\'s share apart', () => {
    const shares = supplySharesByMineral([
      { source: 'm1', target: 'c1', mineral: 'x', tonnes: 60 },
      { source: 'm2', target: 'c1', mineral: 'x', tonnes: 20 },
      { source: 'm1', target: 'c2', mineral: 'y', tonnes: 5 },
      { source: 'm3', target: 'c2', mineral: 'y', tonnes: 15 },
    ]);
    expect(shares.get('m1')).toEqual(new Map([['x', 0.75], ['y', 0.25]]));
    expect(shares.get('m2')).toEqual(new Map([['x', 0.25]]));
  });
});

describe('countryShares', () => {
  // Country Q: a national total of m (60% of it) fed by two facilities (30% each): Q holds 60%, not 120%.
  // Country R: two facilities and no national total (10% + 20%) for its mine stage, and a refiner holding 45%.
  const byMineral = new Map([
    ['agg:q', new Map([['m', 0.6]])],
    ['f1:q', new Map([['m', 0.3]])],
    ['f2:q', new Map([['m', 0.3]])],
    ['f3:r', new Map([['m', 0.1], ['n', 1]])],
    ['f4:r', new Map([['m', 0.2]])],
    ['ref:r', new Map([['m', 0.45]])],
    ['consumer', new Map([['m', 1]])],
  ]);
  const nodes = [
    { id: 'agg:q', kind: 'mine', country: 'QQQ', aggregate: true, stage: 'mine' },
    { id: 'f1:q', kind: 'mine', country: 'QQQ' },
    { id: 'f2:q', kind: 'mine', country: 'QQQ' },
    { id: 'f3:r', kind: 'mine', country: 'RRR' },
    { id: 'f4:r', kind: 'mine', country: 'RRR' },
    { id: 'ref:r', kind: 'refiner', country: 'RRR' },
    { id: 'consumer', kind: 'country' },
  ];

  it('takes the national total when there is one, else sums the facilities, and the larger stage', () => {
    const shares = countryShares(nodes, byMineral);
    expect(shares.get('country:QQQ')).toEqual(new Map([['m', 0.6]]));
    expect(shares.get('country:RRR')!.get('m')).toBeCloseTo(0.45, 12); // refined 45% beats mine 10% + 20%
    expect(shares.get('country:RRR')!.get('n')).toBe(1);
    expect(shares.has('country:consumer')).toBe(false);
  });

  it('caps a sum of facilities at the whole', () => {
    const over = new Map([
      ['a', new Map([['m', 0.7]])],
      ['b', new Map([['m', 0.6]])],
    ]);
    const shares = countryShares(
      [
        { id: 'a', kind: 'mine', country: 'SSS' },
        { id: 'b', kind: 'mine', country: 'SSS' },
      ],
      over,
    );
    expect(shares.get('country:SSS')!.get('m')).toBe(1);
  });
});
