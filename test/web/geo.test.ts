import { describe, expect, it } from 'vitest';
import { FAN_RADIUS, UNPLACED_BAND_OFFSET, geoPositions, projectLonLat, worldExtent, worldProjection } from '../../web/src/layout/geo.ts';

const projection = worldProjection();

describe('projectLonLat', () => {
  it('puts (0, 0) at the origin and flips y so north is up', () => {
    const o = projectLonLat(projection, 0, 0)!;
    expect(o.x).toBeCloseTo(0, 9);
    expect(o.y).toBeCloseTo(0, 9);
    expect(projectLonLat(projection, 0, 60)!.y).toBeGreaterThan(0);
    expect(projectLonLat(projection, 90, 0)!.x).toBeGreaterThan(0);
  });

  it('is symmetric about the equator and the prime meridian', () => {
    const ne = projectLonLat(projection, 30, 40)!;
    const sw = projectLonLat(projection, -30, -40)!;
    expect(sw.x).toBeCloseTo(-ne.x, 9);
    expect(sw.y).toBeCloseTo(-ne.y, 9);
  });
});

describe('geoPositions', () => {
  it('places facilities at their coordinates and aggregates at their country centroid', () => {
    const centroids = new Map([['BRA', { lat: -10, lon: -55 }]]);
    const pos = geoPositions(
      [
        { id: 'mine:araxa', kind: 'mine', lat: -19.6, lon: -46.9, country: 'BRA' },
        { id: 'mine:bra-niobium', kind: 'mine', country: 'BRA' },
      ],
      centroids,
      projection,
    );
    expect(pos.get('mine:araxa')).toEqual(projectLonLat(projection, -46.9, -19.6));
    expect(pos.get('mine:bra-niobium')).toEqual(projectLonLat(projection, -55, -10));
  });

  it('fans co-located nodes out on a circle around the country node', () => {
    const centroids = new Map([['BRA', { lat: -10, lon: -55 }]]);
    const pos = geoPositions(
      [
        { id: 'country:BRA', kind: 'country', lat: -10, lon: -55 },
        { id: 'mine:bra-a', kind: 'mine', country: 'BRA' },
        { id: 'mine:bra-b', kind: 'mine', country: 'BRA' },
      ],
      centroids,
      projection,
    );
    const c = pos.get('country:BRA')!;
    expect(c).toEqual(projectLonLat(projection, -55, -10));
    const a = pos.get('mine:bra-a')!;
    const b = pos.get('mine:bra-b')!;
    expect(Math.hypot(a.x - c.x, a.y - c.y)).toBeCloseTo(FAN_RADIUS, 9);
    expect(Math.hypot(b.x - c.x, b.y - c.y)).toBeCloseTo(FAN_RADIUS, 9);
    // two satellites sit opposite each other
    expect(a.x + b.x).toBeCloseTo(2 * c.x, 9);
    expect(a.y + b.y).toBeCloseTo(2 * c.y, 9);
  });

  it('lines up nodes with no place in a band under the map, in a stable order', () => {
    const pos = geoPositions(
      [
        { id: 'mine:other-countries-x', kind: 'mine', country: 'OTH' },
        { id: 'country:ROW', kind: 'country' },
      ],
      new Map(),
      projection,
    );
    const south = projectLonLat(projection, 0, -90)!;
    const row = pos.get('country:ROW')!;
    const oth = pos.get('mine:other-countries-x')!;
    expect(row.y).toBeCloseTo(south.y - UNPLACED_BAND_OFFSET, 9);
    expect(oth.y).toBeCloseTo(row.y, 9);
    expect(row.x).toBeLessThan(oth.x); // countries sort before mines
    const extent = worldExtent(projection);
    expect(row.y).toBeGreaterThan(extent.y[0]);
  });
});

describe('placeHostCountries (force layout)', () => {
  it('moves a country with no flow to the mean position of what it hosts, and leaves others alone', async () => {
    const { placeHostCountries } = await import('../../web/src/layout/force.ts');
    const { buildViewGraph } = await import('../../web/src/graph.ts');
    const { tinyApiGraph } = await import('./fixtures.ts');
    const g = buildViewGraph(tinyApiGraph());
    g.mergeNodeAttributes('mine:aaa-x', { x: 10, y: 0 });
    g.mergeNodeAttributes('mine:aaa-y', { x: 20, y: 4 });
    g.mergeNodeAttributes('country:CCC', { x: -1, y: -1 });
    placeHostCountries(g);
    expect(g.getNodeAttribute('country:AAA', 'x')).toBe(15);
    expect(g.getNodeAttribute('country:AAA', 'y')).toBe(2);
    expect(g.getNodeAttribute('country:CCC', 'x')).toBe(-1); // a consumer with flows keeps its place
  });
});
