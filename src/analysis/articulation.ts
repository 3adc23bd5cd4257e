// Articulation points (cut vertices) of a mineral's flow network read as an undirected multigraph: Tarjan's
// low-link DFS (Tarjan 1972; Hopcroft & Tarjan 1973), iterative so deep chains cannot overflow the stack, O(V + E).
import type { MineralYearIndex } from './flow-index.ts';

/**
 * Indices of the articulation points among the nodes and edges kept alive (`aliveEdge[e]` = 1). Nodes with
 * no live edge are ignored; parallel edges are handled by skipping only the edge a node was reached by.
 */
export function articulationPoints(idx: MineralYearIndex, aliveEdge: Uint8Array): number[] {
  const { n, outStart, outEdges, inStart, inEdges, src, dst } = idx;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parentEdge = new Int32Array(n).fill(-1);
  const ptr = new Int32Array(n);
  const isCut = new Uint8Array(n);
  const stack = new Int32Array(n);
  let time = 0;

  // k-th incident edge of v (out-edges first, then in-edges).
  const degree = (v: number) => outStart[v + 1]! - outStart[v]! + inStart[v + 1]! - inStart[v]!;
  const incident = (v: number, k: number) => {
    const outDeg = outStart[v + 1]! - outStart[v]!;
    return k < outDeg ? outEdges[outStart[v]! + k]! : inEdges[inStart[v]! + k - outDeg]!;
  };

  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    let hasLive = false;
    for (let k = 0; k < degree(root) && !hasLive; k++) hasLive = aliveEdge[incident(root, k)] === 1;
    if (!hasLive) continue;
    let top = 0;
    stack[top++] = root;
    disc[root] = low[root] = time++;
    let rootChildren = 0;
    while (top > 0) {
      const v = stack[top - 1]!;
      if (ptr[v]! < degree(v)) {
        const e = incident(v, ptr[v]!++);
        if (!aliveEdge[e] || e === parentEdge[v]) continue;
        const w = src[e] === v ? dst[e]! : src[e]!;
        if (disc[w] === -1) {
          parentEdge[w] = e;
          disc[w] = low[w] = time++;
          stack[top++] = w;
          if (v === root) rootChildren++;
        } else if (disc[w]! < low[v]!) {
          low[v] = disc[w]!;
        }
        continue;
      }
      top--;
      if (v === root) continue;
      const pe = parentEdge[v]!;
      const p = src[pe] === v ? dst[pe]! : src[pe]!;
      if (low[v]! < low[p]!) low[p] = low[v]!;
      if (p !== root && low[v]! >= disc[p]!) isCut[p] = 1;
    }
    if (rootChildren > 1) isCut[root] = 1;
  }
  const result: number[] = [];
  for (let v = 0; v < n; v++) if (isCut[v]) result.push(v);
  return result;
}
