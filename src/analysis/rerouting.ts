// The rerouting impact model (DOMAIN.md model 2) in one place: the node-split max-flow network of one mineral after a
// removal, and the rerouted/unmet figures (and notes) from its flow value. Reference: max-flow with vertex
// capacities by node splitting (Cormen et al., "Introduction to Algorithms", ch. 26). Building is O(V + E) per
// mineral; the solve is the caller's (impact.ts in process with maxflow.ts, Dinic O(V^2 E) worst case; the GDS engine
// in src/store/gds-impact.ts on the server), so both solve exactly the same network.
import type { MineralImpact } from './types.ts';
import type { MineralYearIndex, RemovedFraction } from './flow-index.ts';
import type { MaxFlowNetwork } from './maxflow.ts';

/** One mineral's rerouting problem and what its answer is compared with. */
export interface ReroutingProblem {
  mineral: string;
  network: MaxFlowNetwork;
  /** Tonnes reaching consumers before the removal, and after it without rerouting (the proportional loss). */
  totalBefore: number;
  afterTotal: number;
  /** Producers that could raise output but publish no capacity. */
  unknown: string[];
}

/**
 * The rerouting model's network, node-split (vertex 2v = v in, 2v+1 = v out; 2n = super-source, 2n+1 = sink):
 *   super-source -> each remaining primary producer: capacity[year] (its own output when unknown);
 *   super-source -> mine-stage aggregate fed by facilities: spare = capacity - output (0 when unknown);
 *   node in -> out: capacity where known, else its output before the removal (no spare assumed);
 *   existing flows carry anything (rerouting only along existing links); consumer -> sink: its demand before.
 * Spare capacity is never assumed: `unknown` lists the producers that could ramp up but publish no capacity.
 * A partial removal (severity s < 1) keeps a fraction k = 1 - s of a node's arcs (its output, capacity and spare
 * capacity all scale by k: the disruption takes that share of the plant), and a flow an export ban cuts by c carries at
 * most (1 - c) of its tonnes (a quota on that link); removed outright (s or c = 1) it is left out, as before.
 */
export function reroutingNetwork(
  idx: MineralYearIndex,
  removedNode: RemovedFraction,
  removedEdge: RemovedFraction | null,
): { network: MaxFlowNetwork; unknown: string[] } {
  const n = idx.n;
  const S = 2 * n;
  const T = 2 * n + 1;
  const arcs: MaxFlowNetwork['arcs'] = [];
  const add = (u: number, v: number, capacity: number): void => {
    arcs.push([u, v, capacity]);
  };
  const unknown: string[] = [];
  const capKnown = (v: number): boolean => !Number.isNaN(idx.capacity[v]!);
  const hasIn = (v: number): boolean => idx.inStart[v + 1]! > idx.inStart[v]!;
  // A node whose every out-flow goes into a node of known capacity that contains it (a same-stage node, or the
  // country aggregate a facility is a split of) is inside that capacity: its own capacity is not needed.
  const covered = (v: number): boolean => {
    if (idx.outStart[v + 1]! === idx.outStart[v]!) return false;
    for (let j = idx.outStart[v]!; j < idx.outStart[v + 1]!; j++) {
      const w = idx.dst[idx.outEdges[j]!]!;
      const contains = idx.stage[w] === idx.stage[v] || (idx.isAggregate[w] && !idx.isAggregate[v]);
      if (!capKnown(w) || !contains) return false;
    }
    return true;
  };
  const fedBySplitsOnly = (v: number): boolean => {
    if (!idx.isAggregate[v]) return false;
    for (let j = idx.inStart[v]!; j < idx.inStart[v + 1]!; j++) {
      const u = idx.src[idx.inEdges[j]!]!;
      if (idx.isAggregate[u] || idx.isCountryNode[u]) return false;
    }
    return true;
  };
  for (let v = 0; v < n; v++) {
    const vin = 2 * v;
    const vout = 2 * v + 1;
    if (idx.isConsumer[v]) add(vin, T, idx.consumedBefore[v]!);
    if (removedNode[v]! >= 1) continue;
    const k = 1 - removedNode[v]!;
    const out = idx.outBefore[v]!;
    if (idx.isCountryNode[v]) {
      // A country fed by producers (a trade hub, a US intermediary, an importer that re-exports) passes on what it
      // receives: trading has no capacity of its own, the limit is upstream at the producers.
      if (out > 0 && hasIn(v)) add(vin, vout, Infinity);
      // A trade partner exporting what it does not produce: no capacity is ever published for it.
      else if (out > 0) {
        add(S, vout, k * out);
        unknown.push(idx.ids[v]!);
      }
      continue;
    }
    if (!hasIn(v)) {
      if (capKnown(v)) add(S, vin, k * Math.max(idx.capacity[v]!, out));
      else {
        add(S, vin, k * out);
        if (out > 0 && !covered(v)) unknown.push(idx.ids[v]!);
      }
      add(vin, vout, Infinity);
      continue;
    }
    if (capKnown(v)) {
      add(vin, vout, k * Math.max(idx.capacity[v]!, out));
      // Output can be raised where the node mines, or where its inputs are only its own facilities (splits of
      // its figure); a refiner fed by mines needs more ore, found upstream.
      if (idx.stage[v] === 'mine' || fedBySplitsOnly(v)) add(S, vin, k * Math.max(0, idx.capacity[v]! - out));
    } else {
      add(vin, vout, k * Math.max(out, idx.inBefore[v]!));
      if (out > 0 && idx.stage[v] === 'mine' && !covered(v)) unknown.push(idx.ids[v]!);
    }
  }
  for (let e = 0; e < idx.m; e++) {
    const s = idx.src[e]!;
    const d = idx.dst[e]!;
    const cut = removedEdge ? removedEdge[e]! : 0;
    if (removedNode[s]! >= 1 || cut >= 1) continue;
    if (removedNode[d]! >= 1 && !idx.isConsumer[d]) continue;
    add(2 * s + 1, 2 * d, cut > 0 ? (1 - cut) * idx.tonnes[e]! : Infinity);
  }
  return { network: { vertexCount: 2 * n + 2, source: S, sink: T, arcs, epsilon: 1e-9 * Math.max(1, idx.totalBefore) }, unknown };
}

/** One mineral's rerouting problem after a removal whose proportional loss (no rerouting) is `lostTotal` tonnes. */
export function reroutingProblem(
  idx: MineralYearIndex,
  removedNode: RemovedFraction,
  removedEdge: RemovedFraction | null,
  lostTotal: number,
): ReroutingProblem {
  const { network, unknown } = reroutingNetwork(idx, removedNode, removedEdge);
  return { mineral: idx.mineral, network, totalBefore: idx.totalBefore, afterTotal: idx.totalBefore - lostTotal, unknown };
}

/**
 * The rerouting fields of one mineral from its max-flow value. When a producer's capacity is unknown and demand is
 * still unmet, rerouted and unmet tonnes are unknown (null) and only bounds are given; notes say so.
 */
export function reroutingFields(
  problem: Omit<ReroutingProblem, 'network'>,
  flowValue: number,
  notes: Set<string>,
): Partial<MineralImpact> {
  const { mineral, totalBefore, afterTotal, unknown } = problem;
  const maxFlow = Math.min(flowValue, totalBefore);
  const unmet = Math.max(0, totalBefore - maxFlow);
  const rerouted = Math.max(0, maxFlow - afterTotal);
  const tolerance = 1e-9 * Math.max(1, totalBefore);
  const capacityKnown = unknown.length === 0;
  if (capacityKnown || unmet <= tolerance) {
    if (!capacityKnown) notes.add(`${mineral}: the loss is fully met from published spare capacity alone`);
    return { tonnesRerouted: rerouted, unmetTonnes: unmet <= tolerance ? 0 : unmet, capacityKnown };
  }
  notes.add(
    `${mineral}: capacity unknown for ${unknown.length} producer(s) (e.g. ${unknown.slice(0, 3).join(', ')}); ` +
      'spare capacity is not assumed, so rerouted and unmet tonnes are unknown (lower bound given)',
  );
  return {
    tonnesRerouted: null,
    unmetTonnes: null,
    capacityKnown: false,
    tonnesReroutedLowerBound: rerouted,
    unmetTonnesUpperBound: unmet,
    unknownCapacityNodes: unknown.slice(0, 50),
  };
}
