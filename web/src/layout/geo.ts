// Geographic layout: countries at their centroids, facilities at their coordinates, projected with Equal Earth
// (Šavrič, Patterson & Jenny 2018, an equal-area projection, via d3-geo). Aggregates with no coordinates of their own
// sit at their country's centroid; co-located nodes are fanned out on a small circle so none hides another; nodes
// with no place at all (rest of world, "other countries", minerals) line up in a band under the map. O(n).
import { geoEqualEarth, type GeoProjection } from 'd3-geo';

/** Projection scale: 100 gives graph coordinates of a few hundred units, far from float precision limits. */
export const PROJECTION_SCALE = 100;

export function worldProjection(): GeoProjection {
  return geoEqualEarth().scale(PROJECTION_SCALE).translate([0, 0]);
}

export interface Point {
  x: number;
  y: number;
}

/**
 * lon/lat in degrees -> sigma graph coordinates. Sigma's graph y axis points up while the projection's points down,
 * hence the sign flip; the world outline layer uses the same function so nodes sit on the map.
 */
export function projectLonLat(projection: GeoProjection, lon: number, lat: number): Point | null {
  const p = projection([lon, lat]);
  if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
  return { x: p[0], y: -p[1] };
}

/** The extent of the projected world (graph coordinates), used as sigma's fixed bbox so filtering never rescales the map. */
export function worldExtent(projection: GeoProjection): { x: [number, number]; y: [number, number] } {
  const east = projectLonLat(projection, 180, 0)!;
  const north = projectLonLat(projection, 0, 90)!;
  return { x: [-east.x, east.x], y: [-north.y - UNPLACED_BAND_OFFSET * 1.5, north.y] };
}

/** How far below the south pole's latitude line the band of unplaced nodes sits, in graph units. */
export const UNPLACED_BAND_OFFSET = 22;

export interface GeoInput {
  id: string;
  kind: string;
  lat?: number | undefined;
  lon?: number | undefined;
  /** ISO3 of the country the node is located in (facilities and aggregates). */
  country?: string | undefined;
}

/** Largest gap between two nodes of the band of unplaced nodes, in graph units. */
export const BAND_STEP = 40;

/** Radius, in graph units, of the circle on which nodes sharing one spot are fanned out. */
export const FAN_RADIUS = 4;

/**
 * Geographic positions for every node. `countryCentroids` (ISO3 -> lon/lat) places facilities that have no
 * coordinates; it normally comes from the country nodes themselves.
 */
export function geoPositions(
  nodes: readonly GeoInput[],
  countryCentroids: ReadonlyMap<string, { lat: number; lon: number }>,
  projection: GeoProjection = worldProjection(),
): Map<string, Point> {
  const positions = new Map<string, Point>();
  const bySpot = new Map<string, string[]>();
  const unplaced: GeoInput[] = [];
  for (const node of nodes) {
    let lonLat: { lat: number; lon: number } | undefined;
    if (isFiniteNumber(node.lat) && isFiniteNumber(node.lon)) lonLat = { lat: node.lat, lon: node.lon };
    else if (node.country) lonLat = countryCentroids.get(node.country);
    const p = lonLat ? projectLonLat(projection, lonLat.lon, lonLat.lat) : null;
    if (!p) {
      unplaced.push(node);
      continue;
    }
    positions.set(node.id, p);
    const spot = `${p.x.toFixed(3)},${p.y.toFixed(3)}`;
    const list = bySpot.get(spot);
    if (list) list.push(node.id);
    else bySpot.set(spot, [node.id]);
  }
  // Fan out nodes that share a spot. The country node itself (if present) stays at the centre.
  for (const ids of bySpot.values()) {
    if (ids.length < 2) continue;
    const centre = positions.get(ids[0]!)!;
    const satellites = ids.filter((id) => !id.startsWith('country:'));
    const anchorIsCountry = satellites.length < ids.length;
    const ring = anchorIsCountry ? satellites : ids;
    const radius = FAN_RADIUS * Math.max(1, Math.sqrt(ring.length / 6));
    ring.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / ring.length - Math.PI / 2;
      positions.set(id, { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) });
    });
  }
  // The band of unplaced nodes, sorted so the same data always gives the same picture.
  if (unplaced.length) {
    const south = projectLonLat(projection, 0, -90)!;
    const east = projectLonLat(projection, 180, 0)!;
    const width = 2 * east.x * 0.9;
    unplaced.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
    const perRow = Math.max(1, Math.min(unplaced.length, Math.floor(width / 8)));
    unplaced.forEach((node, i) => {
      const row = Math.floor(i / perRow);
      const inRow = Math.min(perRow, unplaced.length - row * perRow);
      const col = i % perRow;
      // Centred, at most BAND_STEP apart: a few nodes sit together under the map instead of at its far corners.
      const step = inRow > 1 ? Math.min(BAND_STEP, width / (inRow - 1)) : 0;
      positions.set(node.id, {
        x: (col - (inRow - 1) / 2) * step,
        y: south.y - UNPLACED_BAND_OFFSET - row * 8,
      });
    });
  }
  return positions;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * The resting camera of the map on a tall, narrow stage (a phone): fitted to the width, the world would be a strip
 * across a third of the stage, so when it fills less than `minFill` of the stage height the camera zooms until it
 * fills `fill` and centres on `centreX` (framed coordinates, sigma's camera space), kept inside the world so no blank
 * margin shows. On a wide stage the map already fills it: ratio 1, centred. Inputs are measured at camera ratio 1.
 */
export function fitHeightCamera(o: {
  /** Height of the drawn map, in pixels, at ratio 1. */
  mapHeightPx: number;
  stageHeightPx: number;
  /** Half the framed width the stage shows at ratio 1. */
  halfWidthAtRatio1: number;
  /** The world's left and right edges, framed. */
  worldX: readonly [number, number];
  centreX: number;
  fill?: number;
  minFill?: number;
}): { x: number; y: number; ratio: number } {
  const wanted = (o.fill ?? 0.8) * o.stageHeightPx;
  const mid = (o.worldX[0] + o.worldX[1]) / 2;
  if (!(o.mapHeightPx > 0) || o.mapHeightPx >= (o.minFill ?? 0.6) * o.stageHeightPx) return { x: mid, y: 0.5, ratio: 1 };
  const ratio = o.mapHeightPx / wanted;
  const half = o.halfWidthAtRatio1 * ratio;
  const lo = o.worldX[0] + half;
  const hi = o.worldX[1] - half;
  const x = lo > hi ? mid : Math.min(hi, Math.max(lo, o.centreX));
  return { x, y: 0.5, ratio };
}
