// Runs a shortest-path kernel over many sources on several threads and sums the per-thread results, synchronously:
// the main thread works too and then blocks on Atomics.wait for the workers still busy (node allows it), so callers
// keep a plain synchronous function. Workers are started only when the main thread's first few milliseconds of work
// project enough remaining work to pay for their start-up; they share the CSR through SharedArrayBuffers, claim
// sources from the same atomic counter, and are always terminated.
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { runSources, type CsrArrays, type KernelTask } from './shortest-paths.mjs';

/** The main thread works alone this long before deciding whether workers are worth starting. */
export const PROBE_MS = 15;

/** Workers start only when the projected remaining work exceeds this (a worker's start-up is ~30 ms of CPU). */
export const PARALLEL_MIN_REMAINING_MS = 80;

/** Sources claimed per Atomics.add: small enough to balance, large enough to keep the counter cold. */
const CHUNK = 4;

const WORKER_START_TIMEOUT_MS = 30_000;

const WORKER_URL = new URL('./shortest-paths-worker.mjs', import.meta.url);

export interface RunOptions {
  /** Most threads to use, the main one included (default: every core). 1 never starts a worker. */
  threads?: number;
  wassermanFaust?: boolean;
  /**
   * Let the main thread claim sources too (default true). False starts the workers at once and leaves them all
   * the work (tests use it to exercise the worker path deterministically).
   */
  mainThreadWorks?: boolean;
  /** Receives how many workers actually took part (a worker cancelled before it started did not). */
  onStats?: (stats: { threads: number; workersJoined: number }) => void;
}

/** Threads used at most by default: every core. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

function shared<T extends Int32Array | Float64Array>(array: T): T {
  const Ctor = array.constructor as { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const copy = new Ctor(new SharedArrayBuffer(array.length * Ctor.BYTES_PER_ELEMENT));
  copy.set(array);
  return copy;
}

/** Runs `task` from every entry of `sources`; returns the sum over threads of what each accumulated (length n). */
export function runKernel(task: KernelTask, csr: CsrArrays, sources: Int32Array, options: RunOptions = {}): Float64Array {
  const n = csr.n;
  const total = sources.length;
  const wassermanFaust = options.wassermanFaust ?? false;
  const mainThreadWorks = options.mainThreadWorks ?? true;
  const maxThreads = Math.max(1, Math.min(options.threads ?? defaultThreads(), total || 1));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const out = new Float64Array(n);

  if (mainThreadWorks) {
    const start = performance.now();
    runSources(task, csr, sources, counter, CHUNK, out, wassermanFaust, maxThreads > 1 ? start + PROBE_MS : Infinity);
    const done = Math.min(Atomics.load(counter, 0), total);
    const elapsed = performance.now() - start;
    const remaining = done > 0 ? (elapsed / done) * (total - done) : Infinity;
    if (done >= total || remaining < PARALLEL_MIN_REMAINING_MS) {
      if (done < total) runSources(task, csr, sources, counter, CHUNK, out, wassermanFaust, Infinity);
      options.onStats?.({ threads: 1, workersJoined: 0 });
      return out;
    }
  }
  const threads = mainThreadWorks ? maxThreads : Math.max(2, maxThreads);

  const sharedCsr: CsrArrays = {
    n,
    starts: shared(csr.starts),
    targets: shared(csr.targets),
    weights: csr.weights ? shared(csr.weights) : null,
  };
  const sharedSources = shared(sources);
  const state = new Int32Array(new SharedArrayBuffer(4 * threads));
  // Slot 0 is the main thread, which keeps accumulating into its own `out`.
  const outBuffer = new SharedArrayBuffer(8 * n * threads);
  const outs = Array.from({ length: threads }, (_, t) => new Float64Array(outBuffer, 8 * n * t, n));
  const workers: Array<{ worker: Worker; port: MessagePort }> = [];
  let workersJoined = 0;
  try {
    for (let slot = 1; slot < threads; slot++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(WORKER_URL, {
        // No loader flags (tsx) in the worker: it is plain JS and must not depend on the parent's hooks.
        execArgv: [],
        workerData: {
          task,
          n,
          starts: sharedCsr.starts,
          targets: sharedCsr.targets,
          weights: sharedCsr.weights,
          sources: sharedSources,
          counter,
          chunk: CHUNK,
          out: outs[slot],
          state,
          slot,
          port: port2,
          wassermanFaust,
        },
        transferList: [port2],
      });
      // Failures are reported through `state`; an unhandled 'error' event would otherwise crash the process later.
      worker.on('error', () => {});
      worker.unref();
      workers.push({ worker, port: port1 });
    }
    if (mainThreadWorks) runSources(task, sharedCsr, sharedSources, counter, CHUNK, out, wassermanFaust, Infinity);
    for (let slot = 1; slot < threads; slot++) {
      if (mainThreadWorks) {
        // A worker that has not started yet is cancelled: the main thread already did all that was left.
        if (Atomics.compareExchange(state, slot, 0, 4) === 0) continue;
      } else if (Atomics.wait(state, slot, 0, WORKER_START_TIMEOUT_MS) === 'timed-out') {
        throw new Error(`${task} worker ${slot} did not start within ${WORKER_START_TIMEOUT_MS} ms`);
      }
      workersJoined++;
      while (Atomics.load(state, slot) === 1) Atomics.wait(state, slot, 1);
      if (Atomics.load(state, slot) === 3) {
        const received = receiveMessageOnPort(workers[slot - 1]!.port) as { message?: { error?: string } } | undefined;
        throw new Error(`${task} worker ${slot} failed: ${received?.message?.error ?? 'unknown error'}`);
      }
    }
  } finally {
    for (const { worker, port } of workers) {
      port.close();
      void worker.terminate().catch(() => {});
    }
  }
  options.onStats?.({ threads, workersJoined });
  for (let slot = 1; slot < threads; slot++) {
    const part = outs[slot]!;
    for (let i = 0; i < n; i++) out[i]! += part[i]!;
  }
  return out;
}
