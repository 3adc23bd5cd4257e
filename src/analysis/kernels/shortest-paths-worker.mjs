// Worker thread for the shortest-path kernels: claims source chunks from the shared counter and accumulates into
// its own slice of a SharedArrayBuffer. Plain JS so it runs under plain node, vitest and tsx alike.
import { workerData } from 'node:worker_threads';
import { runSources } from './shortest-paths.mjs';

// state[slot]: 0 not started, 1 running, 2 done, 3 failed, 4 cancelled by the main thread before we started.
const { task, n, starts, targets, weights, sources, counter, chunk, out, state, slot, port, wassermanFaust } = workerData;

if (Atomics.compareExchange(state, slot, 0, 1) === 0) {
  try {
    runSources(task, { n, starts, targets, weights }, sources, counter, chunk, out, wassermanFaust);
    Atomics.store(state, slot, 2);
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    Atomics.store(state, slot, 3);
  }
  Atomics.notify(state, slot);
}
port.close();
