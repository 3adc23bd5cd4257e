import { describe, expect, it } from 'vitest';
import type { ImpactResult } from '../../src/analysis/types.ts';
import { IMPACT_CSV_HEADER, impactCsv, impactRows, sortImpactRows } from '../../web/src/impact.ts';

const result: ImpactResult = {
  removed: ['country:BRA'],
  model: 'proportional',
  year: 2025,
  minerals: [],
  consumers: [
    { country: 'country:USA', mineral: 'niobium', tonnesBefore: 10_000, tonnesLost: 6_600, shareLost: 0.66, remainingSuppliers: ['mine:can-niobium'], paths: [{ nodes: ['mine:bra-niobium', 'country:USA'], tonnes: 6_600 }] },
    { country: 'country:ROW', mineral: 'niobium', tonnesBefore: 90_000, tonnesLost: 85_000, shareLost: 0.944, remainingSuppliers: [], paths: [], shareLostRange: [0.9, 0.95], tonnesLostRange: [81_000, 85_500] },
    { country: 'country:USA', mineral: 'tantalum', tonnesBefore: 100, tonnesLost: 9, shareLost: 0.09, remainingSuppliers: ['a', 'b'], paths: [] },
  ],
  structure: { nodesDisconnected: [], articulationPoints: {} },
  notes: [],
};
const names: Record<string, string> = { 'country:USA': 'United States', 'country:ROW': 'Rest of world, "estimated"' };
const rows = impactRows(result, (id) => names[id] ?? id);

describe('impactRows', () => {
  it('flattens consumers with names, supplier counts and the main loss path', () => {
    expect(rows[0]).toEqual({
      consumer: 'country:USA',
      consumerName: 'United States',
      mineral: 'niobium',
      tonnesBefore: 10_000,
      tonnesLost: 6_600,
      shareLost: 0.66,
      remainingSuppliers: 1,
      mainPath: ['mine:bra-niobium', 'country:USA'],
      // No range from the API: the point value twice (a published figure).
      shareLostRange: [0.66, 0.66],
      tonnesLostRange: [6_600, 6_600],
    });
    expect(rows[1]!.mainPath).toEqual([]);
    expect(rows[1]!.shareLostRange).toEqual([0.9, 0.95]);
  });
});

describe('sortImpactRows', () => {
  it('sorts by a number column either way', () => {
    expect(sortImpactRows(rows, 'shareLost', 'desc').map((r) => r.shareLost)).toEqual([0.944, 0.66, 0.09]);
    expect(sortImpactRows(rows, 'tonnesLost', 'asc').map((r) => r.tonnesLost)).toEqual([9, 6_600, 85_000]);
  });

  it('sorts by consumer name and breaks ties by share lost', () => {
    const byName = sortImpactRows(rows, 'consumer', 'asc');
    expect(byName.map((r) => `${r.consumerName}/${r.mineral}`)).toEqual([
      'Rest of world, "estimated"/niobium',
      'United States/niobium',
      'United States/tantalum',
    ]);
  });

  it('does not reorder its input', () => {
    const copy = [...rows];
    sortImpactRows(rows, 'mineral', 'desc');
    expect(rows).toEqual(copy);
  });
});

describe('impactCsv', () => {
  it('writes a header and one quoted-where-needed line per row (RFC 4180)', () => {
    const csv = impactCsv(sortImpactRows(rows, 'shareLost', 'desc'));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(IMPACT_CSV_HEADER.join(','));
    expect(lines[1]).toBe('country:ROW,"Rest of world, ""estimated""",niobium,90000,85000,0.944,0,,0.9,0.95,81000,85500');
    expect(lines[2]).toBe('country:USA,United States,niobium,10000,6600,0.66,1,mine:bra-niobium > country:USA,0.66,0.66,6600,6600');
    expect(lines).toHaveLength(5); // header, 3 rows, trailing empty after the last CRLF
    expect(lines[4]).toBe('');
  });
});
