// The rerouting impact model with its max-flow solved by Neo4j Graph Data Science (`impact --model rerouting
// --engine gds`): the ImpactResult of src/analysis/impact.ts, every figure computed in process as usual except each
// mineral's maximum flow, which gds.maxFlow solves (GDS >= 2.23, Neo4j 2025.10 or later; Neo4j 5's GDS 2.13 has no
// max-flow). The node-split network mirrors impact.ts's reroute() (its doc comment gives the construction);
// test/neo4j/gds-impact.test.ts solves it with maxflow.ts and checks it reproduces impact()'s rerouting figures on
// the shipped dataset, so the two cannot drift apart unnoticed. Building is O(V + E) per mineral; the solve is the
// part GDS takes over (Dinic in process is O(V^2 E) worst case).
// An engine bridging the store and the analysis: it imports analysis (pure functions), never the reverse.
import { mineralYearIndex, type MineralYearIndex } from '../analysis/flow-index.ts';
import { impact, parseRemovals, type RemovalSet } from '../analysis/impact.ts';
import { FlowNetwork } from '../analysis/maxflow.ts';
import type { ImpactRequest, ImpactResult, MineralImpact } from '../analysis/types.ts';
import type { SupplyGraph } from '../domain/graph.ts';
import { gdsMaxFlowValue, type GdsRunner, type MaxFlowNetwork } from './gds.ts';

export type { MaxFlowNetwork } from './gds.ts';

/** One mineral's rerouting problem and what its answer is compared with. */
export interface ReroutingProblem {
  mineral: string;
  network: MaxFlowNetwork;
  /** Tonnes reaching consumers before the removal, and after it without rerouting (impact's proportional loss). */
  totalBefore: number;
  afterTotal: number;
  /** Producers that could raise output but publish no capacity (reroute()'s `unknown`). */
  unknown: string[];
}

/** Solves a MaxFlowNetwork somewhere (in process, on GDS) and returns the flow value. */
export type MaxFlowSolver = (network: MaxFlowNetwork, mineral: string) => Promise<number>;

/** The removal masks of impact.ts (removed nodes; flows cut by export bans), for one mineral network. */
function masks(idx: MineralYearIndex, removal: RemovalSet): { removedNode: Uint8Array; removedEdge: Uint8Array | null } {
  const removedNode = new Uint8Array(idx.n);
  for (const id of removal.nodes) {
    const v = idx.pos.get(id);
    if (v !== undefined) removedNode[v] = 1;
  }
  let removedEdge: Uint8Array | null = null;
  for (const ban of removal.bans) {
    if (ban.mineral !== idx.mineral) continue;
    removedEdge ??= new Uint8Array(idx.m);
    for (let e = 0; e < idx.m; e++) {
      if (idx.country[idx.src[e]!] === ban.country && idx.country[idx.dst[e]!] !== ban.country) removedEdge[e] = 1;
    }
  }
  return { removedNode, removedEdge };
}

/** The node-split network of impact.ts's rerouting model (see reroute() there): vertex 2v = v in, 2v+1 = v out. */
export function reroutingNetwork(
  idx: MineralYearIndex,
  removedNode: Uint8Array,
  removedEdge: Uint8Array | null,
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
    if (idx.isConsumer[v]) add(vin, T, idx.inBefore[v]!);
    if (removedNode[v]) continue;
    const out = idx.outBefore[v]!;
    if (idx.isCountryNode[v]) {
      if (out > 0) {
        add(S, vout, out);
        unknown.push(idx.ids[v]!);
      }
      continue;
    }
    if (!hasIn(v)) {
      if (capKnown(v)) add(S, vin, Math.max(idx.capacity[v]!, out));
      else {
        add(S, vin, out);
        if (out > 0 && !covered(v)) unknown.push(idx.ids[v]!);
      }
      add(vin, vout, Infinity);
      continue;
    }
    if (capKnown(v)) {
      add(vin, vout, Math.max(idx.capacity[v]!, out));
      if (idx.stage[v] === 'mine' || fedBySplitsOnly(v)) add(S, vin, Math.max(0, idx.capacity[v]! - out));
    } else {
      add(vin, vout, Math.max(out, idx.inBefore[v]!));
      if (out > 0 && idx.stage[v] === 'mine' && !covered(v)) unknown.push(idx.ids[v]!);
    }
  }
  for (let e = 0; e < idx.m; e++) {
    const s = idx.src[e]!;
    const d = idx.dst[e]!;
    if (removedNode[s] || (removedEdge && removedEdge[e])) continue;
    if (removedNode[d] && !idx.isConsumer[d]) continue;
    add(2 * s + 1, 2 * d, Infinity);
  }
  return { network: { vertexCount: 2 * n + 2, source: S, sink: T, arcs, epsilon: 1e-9 * Math.max(1, idx.totalBefore) }, unknown };
}

/** The rerouting fields of one mineral from its max-flow value (reroute()'s rules, notes included). */
export function reroutingFields(problem: ReroutingProblem, flowValue: number, notes: Set<string>): Partial<MineralImpact> {
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

/**
 * The proportional impact (every figure but the rerouting ones) and one rerouting problem per mineral it reports.
 * Throws what impact() throws (unknown ids, bad options, a removal that touches nothing).
 */
export function reroutingProblems(graph: SupplyGraph, request: ImpactRequest): { base: ImpactResult; problems: ReroutingProblem[] } {
  const base = impact(graph, { ...request, model: 'proportional' });
  const removal = parseRemovals(graph, request.remove);
  const problems = base.minerals.map((mi) => {
    const idx = mineralYearIndex(graph, mi.mineral, base.year);
    const { removedNode, removedEdge } = masks(idx, removal);
    const { network, unknown } = reroutingNetwork(idx, removedNode, removedEdge);
    return { mineral: mi.mineral, network, totalBefore: idx.totalBefore, afterTotal: idx.totalBefore - mi.tonnesLost, unknown };
  });
  return { base, problems };
}

/** impact() with model 'rerouting', each mineral's max-flow solved by `solve`: the same ImpactResult shape. */
export async function impactWithMaxFlowSolver(graph: SupplyGraph, request: ImpactRequest, solve: MaxFlowSolver): Promise<ImpactResult> {
  const { base, problems } = reroutingProblems(graph, request);
  const notes = new Set(base.notes);
  const minerals: MineralImpact[] = [];
  for (const [i, mi] of base.minerals.entries()) {
    const problem = problems[i]!;
    const value = await solve(problem.network, problem.mineral);
    minerals.push({ ...mi, ...reroutingFields(problem, value, notes) });
  }
  return { ...base, model: 'rerouting', minerals, notes: [...notes] };
}

/** Solves in process with maxflow.ts (Dinic), as impact.ts does: the reference the GDS path is checked against. */
export const solveInProcess: MaxFlowSolver = async (network) => {
  const net = new FlowNetwork(network.vertexCount);
  for (const [u, v, c] of network.arcs) net.addEdge(u, v, c);
  return net.maxFlow(network.source, network.sink, network.epsilon);
};

type RunnerSource = GdsRunner | { gdsRunner(): GdsRunner };

/** `impact --model rerouting --engine gds`: the rerouting model with every max-flow solved by gds.maxFlow. */
export function gdsReroutingImpact(target: RunnerSource, graph: SupplyGraph, request: ImpactRequest): Promise<ImpactResult> {
  const runner = 'gdsRunner' in target ? target.gdsRunner() : target;
  return impactWithMaxFlowSolver(graph, request, (network, mineral) => gdsMaxFlowValue(runner, network, mineral));
}
