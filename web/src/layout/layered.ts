// Layered layout: the supply chain read left to right, mine -> refiner -> trade hub -> consumer. The column (layer) is
// given by the node's stage in the chain, not searched for, so this is only the ordering half of a Sugiyama layout
// (Sugiyama, Tagawa & Toda 1981): nodes are ordered within their column by the barycenter heuristic, alternating
// sweeps to the right (order by the mean position of in-neighbours) and to the left (of out-neighbours), which reduces
// edge crossings. O(sweeps * (m + n log n)). Headings name the columns on a canvas layer above the labels.
import type Sigma from 'sigma';
import type { ViewGraph } from '../graph.ts';
import type { Point } from './geo.ts';

/** The columns, left to right. A trade hub is a country that passes supply on to another country (re-export). */
export const LAYERS = ['mine', 'refiner', 'trade hub', 'consumer'] as const;
export type Layer = (typeof LAYERS)[number];

/** Graph units: the columns span LAYERED_WIDTH, each column LAYERED_HEIGHT (wider than high, as screens are). */
export const LAYERED_WIDTH = 160;
export const LAYERED_HEIGHT = 130;
const SWEEPS = 4;

/** The column of a node: mines (and national mine totals), refiners, countries that export onwards, the others. */
export function layerOf(graph: ViewGraph, node: string): Layer {
  const kind = graph.getNodeAttribute(node, 'kind');
  if (kind === 'mine' || kind === 'mineral') return 'mine';
  if (kind === 'refiner') return 'refiner';
  return graph.outDegree(node) > 0 ? 'trade hub' : 'consumer';
}

/**
 * Positions for every node: x by column (empty columns left out, so a stage filter leaves no gap), y by the node's
 * rank in its column after the barycenter sweeps, spread over the column's height, first rank on top.
 */
export function layeredPositions(graph: ViewGraph, sweeps = SWEEPS): Map<string, Point> {
  return layeredLayout(graph, sweeps).positions;
}

/** The positions and the columns drawn (their layer and x, for the headings). */
export function layeredLayout(graph: ViewGraph, sweeps = SWEEPS): { positions: Map<string, Point>; columns: Array<{ layer: Layer; x: number }> } {
  const columns = new Map<Layer, string[]>(LAYERS.map((l) => [l, []]));
  const layer = new Map<string, number>();
  graph.forEachNode((node) => {
    const l = layerOf(graph, node);
    columns.get(l)!.push(node);
    layer.set(node, LAYERS.indexOf(l));
  });
  // Start from a reading order: by mineral, then the larger supplier first, then id (the same data, the same picture).
  const mineralOf = (n: string) => {
    const a = graph.getNodeAttributes(n);
    return a.mineral ?? a.supplyShareMineral ?? a.minerals?.[0] ?? '';
  };
  for (const nodes of columns.values()) {
    nodes.sort(
      (a, b) =>
        mineralOf(a).localeCompare(mineralOf(b)) ||
        (graph.getNodeAttribute(b, 'supplyShare') ?? 0) - (graph.getNodeAttribute(a, 'supplyShare') ?? 0) ||
        a.localeCompare(b),
    );
  }
  // Relative rank 0..1 in the column: columns of very different sizes compare on one scale.
  const rank = new Map<string, number>();
  const rerank = (nodes: string[]) => nodes.forEach((n, i) => rank.set(n, nodes.length > 1 ? i / (nodes.length - 1) : 0.5));
  for (const nodes of columns.values()) rerank(nodes);

  const order = (nodes: string[], neighbours: (n: string, visit: (m: string) => void) => void, accept: (l: number) => boolean) => {
    const key = new Map<string, number>();
    for (const n of nodes) {
      let sum = 0;
      let count = 0;
      neighbours(n, (m) => {
        if (!accept(layer.get(m)!)) return;
        sum += rank.get(m)!;
        count++;
      });
      // A node with no neighbour on that side keeps its place.
      key.set(n, count ? sum / count : rank.get(n)!);
    }
    nodes.sort((a, b) => key.get(a)! - key.get(b)! || rank.get(a)! - rank.get(b)!);
    rerank(nodes);
  };
  const inNeighbours = (n: string, visit: (m: string) => void) => graph.forEachInNeighbor(n, visit);
  const outNeighbours = (n: string, visit: (m: string) => void) => graph.forEachOutNeighbor(n, visit);
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < LAYERS.length; l++) order(columns.get(LAYERS[l]!)!, inNeighbours, (m) => m < l);
    for (let l = LAYERS.length - 2; l >= 0; l--) order(columns.get(LAYERS[l]!)!, outNeighbours, (m) => m > l);
  }

  const used = LAYERS.filter((l) => columns.get(l)!.length > 0);
  const positions = new Map<string, Point>();
  const drawn = used.map((layer, i) => {
    const x = used.length > 1 ? (i / (used.length - 1)) * LAYERED_WIDTH : 0;
    for (const n of columns.get(layer)!) positions.set(n, { x, y: LAYERED_HEIGHT * (1 - rank.get(n)!) });
    return { layer, x };
  });
  return { positions, columns: drawn };
}

/** Column headings over the layered layout ("mine", "refiner" ...), on their own canvas layer, following the camera. */
export class LayerHeadings {
  private readonly canvas: HTMLCanvasElement;
  private columns: Array<{ layer: Layer; x: number }> = [];
  private readonly onRender = () => this.draw();

  /** `obstacles` gives, in the stage's pixels, the HTML drawn over the graph (zoom buttons) headings keep off. */
  constructor(
    private readonly sigma: Sigma,
    private readonly obstacles: () => Array<{ x: number; y: number; width: number; height: number }> = () => [],
  ) {
    this.canvas = sigma.createCanvas('layer-headings', { afterLayer: 'labels' });
    this.canvas.style.pointerEvents = 'none';
    sigma.on('afterRender', this.onRender);
  }

  /** The columns to name; none hides the headings (other layouts). */
  set(columns: Array<{ layer: Layer; x: number }>): void {
    this.columns = columns;
    this.draw();
  }

  /** The headings drawn, in the stage's pixels (for the end-to-end tests). */
  drawn(): Array<{ layer: Layer; x: number }> {
    return this.columns.map((c) => ({ layer: c.layer, x: this.sigma.graphToViewport({ x: c.x, y: LAYERED_HEIGHT }).x }));
  }

  /** Where a heading of width `tw` goes: centred over its column just above its top, inside the stage, off the obstacles. */
  private place(columnX: number, topY: number, tw: number, width: number): { x: number; y: number } {
    let x = Math.min(width - tw - 4, Math.max(4, columnX - tw / 2));
    const y = Math.max(4, topY - 26);
    for (const o of this.obstacles()) {
      if (x < o.x + o.width && o.x < x + tw && y < o.y + o.height && o.y < y + 14) x = Math.max(4, o.x - tw - 6);
    }
    return { x, y };
  }

  private draw(): void {
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const [w, h] = [Math.round(width * ratio), Math.round(height * ratio)];
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== h) this.canvas.height = h;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (!this.columns.length) return;
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.fillStyle = '#555';
    ctx.textBaseline = 'top';
    for (const c of this.columns) {
      const p = this.sigma.graphToViewport({ x: c.x, y: LAYERED_HEIGHT });
      const text = c.layer.toUpperCase();
      const at = this.place(p.x, p.y, ctx.measureText(text).width, width);
      ctx.fillText(text, at.x, at.y);
    }
  }

  kill(): void {
    this.sigma.off('afterRender', this.onRender);
    this.sigma.killLayer('layer-headings');
  }
}
