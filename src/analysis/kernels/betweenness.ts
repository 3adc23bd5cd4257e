// Fast exact (and sampled) betweenness centrality: Brandes (2001) on a typed-array CSR, Dijkstra with a binary heap
// for costs, BFS for hops, Float64 path counts, sources spread over worker threads. O(n m + n^2 log n) weighted,
// O(n m) unweighted; sampled with k sources O(k m log n), scaled by n/k (Brandes & Pich 2007, uniform pivots).
// Same signature and semantics as graphology-metrics' betweennessCentrality, which stays the reference in tests.
import type { AbstractGraph as Graph, Attributes } from 'graphology-types';
import seedrandom from 'seedrandom';
import { InvalidInputError } from '../../domain/errors.ts';
import { buildCsr, type EdgeCost } from './csr.ts';
import { runKernel } from './parallel.ts';

export type { EdgeCost } from './csr.ts';

export interface BetweennessOptions<E extends Attributes = Attributes> {
  /** Edge COST (distance), or null for hops. Required: graphology's default 'weight' is how tonnage leaks in. */
  getEdgeWeight: EdgeCost<E>;
  /** Divide by (n-1)(n-2) as graphology-metrics does (default true). */
  normalized?: boolean;
  /** Use k uniformly drawn sources instead of all n and scale by n/k; k >= n is exact. */
  sample?: number;
  /** Seed of the source sample (default "chokepoint"). */
  seed?: string | number;
  /** Most threads, the main one included (default: every core; workers start only when the work is long enough). */
  threads?: number;
}

const KNOWN = new Set(['getEdgeWeight', 'normalized', 'sample', 'seed', 'threads']);

export const DEFAULT_BETWEENNESS_SEED = 'chokepoint';

function positiveInteger(name: string, value: unknown): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 1)) {
    throw new InvalidInputError(`betweenness: ${name} must be a positive integer, got ${String(value)}`, [
      { field: name, message: 'expected an integer >= 1' },
    ]);
  }
}

function validate(options: BetweennessOptions<Attributes>): void {
  const unknown = Object.keys(options).filter((k) => !KNOWN.has(k));
  if (unknown.length) {
    throw new InvalidInputError(`betweenness: unknown option(s) ${unknown.join(', ')} (known: ${[...KNOWN].join(', ')})`, [
      ...unknown.map((field) => ({ field, message: 'unknown option' })),
    ]);
  }
  if (!('getEdgeWeight' in options) || options.getEdgeWeight === undefined) {
    throw new InvalidInputError(
      'betweenness: getEdgeWeight is required: pass a cost (e.g. 1/share) or null for hops, never a tonnage',
      [{ field: 'getEdgeWeight', message: 'missing' }],
    );
  }
  positiveInteger('sample', options.sample);
  positiveInteger('threads', options.threads);
}

/** The first k entries of a seeded Fisher-Yates shuffle of 0..n-1 (sampling without replacement). */
export function sampleSources(n: number, k: number, seed: string | number = DEFAULT_BETWEENNESS_SEED): Int32Array {
  const all = allSources(n);
  const take = Math.min(k, n);
  const random = seedrandom(String(seed));
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.subarray(0, take);
}

function allSources(n: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return all;
}

/** Betweenness per node index of the graph's node order (for callers that keep their own index). */
export function betweennessArray<N extends Attributes, E extends Attributes>(
  graph: Graph<N, E>,
  options: BetweennessOptions<E>,
): { nodes: string[]; values: Float64Array; sources: number } {
  validate(options as BetweennessOptions<Attributes>);
  const csr = buildCsr(graph, options.getEdgeWeight, 'outbound', 'betweenness');
  const n = csr.n;
  const sampled = options.sample !== undefined && options.sample < n;
  const sources = sampled ? sampleSources(n, options.sample!, options.seed) : allSources(n);
  const values = runKernel('betweenness', csr, sources, options.threads ? { threads: options.threads } : {});
  let scale = sampled ? n / sources.length : 1;
  // graphology-metrics' rescaling: normalized by (n-1)(n-2) for n > 2; undirected unnormalized halves.
  if (options.normalized ?? true) scale *= n <= 2 ? 1 : 1 / ((n - 1) * (n - 2));
  else if (graph.type === 'undirected') scale *= 0.5;
  if (scale !== 1) for (let i = 0; i < n; i++) values[i]! *= scale;
  return { nodes: csr.nodes, values, sources: sources.length };
}

/** node -> betweenness, like graphology-metrics' betweennessCentrality(graph, {getEdgeWeight, normalized}). */
export function betweennessCentrality<N extends Attributes, E extends Attributes>(
  graph: Graph<N, E>,
  options: BetweennessOptions<E>,
): Record<string, number> {
  const { nodes, values } = betweennessArray(graph, options);
  const result: Record<string, number> = {};
  for (let i = 0; i < nodes.length; i++) result[nodes[i]!] = values[i]!;
  return result;
}
