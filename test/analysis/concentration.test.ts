// Concentration: hand-computed shares and HHI on tiny graphs (no double counting of facilities, "Other countries").
import { describe, expect, it } from 'vitest';
import { concentration } from '../../src/analysis/concentration.ts';
import { InvalidInputError, NotFoundError } from '../../src/domain/errors.ts';
import { country, flow, graphOf, mineral, producer, refinerGraph } from './fixtures.ts';

describe('concentration', () => {
  it('groups by country from aggregates and does not count facilities twice', () => {
    const [mine] = concentration(refinerGraph(), { mineral: 'x', stage: 'mine' });
    // AAA 60 (aggregate; its two 30 t facilities are inside it), BBB 40: HHI = 60^2 + 40^2.
    expect(mine!.worldTonnes).toBe(100);
    expect(mine!.producers.map((p) => [p.node, p.tonnes, p.share])).toEqual([
      ['country:AAA', 60, 0.6],
      ['country:BBB', 40, 0.4],
    ]);
    expect(mine!.hhi).toBeCloseTo(5200, 9);
    expect(mine!.top1Share).toBeCloseTo(0.6, 12);
    expect(mine!.top3Share).toBeCloseTo(1, 12);
    expect(mine!.producerCount).toBe(2);
    expect(mine!.unit).toBe('t');
    expect(mine!.worldTonnesSource).toBe('sum-of-producers');
  });

  it('reports every mineral, stage and year present when unfiltered', () => {
    const all = concentration(refinerGraph());
    expect(all.map((c) => `${c.mineral}/${c.stage}/${c.year}/${c.hhi.toFixed(0)}`)).toEqual(['x/mine/2025/5200', 'x/refined/2025/10000']);
  });

  it('keeps "Other countries" in the world total but out of the HHI and the producer count', () => {
    const graph = graphOf(
      [
        country('AAA'),
        country('BBB'),
        mineral('y'),
        producer('mine:aaa-y', 'AAA', { mineral: 'y', stage: 'mine', aggregate: true, output: { '2024': 50, '2025': 50 } }),
        producer('mine:bbb-y', 'BBB', { mineral: 'y', stage: 'mine', aggregate: true, output: { '2024': 30, '2025': 30 } }),
        producer('mine:other-countries-y', 'OTH', { mineral: 'y', stage: 'mine', aggregate: true, output: { '2025': 20 } }),
      ],
      [],
    );
    const [c] = concentration(graph, { year: 2025 });
    expect(c!.worldTonnes).toBe(100);
    expect(c!.otherTonnes).toBe(20);
    // HHI = 50^2 + 30^2; OTH contributes no term.
    expect(c!.hhi).toBeCloseTo(3400, 9);
    expect(c!.producerCount).toBe(2);
    expect(c!.top3Share).toBeCloseTo(0.8, 12);
    expect(c!.producers.at(-1)).toMatchObject({ node: 'mine:other-countries-y', country: 'OTH', share: 0.2 });
    expect(c!.notes.join(' ')).toMatch(/Other countries/);
    // 2024 has no OTH figure: 50/80 and 30/80.
    const [c24] = concentration(graph, { year: 2024 });
    expect(c24!.hhi).toBeCloseTo(62.5 ** 2 + 37.5 ** 2, 9);
  });

  it('divides by the published world total unless rounding puts it below the producers\' sum', () => {
    const graphWith = (total: number) =>
      graphOf(
        [
          country('USA'),
          country('BRA'),
          mineral('beryllium', { worldTotal: { mine: { '2025': total } } }),
          producer('mine:usa-beryllium', 'USA', { mineral: 'beryllium', stage: 'mine', aggregate: true, output: { '2025': 230 } }),
          producer('mine:bra-beryllium', 'BRA', { mineral: 'beryllium', stage: 'mine', aggregate: true, output: { '2025': 202 } }),
        ],
        [],
      );
    // Published 500 covers unlisted producers: shares are of 500.
    const [wide] = concentration(graphWith(500), { mineral: 'beryllium' });
    expect(wide).toMatchObject({ worldTonnes: 500, worldTonnesSource: 'published', publishedWorldTonnes: 500 });
    expect(wide!.producers[0]!.share).toBeCloseTo(230 / 500, 12);
    expect(wide!.hhi).toBeCloseTo(46 ** 2 + 40.4 ** 2, 9);
    // Published 430 (USGS rounding) is below the listed 432: shares are of 432, so they sum to 1.
    const [rounded] = concentration(graphWith(430), { mineral: 'beryllium' });
    expect(rounded).toMatchObject({ worldTonnes: 432, worldTonnesSource: 'sum-of-producers', publishedWorldTonnes: 430 });
    expect(rounded!.producers[0]!.share).toBeCloseTo(230 / 432, 12);
    expect(rounded!.notes.join(' ')).toMatch(/430 \(published, rounded\) is below the sum of producers 432/);
  });

  it('falls back to facility out-flows on facility-scale graphs without aggregates', () => {
    const graph = graphOf(
      [country('AAA'), country('BBB'), country('ROW'), mineral('z'), producer('mine:m1', 'AAA'), producer('mine:m2', 'AAA'), producer('mine:m3', 'BBB')],
      [flow('mine:m1', 'country:ROW', 'z', 10), flow('mine:m2', 'country:ROW', 'z', 10), flow('mine:m3', 'country:ROW', 'z', 20)],
    );
    const [c] = concentration(graph, { mineral: 'z' });
    expect(c!.producers.map((p) => [p.node, p.share])).toEqual([
      ['country:AAA', 0.5],
      ['country:BBB', 0.5],
    ]);
    expect(c!.hhi).toBeCloseTo(5000, 9);
  });

  it('rejects bad input with typed errors naming the culprit', () => {
    const graph = refinerGraph();
    expect(() => concentration(graph, { mineral: 'xx' })).toThrow(NotFoundError);
    expect(() => concentration(graph, { year: 1999 })).toThrow(/available: 2025/);
    expect(() => concentration(graph, { stage: 'trade' as never })).toThrow(InvalidInputError);
    expect(() => concentration(graph, { minerl: 'x' } as never)).toThrow(/unknown option "minerl"/);
  });
});
