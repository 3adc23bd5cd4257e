// The what-if choropleth: consumer countries that lost supply get their shape filled with the loss colour, keyed by
// their M49 code; aggregates (country:ROW), countries without a code and untouched countries stay plain.
import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { choroplethFills } from '../../web/src/choropleth.ts';
import { lossColor } from '../../web/src/colors.ts';
import type { ViewGraph } from '../../web/src/graph.ts';

const node = (kind: 'country' | 'mine', extra: Record<string, unknown> = {}) => ({ kind, name: 'n', x: 0, y: 0, geoX: 0, geoY: 0, label: 'n', supplyShare: null, supplyShareMineral: null, pagerank: null, betweenness: null, risk: null, ...extra });

describe('choroplethFills', () => {
  it('fills every consumer country that lost supply by its M49 id, with the loss colour', () => {
    const graph = new MultiDirectedGraph() as unknown as ViewGraph;
    graph.addNode('country:CHN', node('country', { iso3: 'CHN', m49: '156' }));
    graph.addNode('country:JPN', node('country', { iso3: 'JPN', m49: '392' }));
    graph.addNode('country:ROW', node('country', { iso3: 'ROW', aggregate: true }));
    graph.addNode('country:XKX', node('country', { iso3: 'XKX' }));
    graph.addNode('mine:bra-niobium', node('mine', { country: 'BRA' }));
    const loss = new Map([
      ['country:CHN', 0.98],
      ['country:JPN', 0.5],
      ['country:ROW', 0.9],
      ['country:XKX', 0.4],
      ['mine:bra-niobium', 1],
      ['country:NOPE', 1],
    ]);
    const fills = choroplethFills(graph, loss, 'kind');
    expect([...fills.keys()].sort()).toEqual(['156', '392']);
    expect(fills.get('156')).toBe(lossColor(0.98, 'kind'));
    expect(fills.get('392')).toBe(lossColor(0.5, 'kind'));
    expect(choroplethFills(graph, new Map(), 'risk').size).toBe(0);
  });
});
