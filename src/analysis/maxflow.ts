// Maximum flow by Dinic's algorithm (Dinic 1970; see Cormen et al., "Introduction to Algorithms", ch. 26):
// BFS level graph + blocking flow with current-arc pointers, O(V^2 E) worst case, far less on our layered
// supply networks. Used by the rerouting impact model. Real-valued capacities with an epsilon; an edge may
// have capacity Infinity as long as every source-sink path crosses a finite edge.

export class FlowNetwork {
  readonly n: number;
  private readonly head: Int32Array;
  private readonly to: number[] = [];
  private readonly next: number[] = [];
  private readonly residual: number[] = [];
  private readonly initial: number[] = [];

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 2) throw new RangeError(`FlowNetwork: need at least 2 vertices, got ${n}`);
    this.n = n;
    this.head = new Int32Array(n).fill(-1);
  }

  /** Adds the arc u -> v with the given capacity and returns its id (its reverse arc is id ^ 1). */
  addEdge(u: number, v: number, capacity: number): number {
    if (!(u >= 0 && u < this.n && v >= 0 && v < this.n)) throw new RangeError(`FlowNetwork.addEdge: vertex out of range (${u} -> ${v})`);
    if (!(capacity >= 0)) throw new RangeError(`FlowNetwork.addEdge: capacity must be >= 0, got ${capacity} (${u} -> ${v})`);
    const id = this.to.length;
    this.push(u, v, capacity);
    this.push(v, u, 0);
    return id;
  }

  private push(u: number, v: number, capacity: number): void {
    this.to.push(v);
    this.next.push(this.head[u]!);
    this.residual.push(capacity);
    this.initial.push(capacity);
    this.head[u] = this.to.length - 1;
  }

  /** Flow currently carried by arc `id` (after maxFlow). */
  flow(id: number): number {
    return this.initial[id]! - this.residual[id]!;
  }

  /** Pushes the maximum flow from s to t and returns its value. Repeated calls add to the existing flow. */
  maxFlow(s: number, t: number, eps = 1e-9): number {
    if (s === t) throw new RangeError('FlowNetwork.maxFlow: source and sink must differ');
    const { n, head, to, next, residual } = this;
    const level = new Int32Array(n);
    const queue = new Int32Array(n);
    const arc = new Int32Array(n);
    const path: number[] = [];
    let total = 0;
    for (;;) {
      // BFS: level graph over arcs with residual capacity.
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const v = queue[qh++]!;
        for (let e = head[v]!; e !== -1; e = next[e]!) {
          const w = to[e]!;
          if (level[w] === -1 && residual[e]! > eps) {
            level[w] = level[v]! + 1;
            queue[qt++] = w;
          }
        }
      }
      if (level[t] === -1) return total;
      arc.set(head);
      // Blocking flow: iterative DFS along level-increasing arcs, retreating from dead ends.
      path.length = 0;
      let v = s;
      for (;;) {
        if (v === t) {
          let f = Infinity;
          for (const e of path) f = Math.min(f, residual[e]!);
          if (f === Infinity) throw new RangeError('FlowNetwork.maxFlow: a source-sink path has infinite capacity');
          for (const e of path) {
            residual[e]! -= f;
            residual[e ^ 1]! += f;
          }
          total += f;
          path.length = 0;
          v = s;
          continue;
        }
        let advanced = false;
        for (; arc[v] !== -1; arc[v] = next[arc[v]!]!) {
          const e = arc[v]!;
          const w = to[e]!;
          if (residual[e]! > eps && level[w] === level[v]! + 1) {
            path.push(e);
            v = w;
            advanced = true;
            break;
          }
        }
        if (advanced) continue;
        if (v === s) break;
        level[v] = -1;
        const back = path.pop()!;
        v = to[back ^ 1]!;
        arc[v] = next[arc[v]!]!;
      }
    }
  }
}

/**
 * A max-flow problem as data on integer vertices 0..vertexCount-1, so it can be solved here or sent elsewhere (the
 * GDS engine, src/store/gds.ts). An arc capacity may be Infinity as long as every source-sink path crosses a finite
 * arc (every arc leaving the source is finite in the rerouting model, rerouting.ts).
 */
export interface MaxFlowNetwork {
  vertexCount: number;
  source: number;
  sink: number;
  arcs: Array<[from: number, to: number, capacity: number]>;
  /** Residual capacities below this count as zero (rerouting.ts: 1e-9 of the tonnes before, at least 1e-9). */
  epsilon: number;
}

/** The maximum flow value of `network`, solved in process with FlowNetwork (arcs added in order). */
export function solveMaxFlow(network: MaxFlowNetwork): number {
  const net = new FlowNetwork(network.vertexCount);
  for (const [u, v, c] of network.arcs) net.addEdge(u, v, c);
  return net.maxFlow(network.source, network.sink, network.epsilon);
}
