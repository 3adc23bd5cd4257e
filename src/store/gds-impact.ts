// The rerouting impact model with its max-flow solved by Neo4j Graph Data Science (`impact --model rerouting
// --engine gds`): the ImpactResult of src/analysis/impact.ts, every figure computed in process as usual except each
// mineral's maximum flow, which gds.maxFlow solves (GDS >= 2.23, Neo4j 2025.10 or later; Neo4j 5's GDS 2.13 has no
// max-flow). The network and the rules turning its flow into figures are src/analysis/rerouting.ts's, the ones
// impact() solves in process, so only the solver differs. Building is O(V + E) per mineral; the solve is the part
// GDS takes over (Dinic in process is O(V^2 E) worst case). Partial removals (`id@severity`) reach GDS the same way:
// removalMasks carries the severities and reroutingNetwork scales the disrupted arcs, so both solvers see one network
// (checked in process here; the GDS run itself needs a Neo4j server with GDS 2.23+, which CI does not have).
// An engine bridging the store and the analysis: it imports analysis (pure functions), never the reverse.
import { mineralYearIndex } from '../analysis/flow-index.ts';
import { impact, parseRemovals, removalMasks } from '../analysis/impact.ts';
import { solveMaxFlow, type MaxFlowNetwork } from '../analysis/maxflow.ts';
import { roundImpactTonnes } from '../analysis/precision.ts';
import { reroutingFields, reroutingProblem, type ReroutingProblem } from '../analysis/rerouting.ts';
import type { ImpactRequest, ImpactResult, MineralImpact } from '../analysis/types.ts';
import type { SupplyGraph } from '../domain/graph.ts';
import { gdsMaxFlowValue, type GdsRunner } from './gds.ts';

/** Solves a MaxFlowNetwork somewhere (in process, on GDS) and returns the flow value. */
export type MaxFlowSolver = (network: MaxFlowNetwork, mineral: string) => Promise<number>;

/**
 * The proportional impact (every figure but the rerouting ones) and one rerouting problem per mineral it reports.
 * Throws what impact() throws (unknown ids, bad options, a removal that touches nothing).
 */
export function reroutingProblems(graph: SupplyGraph, request: ImpactRequest): { base: ImpactResult; problems: ReroutingProblem[] } {
  const base = impact(graph, { ...request, model: 'proportional' });
  const removal = parseRemovals(graph, request.remove);
  const problems = base.minerals.map((mi) => {
    const idx = mineralYearIndex(graph, mi.mineral, base.year);
    const { removedNode, removedEdge } = removalMasks(idx, removal);
    return reroutingProblem(idx, removedNode, removedEdge, mi.tonnesLost);
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
  // Tonnes at the reported precision, as impact() reports them (src/analysis/precision.ts).
  return roundImpactTonnes({ ...base, model: 'rerouting', minerals, notes: [...notes] });
}

/** Solves in process with maxflow.ts (Dinic), as impact() does: the reference the GDS path is checked against. */
export const solveInProcess: MaxFlowSolver = async (network) => solveMaxFlow(network);

type RunnerSource = GdsRunner | { gdsRunner(): GdsRunner };

/** `impact --model rerouting --engine gds`: the rerouting model with every max-flow solved by gds.maxFlow. */
export function gdsReroutingImpact(target: RunnerSource, graph: SupplyGraph, request: ImpactRequest): Promise<ImpactResult> {
  const runner = 'gdsRunner' in target ? target.gdsRunner() : target;
  return impactWithMaxFlowSolver(graph, request, (network, mineral) => gdsMaxFlowValue(runner, network, mineral));
}
