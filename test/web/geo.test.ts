import { describe, expect, it } from 'vitest';
import { FAN_RADIUS, UNPLACED_BAND_OFFSET, fitHeightCamera, geoPositions, projectLonLat, worldExtent, worldProjection } from '../../web/src/layout/geo.ts';

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

describe('fitHeightCamera (phones)', () => {
  // A 390 x 520 stage: the world fitted to the width is 200 px tall and spans framed x 0..1, the stage showing 1 unit.
  const phone = { mapHeightPx: 200, stageHeightPx: 520, halfWidthAtRatio1: 0.5, worldX: [0, 1] as const };

  it('zooms until the map fills 80% of the stage height, centred on the supply', () => {
    const c = fitHeightCamera({ ...phone, centreX: 0.4 });
    expect(c.ratio).toBeCloseTo(200 / 416, 12);
    expect(c.x).toBe(0.4);
    expect(c.y).toBe(0.5);
  });

  it('keeps the view inside the world: a centre near an edge slides in', () => {
    const c = fitHeightCamera({ ...phone, centreX: 0.05 });
    expect(c.x).toBeCloseTo(0.5 * (200 / 416), 12); // the left edge of the view on the world's left edge
    expect(fitHeightCamera({ ...phone, centreX: 0.99 }).x).toBeCloseTo(1 - 0.5 * (200 / 416), 12);
  });

  it('leaves a wide stage, where the map already fills most of the height, at the whole world', () => {
    expect(fitHeightCamera({ ...phone, mapHeightPx: 450, centreX: 0.2 })).toEqual({ x: 0.5, y: 0.5, ratio: 1 });
    // a 900 x 733 desktop stage: the map fills 490 px (67%), more than the 60% that calls for a zoom
    expect(fitHeightCamera({ ...phone, mapHeightPx: 490, stageHeightPx: 733, centreX: 0.2 }).ratio).toBe(1);
    expect(fitHeightCamera({ ...phone, mapHeightPx: 0, centreX: 0.2 }).ratio).toBe(1);
  });
});
