// Closeness centrality with an explicit edge cost (graphology-metrics 2.4.2's closeness ignores weights).
// Same convention as graphology-metrics: distances run from the other nodes TO the node (inbound), closeness =
// reached / sum of distances, optionally times reached / (n - 1) (Wasserman & Faust 1994, p. 201).
// O(n m log n) with costs (one Dijkstra per node), O(n m) for hops; threads as in betweenness.
import type { AbstractGraph as Graph, Attributes } from 'graphology-types';
import { InvalidInputError } from '../../domain/errors.ts';
import { buildCsr, type EdgeCost } from './csr.ts';
import { runKernel } from './parallel.ts';

export interface ClosenessOptions<E extends Attributes = Attributes> {
  /** Edge COST (distance), or null for hops. Required, for the same reason as in betweenness. */
  getEdgeWeight: EdgeCost<E>;
  wassermanFaust?: boolean;
  threads?: number;
}

const KNOWN = new Set(['getEdgeWeight', 'wassermanFaust', 'threads']);

export function closenessCentrality<N extends Attributes, E extends Attributes>(
  graph: Graph<N, E>,
  options: ClosenessOptions<E>,
): Record<string, number> {
  const unknown = Object.keys(options).filter((k) => !KNOWN.has(k));
  if (unknown.length) {
    throw new InvalidInputError(`closeness: unknown option(s) ${unknown.join(', ')} (known: ${[...KNOWN].join(', ')})`);
  }
  if (options.getEdgeWeight === undefined) {
    throw new InvalidInputError('closeness: getEdgeWeight is required: pass a cost (e.g. 1/share) or null for hops', [
      { field: 'getEdgeWeight', message: 'missing' },
    ]);
  }
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new InvalidInputError(`closeness: threads must be a positive integer, got ${String(options.threads)}`);
  }
  const csr = buildCsr(graph, options.getEdgeWeight, 'inbound', 'closeness');
  const sources = new Int32Array(csr.n);
  for (let i = 0; i < csr.n; i++) sources[i] = i;
  const values = runKernel('closeness', csr, sources, {
    wassermanFaust: options.wassermanFaust ?? false,
    ...(options.threads ? { threads: options.threads } : {}),
  });
  const result: Record<string, number> = {};
  for (let i = 0; i < csr.nodes.length; i++) result[csr.nodes[i]!] = values[i]!;
  return result;
}
