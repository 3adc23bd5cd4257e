// The light world map under the geographic layout: Natural Earth 1:110m countries (world-atlas, public domain) turned
// into one Path2D in graph coordinates once, then drawn on a canvas layer beneath sigma's edges on every render with
// the camera's affine transform, so panning and zooming cost one path fill, not a re-projection.
import { geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type Sigma from 'sigma';
import { worldProjection } from './geo.ts';

export interface WorldShapes {
  land: Path2D;
  borders: Path2D;
  /** One path per country, keyed by its UN M49 numeric id ("076"), for the choropleth. */
  countries?: Map<string, Path2D>;
}

export const LAND_FILL = '#e9e5da';
export const BORDER_STROKE = '#c9c1ab';

/** Projects the topology with the layout's projection, y flipped to sigma's upward axis (see geo.ts projectLonLat). */
export function worldShapes(topology: Topology): WorldShapes {
  const projection = worldProjection().reflectY(true);
  const countries = topology.objects['countries'] as GeometryCollection;
  const land = new Path2D();
  const borders = new Path2D();
  geoPath(projection, land as unknown as CanvasRenderingContext2D)(feature(topology, countries));
  geoPath(projection, borders as unknown as CanvasRenderingContext2D)(mesh(topology, countries, (a, b) => a !== b));
  const byId = new Map<string, Path2D>();
  const collection = feature(topology, countries) as unknown as { features: Array<{ id?: string | number }> };
  for (const f of collection.features) {
    if (f.id === undefined) continue;
    const path = new Path2D();
    geoPath(projection, path as unknown as CanvasRenderingContext2D)(f as Parameters<ReturnType<typeof geoPath>>[0]);
    byId.set(String(f.id).padStart(3, '0'), path);
  }
  return { land, borders, countries: byId };
}

export async function loadWorldShapes(url: string): Promise<WorldShapes> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`world outline: ${url} answered ${response.status}`);
  return worldShapes((await response.json()) as Topology);
}

/** Draws the outline on its own canvas, before sigma's "edges" layer, following the camera. */
export class WorldLayer {
  readonly canvas: HTMLCanvasElement;
  private shapes: WorldShapes | null = null;
  private visible = true;
  private fills: ReadonlyMap<string, string> | null = null;
  private readonly onRender = () => this.draw();

  constructor(private readonly sigma: Sigma) {
    this.canvas = sigma.createCanvas('world', { beforeLayer: 'edges' });
    this.canvas.style.pointerEvents = 'none';
    sigma.on('afterRender', this.onRender);
  }

  setShapes(shapes: WorldShapes | null): void {
    this.shapes = shapes;
    this.draw();
  }

  /**
   * The choropleth: M49 id -> fill colour (a country's share of supply lost in the what-if), drawn over the land and
   * under the borders; null or empty for the plain map.
   */
  setFills(fills: ReadonlyMap<string, string> | null): void {
    const same = (this.fills?.size ?? 0) === (fills?.size ?? 0) && [...(fills ?? [])].every(([k, v]) => this.fills?.get(k) === v);
    this.fills = fills;
    if (!same) this.draw();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.draw();
  }

  draw(): void {
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round(width * ratio);
    const hgt = Math.round(height * ratio);
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== hgt) this.canvas.height = hgt;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    if (!this.visible || !this.shapes) return;
    // graph -> viewport is affine (normalisation + camera): three points give its matrix. Passing the camera state
    // makes sigma compute that matrix now: it skips doing so while rendering an empty graph (an API error, an empty
    // filter), which left the map where the matrix of the first frame put it, off-centre.
    const now = { cameraState: this.sigma.getCamera().getState() };
    const o = this.sigma.graphToViewport({ x: 0, y: 0 }, now);
    const ex = this.sigma.graphToViewport({ x: 1, y: 0 }, now);
    const ey = this.sigma.graphToViewport({ x: 0, y: 1 }, now);
    const a = ex.x - o.x;
    const b = ex.y - o.y;
    const c = ey.x - o.x;
    const d = ey.y - o.y;
    const scale = Math.sqrt(Math.abs(a * d - b * c)) || 1;
    ctx.setTransform(a * ratio, b * ratio, c * ratio, d * ratio, o.x * ratio, o.y * ratio);
    ctx.fillStyle = LAND_FILL;
    ctx.fill(this.shapes.land);
    if (this.fills && this.shapes.countries) {
      for (const [id, color] of this.fills) {
        const path = this.shapes.countries.get(id);
        if (!path) continue;
        ctx.fillStyle = color;
        ctx.fill(path);
      }
    }
    ctx.strokeStyle = BORDER_STROKE;
    ctx.lineWidth = 0.8 / scale;
    ctx.stroke(this.shapes.borders);
  }

  kill(): void {
    this.sigma.off('afterRender', this.onRender);
    this.sigma.killLayer('world');
  }
}
