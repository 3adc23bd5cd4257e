import { describe, expect, it } from 'vitest';
import type { NodeDetails } from '../../web/src/api.ts';
import { detailPeers, supplyShareFact } from '../../web/src/facts.ts';
import { buildViewGraph } from '../../web/src/graph.ts';
import { graphPeers } from '../../web/src/peers.ts';
import { tinyApiGraph } from './fixtures.ts';

const graph = buildViewGraph(tinyApiGraph());

// Brazil's production rows as GET /api/nodes/country:BRA answers them (USGS MCS 2026 figures, rounded here).
const production: NodeDetails['metrics']['production'] = [
  { mineral: 'niobium', stage: 'mine', year: 2024, tonnes: 104000, share: 0.924, hhi: 8578 },
  { mineral: 'niobium', stage: 'mine', year: 2025, tonnes: 104000, share: 0.9286, hhi: 8652 },
  { mineral: 'aluminum', stage: 'refined', year: 2025, tonnes: 1200000, share: 0.0162, hhi: 3788 },
];

describe('supplyShareFact', () => {
  it('takes the API production share of the mineral on screen, as the chokepoint ranking does', () => {
    const fact = supplyShareFact({ production, attrs: { supplyShare: 0.9317, supplyShareMineral: 'niobium' }, mineral: 'niobium', stage: 'all', year: 2025 });
    expect(fact).toEqual({ share: 0.9286, mineral: 'niobium', stage: 'mine', year: 2025, basis: 'production' });
    expect(supplyShareFact({ production, attrs: null, mineral: 'niobium', stage: 'all', year: 2024 })?.share).toBe(0.924);
  });

  it('over all minerals, the mineral the node weighs most in', () => {
    expect(supplyShareFact({ production, attrs: { supplyShare: 0.93, supplyShareMineral: 'niobium' }, mineral: 'all', stage: 'all', year: 2025 })?.mineral).toBe('niobium');
    expect(supplyShareFact({ production, attrs: null, mineral: 'all', stage: 'all', year: null })).toMatchObject({ mineral: 'niobium', share: 0.9286 });
  });

  it('falls back to the share of the drawn supply before the details arrive, and never shows another mineral\'s', () => {
    const attrs = { supplyShare: 0.75, supplyShareMineral: 'x' };
    expect(supplyShareFact({ production: null, attrs, mineral: 'x', stage: 'all', year: 2025 })).toEqual({ share: 0.75, mineral: 'x', stage: null, year: 2025, basis: 'flows' });
    expect(supplyShareFact({ production: null, attrs, mineral: 'y', stage: 'all', year: 2025 })).toBeNull();
    expect(supplyShareFact({ production, attrs: null, mineral: 'niobium', stage: 'refined', year: 2025 })).toBeNull();
  });
});

describe('peers', () => {
  it('a country\'s suppliers and customers are those of what is located in it, without its internal flows', () => {
    // Bland hosts mine:bbb-x and the refinery: mine:bbb-x -> refinery (20 t) is internal
    expect(graphPeers(graph, 'country:BBB', 'in')).toEqual([{ node: 'mine:aaa-x', name: 'Aland x mine output', mineral: 'x', stage: 'mine', tonnes: 60 }]);
    expect(graphPeers(graph, 'country:BBB', 'out').map((p) => [p.node, p.tonnes])).toEqual([
      ['country:CCC', 50],
      ['country:ROW', 30],
    ]);
    expect(graphPeers(graph, 'country:AAA', 'out').map((p) => [p.node, p.mineral, p.tonnes])).toEqual([
      ['refiner:bbb-x', 'x', 60],
      ['country:CCC', 'y', 5],
    ]);
  });

  it('sums a peer\'s flows per mineral and stage, and keeps to the drawn year', () => {
    // Cland receives 50 t of refined x and 5 t of mined y in 2025; the 2024 flow from Aland is not drawn
    expect(graphPeers(graph, 'country:CCC', 'in').map((p) => [p.node, p.mineral, p.stage, p.tonnes])).toEqual([
      ['refiner:bbb-x', 'x', 'refined', 50],
      ['mine:aaa-y', 'y', 'mine', 5],
    ]);
    expect(graphPeers(graph, 'country:CCC', 'in', 1)).toHaveLength(1);
  });

  it('for a node not drawn, the API list kept to the mineral on screen', () => {
    const details = {
      suppliers: [],
      customers: [
        { node: 'country:USA', name: 'United States', mineral: 'nickel', stage: 'trade', tonnes: 7000 },
        { node: 'country:ROW', name: 'Rest of world', mineral: 'niobium', stage: 'mine', tonnes: 97300 },
      ],
    };
    expect(detailPeers(graph, 'country:BRA', details, 'out', 'niobium').map((p) => p.node)).toEqual(['country:ROW']);
    expect(detailPeers(graph, 'country:BRA', details, 'out', 'all')).toHaveLength(2);
    expect(detailPeers(graph, 'country:BBB', details, 'out', 'x').map((p) => p.node)).toEqual(['country:CCC', 'country:ROW']);
  });
});
