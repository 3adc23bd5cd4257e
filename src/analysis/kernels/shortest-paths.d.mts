// Types of the plain-JS kernel in shortest-paths.mjs (kept as JS so worker threads need no TypeScript loader).

/** Compressed sparse rows: the neighbours of node i are targets[starts[i] .. starts[i + 1]). */
export interface CsrArrays {
  n: number;
  starts: Int32Array;
  targets: Int32Array;
  /** Positive finite edge costs aligned with targets; null for hop counts. */
  weights: Float64Array | null;
}

export type KernelTask = 'betweenness' | 'closeness';

export interface Workspace {
  dist: Float64Array;
  hops: Int32Array;
  sigma: Float64Array;
  delta: Float64Array;
  order: Int32Array;
  heap: Int32Array;
  hkey: Float64Array;
  pos: Int32Array;
}

export function createWorkspace(n: number): Workspace;
export function brandesFrom(csr: CsrArrays, source: number, ws: Workspace, out: Float64Array): void;
export function closenessFrom(
  csr: CsrArrays,
  source: number,
  ws: Workspace,
  out: Float64Array,
  wassermanFaust: boolean,
  /** performance.now() after which to stop claiming chunks (default Infinity). */
  deadline?: number,
): void;
export function runSources(
  task: KernelTask,
  csr: CsrArrays,
  sources: Int32Array,
  counter: Int32Array,
  chunk: number,
  out: Float64Array,
  wassermanFaust: boolean,
  /** performance.now() after which to stop claiming chunks (default Infinity). */
  deadline?: number,
): void;
