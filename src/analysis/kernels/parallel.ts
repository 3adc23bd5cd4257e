// Runs a shortest-path kernel over many sources on several threads and sums the per-thread results, synchronously:
// the main thread works too and then blocks on Atomics.wait for the workers still busy (node allows it), so callers
// keep a plain synchronous function. Workers share the CSR through SharedArrayBuffers and are always terminated.
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { runSources, type CsrArrays, type KernelTask } from './shortest-paths.mjs';

/** Below this many nodes a worker's start-up (~30 ms) costs more than the work it would take over. */
export const PARALLEL_MIN_NODES = 2000;

/** Sources claimed per Atomics.add: small enough to balance, large enough to keep the counter cold. */
const CHUNK = 4;

const WORKER_START_TIMEOUT_MS = 30_000;

const WORKER_URL = new URL('./shortest-paths-worker.mjs', import.meta.url);

export interface RunOptions {
  /** Threads including the main one; default: all cores when n >= PARALLEL_MIN_NODES, else 1. */
  threads?: number;
  wassermanFaust?: boolean;
  /** Let the main thread claim sources too (default true); false leaves all the work to the workers (tests). */
  mainThreadWorks?: boolean;
  /** Receives how many workers actually took part (a worker cancelled before it started did not). */
  onStats?: (stats: { threads: number; workersJoined: number }) => void;
}

export function defaultThreads(n: number): number {
  return n >= PARALLEL_MIN_NODES ? Math.max(1, availableParallelism()) : 1;
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
  const wassermanFaust = options.wassermanFaust ?? false;
  const threads = Math.max(1, Math.min(options.threads ?? defaultThreads(n), sources.length || 1));
  if (threads === 1) {
    const out = new Float64Array(n);
    runSources(task, csr, sources, new Int32Array(1), CHUNK, out, wassermanFaust);
    options.onStats?.({ threads: 1, workersJoined: 0 });
    return out;
  }

  const sharedCsr: CsrArrays = {
    n,
    starts: shared(csr.starts),
    targets: shared(csr.targets),
    weights: csr.weights ? shared(csr.weights) : null,
  };
  const sharedSources = shared(sources);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const state = new Int32Array(new SharedArrayBuffer(4 * threads));
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
    const mainThreadWorks = options.mainThreadWorks ?? true;
    if (mainThreadWorks) runSources(task, sharedCsr, sharedSources, counter, CHUNK, outs[0]!, wassermanFaust);
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
  const total = outs[0]!;
  for (let slot = 1; slot < threads; slot++) {
    const out = outs[slot]!;
    for (let i = 0; i < n; i++) total[i]! += out[i]!;
  }
  return total;
}
