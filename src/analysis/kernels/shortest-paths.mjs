// Single-source shortest-path kernels on a CSR adjacency, shared by the main thread and the worker threads
// (plain JS so a worker needs no TypeScript loader). Reference: U. Brandes, "A faster algorithm for betweenness
// centrality", J. Math. Sociol. 25(2), 2001. Per source: BFS O(m) unweighted, Dijkstra with an indexed 4-ary heap
// O(m log n) weighted; accumulation walks successors again, so no predecessor lists are allocated.
import { performance } from 'node:perf_hooks';

/** Scratch arrays reused across sources; reset touches only the nodes a source reached. */
export function createWorkspace(n) {
  return {
    dist: new Float64Array(n).fill(Infinity),
    hops: new Int32Array(n).fill(-1),
    // Float64, not Uint32: path counts grow exponentially with tied layers (graphology-metrics overflows here).
    sigma: new Float64Array(n),
    delta: new Float64Array(n),
    order: new Int32Array(n),
    heap: new Int32Array(n),
    // Keys stored in heap order next to the nodes: sifting compares contiguous keys, not dist[heap[i]].
    hkey: new Float64Array(n),
    // -1 unseen, -2 settled, >= 0 position in the heap.
    pos: new Int32Array(n).fill(-1),
  };
}

function siftUp(heap, hkey, pos, v, dv, i) {
  while (i > 0) {
    const parent = (i - 1) >> 2;
    const kp = hkey[parent];
    if (kp <= dv) break;
    const p = heap[parent];
    heap[i] = p;
    hkey[i] = kp;
    pos[p] = i;
    i = parent;
  }
  heap[i] = v;
  hkey[i] = dv;
  pos[v] = i;
}

function siftDown(heap, hkey, pos, size, v, dv) {
  let i = 0;
  for (;;) {
    const first = 4 * i + 1;
    if (first >= size) break;
    let child = first;
    let kc = hkey[first];
    const last = Math.min(first + 4, size);
    for (let c = first + 1; c < last; c++) {
      const k = hkey[c];
      if (k < kc) { kc = k; child = c; }
    }
    if (kc >= dv) break;
    const cv = heap[child];
    heap[i] = cv;
    hkey[i] = kc;
    pos[cv] = i;
    i = child;
  }
  heap[i] = v;
  hkey[i] = dv;
  pos[v] = i;
}

/** Dijkstra from s; fills dist/sigma/order; returns how many nodes were settled (in order of distance). */
function dijkstra(starts, targets, weights, s, ws, countPaths) {
  const { dist, sigma, order, heap, hkey, pos } = ws;
  let size = 1;
  let count = 0;
  dist[s] = 0;
  sigma[s] = 1;
  heap[0] = s;
  hkey[0] = 0;
  pos[s] = 0;
  while (size > 0) {
    const v = heap[0];
    size--;
    if (size > 0) siftDown(heap, hkey, pos, size, heap[size], hkey[size]);
    pos[v] = -2;
    order[count++] = v;
    const dv = dist[v];
    const sv = sigma[v];
    for (let j = starts[v], end = starts[v + 1]; j < end; j++) {
      const w = targets[j];
      const nd = dv + weights[j];
      const dw = dist[w];
      // Settled nodes are never farther than v (positive costs), so this also skips them without reading pos.
      if (nd > dw) continue;
      if (nd < dw) {
        dist[w] = nd;
        if (countPaths) sigma[w] = sv;
        const pw = pos[w];
        siftUp(heap, hkey, pos, w, nd, pw === -1 ? size++ : pw);
      } else if (countPaths && nd > dv) {
        // Exact float equality, as graphology-metrics does: equal-cost paths are counted, near-equal ones are not.
        // nd > dv rules out a cost too small to change the sum (w may then be settled already).
        sigma[w] += sv;
      }
    }
  }
  return count;
}

function resetWeighted(ws, count) {
  const { dist, sigma, delta, order, pos } = ws;
  for (let i = 0; i < count; i++) {
    const v = order[i];
    pos[v] = -1;
    dist[v] = Infinity;
    sigma[v] = 0;
    delta[v] = 0;
  }
}

/** BFS from s; fills hops/sigma/order; returns how many nodes were reached. */
function bfs(starts, targets, s, ws, countPaths) {
  const { hops, sigma, order } = ws;
  hops[s] = 0;
  sigma[s] = 1;
  order[0] = s;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const v = order[head++];
    const dv = hops[v] + 1;
    const sv = sigma[v];
    for (let j = starts[v], end = starts[v + 1]; j < end; j++) {
      const w = targets[j];
      let dw = hops[w];
      if (dw < 0) {
        hops[w] = dw = dv;
        order[tail++] = w;
      }
      if (countPaths && dw === dv) sigma[w] += sv;
    }
  }
  return tail;
}

function resetUnweighted(ws, count) {
  const { hops, sigma, delta, order } = ws;
  for (let i = 0; i < count; i++) {
    const v = order[i];
    hops[v] = -1;
    sigma[v] = 0;
    delta[v] = 0;
  }
}

/** Adds source s's dependencies delta_s(v) to out[v] (Brandes' accumulation, successor form). */
export function brandesFrom(csr, s, ws, out) {
  const { starts, targets, weights } = csr;
  const { sigma, delta, order } = ws;
  if (weights) {
    const { dist } = ws;
    const count = dijkstra(starts, targets, weights, s, ws, true);
    for (let i = count - 1; i >= 0; i--) {
      const v = order[i];
      const dv = dist[v];
      let d = 0;
      for (let j = starts[v], end = starts[v + 1]; j < end; j++) {
        const w = targets[j];
        // w is a successor of v on a shortest path iff the edge is tight (same float sum and test as in dijkstra);
        // unreached nodes keep dist Infinity, never equal to a finite sum.
        const dw = dist[w];
        if (dw === dv + weights[j] && dw > dv) d += (1 + delta[w]) / sigma[w];
      }
      d *= sigma[v];
      delta[v] = d;
      if (v !== s) out[v] += d;
    }
    resetWeighted(ws, count);
  } else {
    const { hops } = ws;
    const count = bfs(starts, targets, s, ws, true);
    for (let i = count - 1; i >= 0; i--) {
      const v = order[i];
      const dv = hops[v] + 1;
      let d = 0;
      for (let j = starts[v], end = starts[v + 1]; j < end; j++) {
        const w = targets[j];
        if (hops[w] === dv) d += (1 + delta[w]) / sigma[w];
      }
      d *= sigma[v];
      delta[v] = d;
      if (v !== s) out[v] += d;
    }
    resetUnweighted(ws, count);
  }
}

/**
 * Writes closeness of s into out[s] from a search on the csr as given (pass the INBOUND adjacency for graphology's
 * convention: distances from the others to s). closeness = reached / total distance, times reached / (n - 1) for
 * Wasserman & Faust; 0 when nothing is reached.
 */
export function closenessFrom(csr, s, ws, out, wassermanFaust) {
  const { n, starts, targets, weights } = csr;
  let count;
  let total = 0;
  if (weights) {
    count = dijkstra(starts, targets, weights, s, ws, false);
    for (let i = 1; i < count; i++) total += ws.dist[ws.order[i]];
    resetWeighted(ws, count);
  } else {
    count = bfs(starts, targets, s, ws, false);
    for (let i = 1; i < count; i++) total += ws.hops[ws.order[i]];
    resetUnweighted(ws, count);
  }
  const reached = count - 1;
  let value = 0;
  if (total > 0 && n > 1) {
    value = reached / total;
    if (wassermanFaust) value *= reached / (n - 1);
  }
  out[s] = value;
}

/**
 * Processes sources[counter..] in chunks claimed with Atomics.add until none are left, or until performance.now()
 * passes `deadline` (checked between chunks), so threads sharing the counter balance themselves (sources differ a
 * lot in cost on layered supply graphs) and a caller can time the first chunks before starting workers.
 */
export function runSources(task, csr, sources, counter, chunk, out, wassermanFaust, deadline = Infinity) {
  const ws = createWorkspace(csr.n);
  const total = sources.length;
  for (;;) {
    if (deadline !== Infinity && performance.now() > deadline) return;
    const start = Atomics.add(counter, 0, chunk);
    if (start >= total) return;
    const end = Math.min(total, start + chunk);
    for (let i = start; i < end; i++) {
      if (task === 'betweenness') brandesFrom(csr, sources[i], ws, out);
      else closenessFrom(csr, sources[i], ws, out, wassermanFaust);
    }
  }
}
