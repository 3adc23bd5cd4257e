// Figures leave the analyses at their reported precision (tonnes 1e-6 t, shares 1e-12, HHIs 1e-9): no float noise.
import { describe, expect, it } from 'vitest';
import { impact } from '../../src/analysis/impact.ts';
import { roundHhi, roundShare, roundTonnes } from '../../src/analysis/precision.ts';
import { chokepoints } from '../../src/analysis/chokepoints.ts';
import { flowsCsv } from '../../src/data/export.ts';
import { impactCsv, impactRows } from '../../web/src/impact.ts';
import { country, flow, graphOf, mineral, producer } from './fixtures.ts';

/** Two producers of 0.1 t and 0.2 t: their sum is 0.30000000000000004 in float arithmetic. */
const tenthAndFifth = () =>
  graphOf(
    [
      country('AAA'),
      country('BBB'),
      country('ROW'),
      mineral('x'),
      producer('mine:a', 'AAA', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 0.1 } }),
      producer('mine:b', 'BBB', { mineral: 'x', stage: 'mine', aggregate: true, output: { '2025': 0.2 } }),
    ],
    [flow('mine:a', 'country:ROW', 'x', 0.1), flow('mine:b', 'country:ROW', 'x', 0.2)],
  );

describe('tonnes precision', () => {
  it('rounds to 1e-6 t and leaves null alone', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(roundTonnes(0.1 + 0.2)).toBe(0.3);
    expect(roundTonnes(9999.999999999998 + 0.000000000004)).toBe(10000);
    expect(roundTonnes(null)).toBeNull();
  });

  it('an impact whose consumer sums 0.1 + 0.2 t reports 0.3 t, in JSON and in the view CSV', () => {
    const result = impact(tenthAndFifth(), { remove: ['mine:a', 'mine:b'] });
    expect(result.minerals[0]!.tonnesBefore).toBe(0.3);
    expect(result.consumers[0]).toMatchObject({ tonnesBefore: 0.3, tonnesLost: 0.3 });
    expect(JSON.stringify(result)).not.toMatch(/"\w*[tT]onnes\w*":-?\d+\.\d{7,}/);
    expect(impactCsv(impactRows(result))).toContain(',0.3,0.3,1,');
  });

  it('the flows CSV export writes tonnes at 1e-6 t', () => {
    const csv = flowsCsv([flow('mine:a', 'country:ROW', 'x', 0.1 + 0.2)]);
    expect(csv.split('\n')[1]).toMatch(/,x,mine,0\.3,/);
  });
});

describe('shares and HHIs precision', () => {
  const noisy = /"\w*([sS]hare|[hH]hi)\w*":(-?\d+\.\d{13,}|\[[^\]]*\d\.\d{13,})/;

  it('impact and chokepoint rows carry shares at 1e-12 and HHIs at 1e-9 (0.1 / 0.30000000000000004 is 1/3 to 12 places)', () => {
    const result = impact(tenthAndFifth(), { remove: ['mine:a'] });
    expect(result.minerals[0]!.shareLost).toBe(0.333333333333);
    expect(JSON.stringify(result)).not.toMatch(noisy);
    const rows = chokepoints(tenthAndFifth(), { mineral: 'x' });
    expect(rows.find((r) => r.node === 'country:AAA')!.share).toBe(0.333333333333);
    expect(JSON.stringify(rows)).not.toMatch(noisy);
  });

  it('roundShare and roundHhi round ranges too and leave null alone', () => {
    expect(roundShare([0.1000000000000002, 0.7399999999999991])).toEqual([0.1, 0.74]);
    expect(roundHhi(5591.999999999998)).toBe(5592);
    expect(roundShare(null)).toBeNull();
  });
});
