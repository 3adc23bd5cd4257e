import { describe, expect, it } from 'vitest';
import { assignMineralRisk, assignScores, buildViewGraph, maxNodeValue } from '../../web/src/graph.ts';
import { FAN_RADIUS, projectLonLat, worldProjection } from '../../web/src/layout/geo.ts';
import { tinyApiGraph } from './fixtures.ts';

describe('buildViewGraph', () => {
  it('keeps the latest year by default, the nodes its flows touch and the countries they are located in', () => {
    const g = buildViewGraph(tinyApiGraph());
    expect(g.getAttribute('year')).toBe(2025);
    expect(g.getAttribute('years')).toEqual([2024, 2025]);
    expect(g.edges().sort()).toEqual(['e1', 'e2', 'e3', 'e4', 'e6']);
    // AAA and BBB carry no flow but host mines; the mineral node carries none and hosts nothing: not drawn
    expect(g.nodes().sort()).toEqual([
      'country:AAA',
      'country:BBB',
      'country:CCC',
      'country:ROW',
      'mine:aaa-x',
      'mine:aaa-y',
      'mine:bbb-x',
      'refiner:bbb-x',
    ]);
    expect(g.degree('country:AAA')).toBe(0);
    expect(g.getAttribute('maxTonnes')).toBe(60);
  });

  it('keeps another year on request', () => {
    const g = buildViewGraph(tinyApiGraph(), { year: 2024 });
    expect(g.edges()).toEqual(['e5']);
    expect(g.nodes().sort()).toEqual(['country:AAA', 'country:CCC', 'mine:aaa-x']);
    expect(g.getNodeAttribute('mine:aaa-x', 'supplyShare')).toBe(1);
  });

  it('writes supply shares (hand-computed in fixtures.ts)', () => {
    const g = buildViewGraph(tinyApiGraph());
    expect(g.getNodeAttribute('mine:aaa-x', 'supplyShare')).toBeCloseTo(0.75, 12);
    expect(g.getNodeAttribute('mine:bbb-x', 'supplyShare')).toBeCloseTo(0.25, 12);
    expect(g.getNodeAttribute('refiner:bbb-x', 'supplyShare')).toBeCloseTo(1, 12);
    expect(g.getNodeAttribute('country:ROW', 'supplyShare')).toBeCloseTo(0.375, 12);
    expect(g.getNodeAttribute('country:CCC', 'supplyShare')).toBeCloseTo(1, 12);
  });

  it('sizes a country by what its producers supply: its national total, the mineral it weighs most in', () => {
    const g = buildViewGraph(tinyApiGraph());
    // Aland: national totals of x (60 of 80 t = 75%) and y (5 of 5 t = 100%); it has no flow of its own
    expect(g.degree('country:AAA')).toBe(0);
    expect(g.getNodeAttributes('country:AAA')).toMatchObject({ supplyShare: 1, supplyShareMineral: 'y' });
    // with the view kept to mineral x (the API's mineral filter), Aland is its x total: 75%
    const data = tinyApiGraph();
    data.edges = data.edges.filter((e) => e.attributes?.mineral === 'x');
    const x = buildViewGraph(data);
    expect(x.getNodeAttribute('country:AAA', 'supplyShare')).toBeCloseTo(0.75, 12);
    expect(x.getNodeAttribute('country:AAA', 'supplyShareMineral')).toBe('x');
    // Bland: its mine total is 20 of 80 t, its refinery (a facility, refined stage) all 80 t: the larger stage
    expect(x.getNodeAttribute('country:BBB', 'supplyShare')).toBeCloseTo(1, 12);
    // a consumer keeps its own share
    expect(x.getNodeAttribute('country:CCC', 'supplyShare')).toBeCloseTo(50 / 80, 12);
  });

  it('writes the governance risk of each node\'s country, null without WGI', () => {
    const g = buildViewGraph(tinyApiGraph());
    expect(g.getNodeAttribute('mine:aaa-x', 'risk')).toBeCloseTo(0.5, 12); // WGI 0 everywhere
    expect(g.getNodeAttribute('refiner:bbb-x', 'risk')).toBeCloseTo(1 - 4.5 / 7, 12); // WGI 1
    expect(g.getNodeAttribute('country:CCC', 'risk')).toBeNull();
    expect(g.getNodeAttribute('country:AAA', 'risk')).toBeCloseTo(0.5, 12);
  });

  it('positions facilities at their coordinates and aggregates at their country centroid', () => {
    const g = buildViewGraph(tinyApiGraph());
    const p = worldProjection();
    const refinery = projectLonLat(p, 41, 21)!;
    expect(g.getNodeAttribute('refiner:bbb-x', 'x')).toBeCloseTo(refinery.x, 9);
    expect(g.getNodeAttribute('refiner:bbb-x', 'geoY')).toBeCloseTo(refinery.y, 9);
    // the country stays at its centroid; its aggregates are fanned out around it
    const bland = projectLonLat(p, 40, 20)!;
    expect(g.getNodeAttribute('country:BBB', 'x')).toBeCloseTo(bland.x, 9);
    const bx = g.getNodeAttributes('mine:bbb-x');
    expect(Math.hypot(bx.x - bland.x, bx.y - bland.y)).toBeCloseTo(FAN_RADIUS, 9);
    const aland = projectLonLat(p, 0, 0)!;
    const ax = g.getNodeAttributes('mine:aaa-x');
    const ay = g.getNodeAttributes('mine:aaa-y');
    expect(Math.hypot(ax.x - aland.x, ax.y - aland.y)).toBeCloseTo(FAN_RADIUS, 9);
    expect(ax.x + ay.x).toBeCloseTo(2 * aland.x, 9);
  });

  it('assigns centrality scores and mineral risk, resetting missing ones to null', () => {
    const g = buildViewGraph(tinyApiGraph());
    assignScores(g, 'pagerank', [
      { node: 'country:CCC', name: 'Cland', kind: 'country', value: 0.4 },
      { node: 'mine:aaa-x', name: '', kind: 'mine', value: 0.1 },
    ]);
    expect(g.getNodeAttribute('country:CCC', 'pagerank')).toBe(0.4);
    expect(g.getNodeAttribute('refiner:bbb-x', 'pagerank')).toBeNull();
    expect(maxNodeValue(g, 'pagerank')).toBe(0.4);
    assignScores(g, 'pagerank', []);
    expect(g.getNodeAttribute('country:CCC', 'pagerank')).toBeNull();
    expect(maxNodeValue(g, 'pagerank')).toBe(0);
    assignMineralRisk(g, new Map([['x', 0.7]])); // no mineral node drawn: nothing changes, nothing throws
    expect(g.getNodeAttribute('mine:aaa-x', 'risk')).toBeCloseTo(0.5, 12);
  });

  it('draws an empty graph for a filter with no flows', () => {
    const data = tinyApiGraph();
    data.edges = [];
    const g = buildViewGraph(data);
    expect(g.order).toBe(0);
    expect(g.getAttribute('year')).toBeNull();
  });
});
