// Builds the typed-array CSR adjacency the shortest-path kernels run on, from any graphology graph.
// O(n + m). Edge costs follow graphology-utils' weight getter (non-numbers count as 1), so results match
// graphology-metrics for the same getEdgeWeight.
import type { AbstractGraph as Graph, Attributes } from 'graphology-types';
import { createEdgeWeightGetter } from 'graphology-utils/getters.js';
import { InvalidInputError } from '../../domain/errors.ts';
import type { CsrArrays } from './shortest-paths.mjs';

/**
 * An edge COST (a distance): attribute name, getter, or null for hop counts. Never pass a strength such as tonnes
 * here: the strongest flow would look the longest (graphology issue #501, STYLE.md habit 2).
 */
export type EdgeCost<E extends Attributes = Attributes> = keyof E | ((edge: string, attributes: E) => number) | null;

export interface Csr extends CsrArrays {
  /** Node keys in index order (graph.nodes() order). */
  nodes: string[];
}

export type CsrDirection = 'outbound' | 'inbound';

/**
 * Unweighted: one entry per distinct neighbour (graphology's NeighborhoodIndex). Weighted: one entry per edge, so
 * parallel edges of equal cost count as distinct shortest paths, as in graphology-metrics. Edges of infinite cost
 * are left out (no path); a zero, negative or NaN-producing cost is rejected because Dijkstra-Brandes needs
 * positive costs.
 */
export function buildCsr<N extends Attributes, E extends Attributes>(
  graph: Graph<N, E>,
  getEdgeWeight: EdgeCost<E>,
  direction: CsrDirection = 'outbound',
  caller = 'betweenness',
): Csr {
  const nodes = graph.nodes();
  const n = nodes.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(nodes[i]!, i);
  const starts = new Int32Array(n + 1);
  // Outbound/inbound edges are at most directed + 2 * undirected; trimmed below.
  const capacity = graph.directedSize + 2 * graph.undirectedSize;
  let targets = new Int32Array(capacity);
  let weights: Float64Array | null = null;
  let m = 0;
  if (getEdgeWeight === null) {
    for (let i = 0; i < n; i++) {
      starts[i] = m;
      const visit = (neighbor: string) => {
        targets[m++] = index.get(neighbor)!;
      };
      if (direction === 'outbound') graph.forEachOutboundNeighbor(nodes[i]!, visit);
      else graph.forEachInboundNeighbor(nodes[i]!, visit);
    }
  } else {
    const cost = createEdgeWeightGetter(getEdgeWeight as string | ((edge: string, attributes: Attributes) => number))
      .fromMinimalEntry as (edge: string, attributes: E) => number;
    weights = new Float64Array(capacity);
    const w = weights;
    for (let i = 0; i < n; i++) {
      starts[i] = m;
      const node = nodes[i]!;
      const visit = (edge: string, attributes: E, source: string, target: string) => {
        const c = cost(edge, attributes);
        if (c === Infinity) return;
        if (!(c > 0) || !Number.isFinite(c)) {
          throw new InvalidInputError(
            `${caller}: edge "${edge}" (${source} -> ${target}) has cost ${c}; shortest paths need positive costs ` +
              '(pass getEdgeWeight: null for hop counts, or a cost such as 1/share)',
            [{ at: edge, field: 'getEdgeWeight', message: `cost ${c} is not a positive number` }],
          );
        }
        targets[m] = index.get(source === node ? target : source)!;
        w[m++] = c;
      };
      if (direction === 'outbound') graph.forEachOutboundEdge(node, visit);
      else graph.forEachInboundEdge(node, visit);
    }
  }
  starts[n] = m;
  if (m < capacity) {
    targets = targets.slice(0, m);
    if (weights) weights = weights.slice(0, m);
  }
  return { n, nodes, starts, targets, weights };
}
