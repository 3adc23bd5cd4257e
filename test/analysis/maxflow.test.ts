// Dinic max-flow on textbook networks, and articulation points on tiny flow networks.
import { describe, expect, it } from 'vitest';
import { FlowNetwork } from '../../src/analysis/maxflow.ts';
import { articulationPoints } from '../../src/analysis/articulation.ts';
import { mineralYearIndex } from '../../src/analysis/flow-index.ts';
import { country, flow, graphOf, producer } from './fixtures.ts';

describe('FlowNetwork (Dinic)', () => {
  it('finds the max flow of 23 on the CLRS figure 26.1 network', () => {
    // s=0, v1..v4 = 1..4, t=5 (Cormen et al., Introduction to Algorithms, 3rd ed., fig. 26.1).
    const net = new FlowNetwork(6);
    const edges = [
      [0, 1, 16],
      [0, 2, 13],
      [2, 1, 4],
      [1, 3, 12],
      [3, 2, 9],
      [2, 4, 14],
      [4, 3, 7],
      [3, 5, 20],
      [4, 5, 4],
    ] as const;
    const ids = edges.map(([u, v, c]) => net.addEdge(u, v, c));
    expect(net.maxFlow(0, 5)).toBe(23);
    // Capacity and conservation hold on every arc and inner vertex.
    const balance = new Array(6).fill(0);
    edges.forEach(([u, v, c], i) => {
      const f = net.flow(ids[i]!);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(c);
      balance[u] -= f;
      balance[v] += f;
    });
    expect(balance.slice(1, 5)).toEqual([0, 0, 0, 0]);
    expect(balance[5]).toBe(23);
  });

  it('needs the reverse arcs to reach the optimum (the classic greedy trap)', () => {
    // Greedy s->a->b->t first would block; max flow is 2.
    const net = new FlowNetwork(4);
    net.addEdge(0, 1, 1);
    net.addEdge(0, 2, 1);
    net.addEdge(1, 2, 1);
    net.addEdge(1, 3, 1);
    net.addEdge(2, 3, 1);
    expect(net.maxFlow(0, 3)).toBe(2);
  });

  it('handles fractional and infinite capacities, and disconnected sinks', () => {
    const net = new FlowNetwork(4);
    net.addEdge(0, 1, 2.5);
    net.addEdge(1, 2, Infinity);
    net.addEdge(2, 3, 1.25);
    expect(net.maxFlow(0, 3)).toBeCloseTo(1.25, 12);
    const cut = new FlowNetwork(3);
    cut.addEdge(0, 1, 5);
    expect(cut.maxFlow(0, 2)).toBe(0);
    const inf = new FlowNetwork(2);
    inf.addEdge(0, 1, Infinity);
    expect(() => inf.maxFlow(0, 1)).toThrow(RangeError);
  });

  it('rejects bad arcs', () => {
    const net = new FlowNetwork(2);
    expect(() => net.addEdge(0, 5, 1)).toThrow(RangeError);
    expect(() => net.addEdge(0, 1, -1)).toThrow(RangeError);
  });
});

describe('articulationPoints', () => {
  const aps = (flows: Array<[string, string]>) => {
    const ids = [...new Set(flows.flat())];
    const graph = graphOf(
      ids.map((id) => (id.startsWith('country:') ? country(id.slice(8)) : producer(id, 'AAA'))),
      flows.map(([a, b]) => flow(a, b, 'q', 1)),
    );
    const idx = mineralYearIndex(graph, 'q', 2025);
    return articulationPoints(idx, new Uint8Array(idx.m).fill(1))
      .map((v) => idx.ids[v])
      .sort();
  };

  it('finds the middle of a path and the centre of a star', () => {
    expect(aps([['mine:p', 'refiner:q'], ['refiner:q', 'country:ROW']])).toEqual(['refiner:q']);
    expect(
      aps([
        ['mine:a', 'refiner:hub'],
        ['mine:b', 'refiner:hub'],
        ['refiner:hub', 'country:ROW'],
      ]),
    ).toEqual(['refiner:hub']);
  });

  it('finds none on a diamond and counts parallel flows as one link', () => {
    expect(
      aps([
        ['mine:a', 'refiner:b'],
        ['mine:a', 'refiner:c'],
        ['refiner:b', 'country:ROW'],
        ['refiner:c', 'country:ROW'],
      ]),
    ).toEqual([]);
    expect(
      aps([
        ['mine:a', 'refiner:b'],
        ['mine:a', 'refiner:b'],
        ['refiner:b', 'country:ROW'],
      ]),
    ).toEqual(['refiner:b']);
  });

  it('finds cut vertices joining two cycles (a bowtie) and in a longer chain', () => {
    expect(
      aps([
        ['mine:a', 'refiner:h'],
        ['refiner:h', 'country:AAA'],
        ['mine:a', 'country:AAA'],
        ['refiner:h', 'country:BBB'],
        ['mine:b', 'refiner:h'],
        ['mine:b', 'country:BBB'],
      ]),
    ).toEqual(['refiner:h']);
    expect(
      aps([
        ['mine:a', 'mine:b'],
        ['mine:b', 'refiner:c'],
        ['refiner:c', 'country:ROW'],
      ]),
    ).toEqual(['mine:b', 'refiner:c']);
  });
});
