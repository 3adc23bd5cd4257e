import { describe, expect, it } from 'vitest';
import type { ChokepointRow } from '../../src/analysis/types.ts';
import { marketHhi, shortName, topPerMarket } from '../../web/src/ranking.ts';

const row = (node: string, mineral: string, stage: 'mine' | 'refined', rank: number, impactShare: number): ChokepointRow => ({
  node,
  name: node,
  kind: 'country',
  level: 'country',
  country: node.slice(-3),
  mineral,
  stage,
  year: 2025,
  share: impactShare,
  hhi: 5000,
  hhiContribution: 0,
  impactShare,
  consumersHit: 1,
  countryRisk: null,
  pagerank: null,
  rank,
  estimated: false,
});

describe('topPerMarket', () => {
  it('keeps the first-ranked producer of each mineral and stage, most damaging first', () => {
    const rows = [
      row('country:AUS', 'aluminum', 'mine', 1, 0.3),
      row('country:CHN', 'aluminum', 'refined', 1, 0.6),
      row('country:IND', 'aluminum', 'refined', 2, 0.05),
      row('country:BRA', 'niobium', 'mine', 1, 0.93),
      row('country:CAN', 'niobium', 'mine', 2, 0.07),
    ];
    expect(topPerMarket(rows).map((r) => `${r.node} ${r.mineral} ${r.stage}`)).toEqual([
      'country:BRA niobium mine',
      'country:CHN aluminum refined',
      'country:AUS aluminum mine',
    ]);
    expect(topPerMarket(rows, 1)).toHaveLength(1);
  });
});

describe('shortName', () => {
  it('drops the aggregate note only', () => {
    expect(shortName('Brazil niobium mine output (aggregate)')).toBe('Brazil niobium mine output');
    expect(shortName('Araxá (CBMM)')).toBe('Araxá (CBMM)');
  });
});

describe('marketHhi', () => {
  it('says each market\'s HHI once, stages in the order the ranking meets them', () => {
    const rows = [
      { stage: 'mine', hhi: 8652 },
      { stage: 'refined', hhi: 4100 },
      { stage: 'mine', hhi: 8652 },
      { stage: 'refined', hhi: 4100 },
      { stage: 'trade', hhi: null }, // no production figures: no HHI to show
    ];
    expect(marketHhi(rows)).toEqual([
      { stage: 'mine', hhi: 8652 },
      { stage: 'refined', hhi: 4100 },
    ]);
    expect(marketHhi([])).toEqual([]);
  });
});
