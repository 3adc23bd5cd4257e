// Chokepoint ranking on the hand-built refiner graph: impact shares, tie-breaks, per-stage groups and limits.
import { describe, expect, it } from 'vitest';
import { chokepoints } from '../../src/analysis/chokepoints.ts';
import { InvalidInputError, NotFoundError } from '../../src/domain/errors.ts';
import { country, flow, graphOf, mineral, producer, refinerGraph } from './fixtures.ts';

describe('chokepoints', () => {
  it('ranks every producer of a stage by the share of supply its removal loses, grouped by level, each ranked from 1', () => {
    const rows = chokepoints(refinerGraph(), { mineral: 'x', stage: 'mine', level: 'all' });
    // AAA (fa1 + fa2 + a) and a lose 60 of 100; BBB and b 40; fa1, fa2 30 each (half of a).
    expect(rows.map((r) => [r.rank, r.level, r.node, r.impactShare, r.share])).toEqual([
      [1, 'country', 'country:AAA', 0.6, 0.6],
      [2, 'country', 'country:BBB', 0.4, 0.4],
      [1, 'national-total', 'mine:a', 0.6, 0.6],
      [2, 'national-total', 'mine:b', 0.4, 0.4],
      [1, 'facility', 'mine:fa1', 0.3, 0.3],
      [2, 'facility', 'mine:fa2', 0.3, 0.3],
    ]);
    const aaa = rows[0]!;
    expect(aaa).toMatchObject({ kind: 'country', country: 'AAA', mineral: 'x', stage: 'mine', year: 2025, consumersHit: 3, countryRisk: null });
    expect(aaa.hhi).toBeCloseTo(5200, 9);
    expect(aaa.hhiContribution).toBeCloseTo(3600, 9);
  });

  it("gives a country row its producers' PageRank mass", () => {
    const rows = chokepoints(refinerGraph(), { mineral: 'x', stage: 'mine', level: 'all' });
    const by = Object.fromEntries(rows.map((r) => [r.node, r.pagerank]));
    expect(by['mine:a']).toBeGreaterThan(0);
    expect(by['country:AAA']).toBeCloseTo(by['mine:a']! + by['mine:fa1']! + by['mine:fa2']!, 12);
    expect(chokepoints(refinerGraph(), { mineral: 'x', stage: 'mine', pagerank: false })[0]!.pagerank).toBeNull();
  });

  it('ranks each stage separately and applies the limit per mineral, stage and level; countries by default', () => {
    const rows = chokepoints(refinerGraph(), { limit: 2 });
    expect(rows.map((r) => `${r.stage}:${r.rank}:${r.node}:${r.impactShare}`)).toEqual([
      'mine:1:country:AAA:0.6',
      'mine:2:country:BBB:0.4',
      'refined:1:country:AAA:1',
    ]);
    expect(rows[2]!.hhi).toBeCloseTo(10000, 9);
    const all = chokepoints(refinerGraph(), { limit: 1, level: 'all' });
    expect(all.map((r) => `${r.stage}:${r.level}:${r.rank}:${r.node}`)).toEqual([
      'mine:country:1:country:AAA',
      'mine:national-total:1:mine:a',
      'mine:facility:1:mine:fa1',
      'refined:country:1:country:AAA',
      'refined:national-total:1:refiner:r',
    ]);
  });

  it('never names one producer twice in a top N: a country and its own national total rank in different groups', () => {
    for (const level of ['country', 'facility', 'all'] as const) {
      const rows = chokepoints(refinerGraph(), { mineral: 'x', stage: 'mine', level, limit: 3 });
      for (const lvl of new Set(rows.map((r) => r.level))) {
        const countries = rows.filter((r) => r.level === lvl).map((r) => r.country);
        if (lvl !== 'facility') expect(new Set(countries).size).toBe(countries.length);
      }
    }
  });

  it('ranks one level at a time: countries only, or named facilities only (national totals apart)', () => {
    const graph = refinerGraph();
    const countries = chokepoints(graph, { mineral: 'x', stage: 'mine', level: 'country', pagerank: false });
    expect(countries.map((r) => [r.rank, r.node, r.impactShare])).toEqual([
      [1, 'country:AAA', 0.6],
      [2, 'country:BBB', 0.4],
    ]);
    const facilities = chokepoints(graph, { mineral: 'x', stage: 'mine', level: 'facility', pagerank: false });
    expect(facilities.map((r) => [r.rank, r.node])).toEqual([
      [1, 'mine:fa1'],
      [2, 'mine:fa2'],
    ]);
    expect(chokepoints(graph, { mineral: 'x', stage: 'mine', level: 'all', pagerank: false })).toHaveLength(6);
    expect(() => chokepoints(graph, { level: 'mine' as never })).toThrow(InvalidInputError);
  });

  it('marks rows whose share rests on an estimate, with the rule, and leaves published figures unmarked', () => {
    const graph = refinerGraph();
    // fa1 and fa2 are equal splits of AAA's 60 t (their flows into a are estimates); r's 100 t is an allocation.
    graph.forEachOutEdge('mine:fa1', (e) => graph.mergeEdgeAttributes(e, { estimated: true, rule: 'equal split' }));
    graph.forEachOutEdge('mine:fa2', (e) => graph.mergeEdgeAttributes(e, { estimated: true, rule: 'equal split' }));
    graph.mergeNodeAttributes('refiner:r', { estimated: true, rule: 'seed 002 allocation' } as never);
    const rows = chokepoints(graph, { mineral: 'x', pagerank: false, level: 'all' });
    const at = (stage: string, node: string) => rows.find((r) => r.stage === stage && r.node === node)!;
    expect(at('mine', 'mine:fa1')).toMatchObject({ estimated: true, rule: 'equal split', share: 0.3 });
    expect(at('mine', 'mine:fa2')).toMatchObject({ estimated: true, rule: 'equal split' });
    // a's and b's figures are published outputs; AAA's mine share is a's, so it is published too.
    for (const node of ['mine:a', 'mine:b', 'country:AAA', 'country:BBB']) {
      expect(at('mine', node).estimated).toBe(false);
      expect(at('mine', node).rule).toBeUndefined();
    }
    expect(at('refined', 'refiner:r')).toMatchObject({ estimated: true, rule: 'seed 002 allocation', share: 1 });
    expect(at('refined', 'country:AAA')).toMatchObject({ estimated: true, rule: 'seed 002 allocation' });
  });

  it("names how many of a country's summed figures are estimates when only some are", () => {
    // Facility-scale mineral (no aggregates): g1 (30 t, an estimated flow) and g2 (10 t, published) in AAA.
    const graph = graphOf(
      [country('AAA'), country('ROW'), mineral('g'), producer('mine:g1', 'AAA', { minerals: ['g'] }), producer('mine:g2', 'AAA', { minerals: ['g'] })],
      [flow('mine:g1', 'country:ROW', 'g', 30, { estimated: true, rule: 'split' }), flow('mine:g2', 'country:ROW', 'g', 10)],
    );
    const aaa = chokepoints(graph, { mineral: 'g', level: 'country', pagerank: false })[0]!;
    expect(aaa).toMatchObject({ node: 'country:AAA', share: 1, estimated: true });
    expect(aaa.rule).toBe('1 of the 2 producer figures it sums are estimates (mine:g1: split)');
  });

  it('throws NotFoundError when the one mineral asked for has no producers, rather than an empty ranking', () => {
    const graph = refinerGraph();
    // y has no flows at all; z only a trade flow between countries (like germanium: US import sources only).
    graph.addDirectedEdgeWithKey('t1', 'country:BBB', 'country:USA', { mineral: 'z', stage: 'trade', tonnes: 5, year: 2025, source: 'test' });
    expect(() => chokepoints(graph, { mineral: 'y' })).toThrow(NotFoundError);
    expect(() => chokepoints(graph, { mineral: 'y' })).toThrow(/no producers of y in 2025: the dataset has no y flows that year/);
    expect(() => chokepoints(graph, { mineral: 'z' })).toThrow(/no producers of z in 2025: .*only flows between countries/);
    expect(() => chokepoints(graph, { mineral: 'x', stage: 'mine' })).not.toThrow();
    // All minerals: minerals without producers are simply absent.
    expect(new Set(chokepoints(graph, { pagerank: false }).map((r) => r.mineral))).toEqual(new Set(['x']));
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
    const rows = chokepoints(graph, { mineral: 'cu', pagerank: false, level: 'all' });
    expect(rows.every((r) => r.stage === 'refined')).toBe(true);
    expect(() => chokepoints(graph, { mineral: 'cu', stage: 'mine' })).toThrow(/no producers of cu at the mine stage in 2025/);
    expect(rows.map((r) => [r.node, r.impactShare])).toEqual([
      ['country:AAA', 0.8],
      ['country:BBB', 0.2],
      ['refiner:aaa-cu', 0.8],
      ['refiner:bbb-cu', 0.2],
      ['mine:m1', 0.4],
      ['mine:m2', 0.4],
    ]);
  });
});
