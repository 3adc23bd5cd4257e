// Uncertainty ranges (issue 13, item 3): published inputs give zero-width ranges, estimated ones non-zero widths
// that contain the point value; the draws are seeded (same seed, same ranges); the range rules of
// domain/uncertainty.ts read the dataset's estimate rules; and on the shipped data every impact row carries a range.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '../../src/analysis/dependency.ts';
import { impact } from '../../src/analysis/impact.ts';
import { mulberry32, percentileRange } from '../../src/analysis/uncertainty.ts';
import { InvalidInputError } from '../../src/domain/errors.ts';
import { buildSupplyGraph, type SupplyGraph } from '../../src/domain/graph.ts';
import { nirRange, rangeRuleOf, tonnesRange } from '../../src/domain/uncertainty.ts';
import { DEFAULT_DATA_DIR, readShippedDataset } from '../../src/data/index.ts';
import { country, flow, graphOf, mineral, producer, refinerGraph } from './fixtures.ts';

const within = (range: [number, number] | undefined, x: number) => {
  expect(range).toBeDefined();
  expect(range![0]).toBeLessThanOrEqual(x + 1e-12);
  expect(range![1]).toBeGreaterThanOrEqual(x - 1e-12);
};

/** refinerGraph with the two facilities as an equal split of mine:a's 60 t (estimated, range [0, 60] each). */
function splitGraph(): SupplyGraph {
  const rule = 'equal split of the USGS country figure across the N = 2 ICMM facilities listing x (ICMM publishes no capacities)';
  return graphOf(
    [
      country('AAA'),
      country('BBB'),
      country('USA'),
      country('ROW'),
      mineral('x'),
      producer('mine:fa1', 'AAA', { minerals: ['x'] }),
      producer('mine:fa2', 'AAA', { minerals: ['x'] }),
      producer('mine:a', 'AAA', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 60 } }),
      producer('mine:b', 'BBB', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 40 } }),
    ],
    [
      flow('mine:fa1', 'mine:a', 'x', 30, { estimated: true, rule, range: [0, 60], rangeRule: 'equal-split' }),
      flow('mine:fa2', 'mine:a', 'x', 30, { estimated: true, rule, range: [0, 60], rangeRule: 'equal-split' }),
      flow('mine:a', 'country:USA', 'x', 60),
      flow('mine:b', 'country:ROW', 'x', 40),
    ],
  );
}

describe('uncertainty ranges', () => {
  it('published inputs give zero-width ranges equal to the point value', () => {
    const result = impact(refinerGraph(), { remove: ['mine:b'] });
    const [x] = result.minerals;
    expect(x!.shareLostRange).toEqual([x!.shareLost, x!.shareLost]);
    expect(x!.tonnesLostRange).toEqual([x!.tonnesLost, x!.tonnesLost]);
    for (const c of result.consumers) expect(c.shareLostRange).toEqual([c.shareLost, c.shareLost]);
    expect(result.uncertainty).toEqual({ method: 'monte-carlo', draws: 200, seed: 1, percentiles: [5, 95] });
  });

  it('an estimated split gives a non-zero width containing the point: fa1 holds 0 to 60 of the 60 t', () => {
    const result = impact(splitGraph(), { remove: ['mine:fa1'] });
    const [x] = result.minerals;
    // Point: fa1 = 30 of a's 60 t, the USA loses 30 of 100 t.
    expect(x!.tonnesLost).toBeCloseTo(30, 9);
    within(x!.tonnesLostRange, 30);
    expect(x!.tonnesLostRange![1] - x!.tonnesLostRange![0]).toBeGreaterThan(30);
    // fa1's share of a is x1 / (x1 + x2) with x1, x2 uniform: p5 and p95 lie well inside (0, 60).
    expect(x!.tonnesLostRange![0]).toBeGreaterThan(0);
    expect(x!.tonnesLostRange![1]).toBeLessThan(60);
    const usa = result.consumers.find((c) => c.country === 'country:USA')!;
    within(usa.shareLostRange, usa.shareLost);
    expect(result.notes.join(' ')).toMatch(/x: 2 of its 4 flows are estimates/);
  });

  it('removing the whole country aggregate is exact whatever the split: zero width', () => {
    const [x] = impact(splitGraph(), { remove: ['country:AAA'] }).minerals;
    expect(x!.tonnesLost).toBeCloseTo(60, 9);
    expect(x!.tonnesLostRange![0]).toBeCloseTo(60, 9);
    expect(x!.tonnesLostRange![1]).toBeCloseTo(60, 9);
  });

  it('is seeded: the same seed gives the same ranges, another seed others; draws 0 gives none', () => {
    const a = impact(splitGraph(), { remove: ['mine:fa1'], seed: 7 }).minerals[0]!.tonnesLostRange;
    const b = impact(splitGraph(), { remove: ['mine:fa1'], seed: 7 }).minerals[0]!.tonnesLostRange;
    const c = impact(splitGraph(), { remove: ['mine:fa1'], seed: 8 }).minerals[0]!.tonnesLostRange;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const none = impact(splitGraph(), { remove: ['mine:fa1'], draws: 0 });
    expect(none.minerals[0]!.tonnesLostRange).toBeUndefined();
    expect(none.uncertainty).toBeUndefined();
    expect(() => impact(splitGraph(), { remove: ['mine:fa1'], draws: -1 })).toThrow(InvalidInputError);
    expect(() => impact(splitGraph(), { remove: ['mine:fa1'], draws: 1.5 })).toThrow(/draws must be a whole number/);
  });

  it('an estimated flow without a range (a user import) gets the default +-25%', () => {
    const graph = graphOf(
      [country('AAA'), country('USA'), mineral('q'), producer('mine:q', 'AAA', { mineral: 'q', stage: 'mine', aggregate: true })],
      [flow('mine:q', 'country:USA', 'q', 100, { estimated: true, rule: 'my own guess' }), flow('country:AAA', 'country:USA', 'q', 100)],
    );
    const [q] = impact(graph, { remove: ['mine:q'] }).minerals;
    // Lost 100 of 200 t; the 100 t are 75..125: share lost 75/175 .. 125/225, p5-p95 inside.
    within(q!.shareLostRange, 0.5);
    expect(q!.shareLostRange![0]).toBeGreaterThan(75 / 175 - 1e-9);
    expect(q!.shareLostRange![1]).toBeLessThan(125 / 225 + 1e-9);
    expect(q!.shareLostRange![1] - q!.shareLostRange![0]).toBeGreaterThan(0.05);
  });
});

describe('range rules (domain/uncertainty.ts)', () => {
  it('reads the dataset rules', () => {
    expect(tonnesRange(10, 'equal split of the USGS country figure across the N = 4 ICMM facilities listing tin (ICMM publishes no capacities)')).toEqual({ range: [0, 40], rangeRule: 'equal-split' });
    expect(rangeRuleOf('mine output allocated to refining countries in proportion to their 2022 processing shares (seed 002 table 2)').key).toBe('processing-share-2022');
    expect(rangeRuleOf("rest of world = the producer's output minus what it sends to the United States").key).toBe('row-residual');
    expect(rangeRuleOf('tonnes = 8% (Australia\'s share of US imports, USGS import sources 2021-24, "Primary nickel")').key).toBe('import-share-period');
    expect(rangeRuleOf('HS 811292 is a shared HS code').key).toBe('shared-hs-code');
    expect(rangeRuleOf('a truncated extract').key).toBe('truncated-extract');
    expect(rangeRuleOf('anything else').key).toBe('unclassified-estimate');
  });

  it('censored NIR: ">25" is [0.25, 1], "<25" [0, 0.25], an exact one zero width', () => {
    expect(nirRange('>25', 0.25)).toEqual([0.25, 1]);
    expect(nirRange('<25', 0.25)).toEqual([0, 0.25]);
    expect(nirRange('54', 0.54)).toEqual([0.54, 0.54]);
    expect(nirRange('E', null)).toBeNull();
  });

  it('percentiles contain the point and the PRNG is deterministic', () => {
    expect(percentileRange(Float64Array.from([5, 1, 4, 2, 3]), 10)).toEqual([expect.closeTo(1.2, 12), 10]);
    const r = mulberry32(42);
    const s = mulberry32(42);
    expect([r(), r(), r()]).toEqual([s(), s(), s()]);
  });
});

const shipped = existsSync(join(DEFAULT_DATA_DIR, 'nodes.json'));

describe.skipIf(!shipped)('uncertainty on the shipped dataset', () => {
  let graph: SupplyGraph;
  beforeAll(async () => {
    graph = buildSupplyGraph(await readShippedDataset());
  });

  it('every estimated flow carries its range and range rule', () => {
    let estimated = 0;
    graph.forEachEdge((_e, a) => {
      if (!a.estimated || typeof a.tonnes !== 'number') return;
      estimated++;
      expect(a.rangeRule).toBeTruthy();
      expect(a.range![0]).toBeLessThanOrEqual(a.tonnes);
      if (a.range![1] !== null) expect(a.range![1]).toBeGreaterThanOrEqual(a.tonnes);
    });
    expect(estimated).toBeGreaterThan(1000);
  });

  it('dependencies: a censored NIR carries its range (tellurium ">25" -> [0.25, 1])', () => {
    const [te] = dependencies(graph, { country: 'USA', mineral: 'tellurium', year: 2025 });
    expect(te!.nirRaw).toBe('>25');
    expect(te!.nirRange).toEqual([0.25, 1]);
  });

  it('Brazil niobium: rows carry ranges containing the point; the USA, fed through estimated import shares, a non-zero width', () => {
    const result = impact(graph, { remove: ['country:BRA'], mineral: 'niobium', year: 2025 });
    for (const m of result.minerals) within(m.shareLostRange, m.shareLost);
    for (const c of result.consumers) {
      within(c.shareLostRange, c.shareLost);
      within(c.tonnesLostRange, c.tonnesLost);
    }
    const usa = result.consumers.find((c) => c.country === 'country:USA')!;
    expect(usa.shareLostRange![1] - usa.shareLostRange![0]).toBeGreaterThan(0.01);
  });

  it("a network's draws, computed once and shared by later removals, carry no removal's state into another", async () => {
    // Fresh graph, nothing drawn yet: these ranges come from draws computed for this very removal.
    const fresh = buildSupplyGraph(await readShippedDataset());
    const asks = [
      { remove: ['country:BRA@0.5'], mineral: 'niobium', year: 2024 },
      { remove: ['country:CHN/gallium'], year: 2024 },
      { remove: ['country:COD'], mineral: 'cobalt', year: 2021 },
    ];
    const first = asks.map((ask) => impact(fresh, ask));
    // The shared graph has drawn these networks for other removals already (other tests, and these in another order).
    for (const ask of [...asks].reverse()) impact(graph, { ...ask, remove: ['country:AUS', 'country:CAN/cobalt@0.3'] });
    const later = [...asks].reverse().map((ask) => impact(graph, ask)).reverse();
    expect(later).toEqual(first);
    expect(first[1]!.consumers.some((c) => c.shareLostRange![1] > c.shareLostRange![0])).toBe(true);
  });
});
