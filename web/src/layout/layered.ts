// Layered layout: the supply chain read left to right, mine -> refiner -> trade hub -> consumer. The column (layer) is
// given by the node's stage in the chain, not searched for, so this is only the ordering half of a Sugiyama layout
// (Sugiyama, Tagawa & Toda 1981): nodes are ordered within their column by the barycenter heuristic, alternating
// sweeps to the right (order by the mean position of in-neighbours) and to the left (of out-neighbours), which reduces
// edge crossings. O(sweeps * (m + n log n)).
import type { ViewGraph } from '../graph.ts';
import type { Point } from './geo.ts';

/** The columns, left to right. A trade hub is a country that passes supply on to another country (re-export). */
export const LAYERS = ['mine', 'refiner', 'trade hub', 'consumer'] as const;
export type Layer = (typeof LAYERS)[number];

/** Graph units: the columns span LAYERED_WIDTH, each column LAYERED_HEIGHT (wider than high, as screens are). */
export const LAYERED_WIDTH = 160;
export const LAYERED_HEIGHT = 100;
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
  used.forEach((l, i) => {
    const x = used.length > 1 ? (i / (used.length - 1)) * LAYERED_WIDTH : 0;
    for (const n of columns.get(l)!) positions.set(n, { x, y: LAYERED_HEIGHT * (1 - rank.get(n)!) });
  });
  return positions;
}
