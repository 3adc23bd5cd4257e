// `impact --model rerouting --engine gds`, offline: the network (src/analysis/rerouting.ts, the one impact() solves)
// sent to GDS gives the in-process solver's flow value on every network of the shipped dataset (a runner that
// rebuilds it from the statement parameters, Infinity replaced by a finite bound, gets the same answer), the engine
// assembles impact()'s ImpactResult from those values, the projection is always dropped, and the error paths name
// the fix. Running it on a server needs Neo4j with GDS >= 2.23 (test/neo4j/neo4j.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { impact } from '../../src/analysis/impact.ts';
import { FlowNetwork, solveMaxFlow, type MaxFlowNetwork } from '../../src/analysis/maxflow.ts';
import type { ImpactRequest, ImpactResult } from '../../src/analysis/types.ts';
import { readShippedDataset } from '../../src/data/index.ts';
import { listScenarios } from '../../src/data/scenarios.ts';
import { UnsupportedError } from '../../src/domain/errors.ts';
import { buildSupplyGraph, type SupplyGraph } from '../../src/domain/graph.ts';
import { lintCypher } from '../../src/store/cypher-lint.ts';
import { gdsMaxFlowValue, maxFlowNetworkCalls, type GdsRunner } from '../../src/store/gds.ts';
import { gdsReroutingImpact, impactWithMaxFlowSolver, reroutingProblems, solveInProcess } from '../../src/store/gds-impact.ts';
import { cli } from '../cli/helpers.ts';

let graph: SupplyGraph;
const requests: ImpactRequest[] = [
  { remove: ['country:BRA'], mineral: 'niobium' },
  { remove: ['country:CHN/gallium'] },
  { remove: ['country:USA'], mineral: 'beryllium' },
  { remove: ['country:COD', 'country:IDN'] },
  // Partial removals: the severities reach the network GDS is sent (scaled arcs, a quota on a partly banned flow).
  { remove: ['country:BRA@0.5'], mineral: 'niobium' },
  { remove: [{ id: 'country:CHN/gallium', severity: 0.4 }] },
];

beforeAll(async () => {
  graph = buildSupplyGraph(await readShippedDataset());
  for (const s of await listScenarios()) requests.push({ remove: s.remove, mineral: s.mineral, year: s.year });
});

/** Every country's removal that impact() accepts: reaches every branch of the network (spare capacity of refiners fed by their own facilities, unknown capacities, trade partners). */
function everyCountryRemoval(): ImpactRequest[] {
  return graph
    .filterNodes((_id, a) => a.kind === 'country')
    // No uncertainty draws: only the rerouting networks matter here, and ~200 removals x 200 draws is slow on a busy machine.
    .map((id) => ({ remove: [id], draws: 0 }))
    .filter((request) => {
      try {
        impact(graph, { ...request, model: 'rerouting' });
        return true;
      } catch {
        return false; // a consumer only, or nothing in the default year
      }
    });
}

/** Notes are a set (impact() interleaves them per mineral; the engine appends the rerouting ones). */
const comparable = (r: ImpactResult): ImpactResult => ({ ...r, notes: [...r.notes].sort() });

describe('the GDS solver path against the in-process solver, on the same rerouting networks', () => {
  it('gives the flow value maxflow.ts gives on the network of every supplying country\'s removal', async () => {
    const removals = everyCountryRemoval();
    expect(removals.length).toBeGreaterThan(50);
    const { runner } = rebuildingRunner();
    let networks = 0;
    let withInfiniteArc = 0;
    for (const request of removals) {
      for (const { network, mineral } of reroutingProblems(graph, request).problems) {
        const inProcess = solveMaxFlow(network);
        const viaGds = await gdsMaxFlowValue(runner, network, mineral);
        // Relative tolerance: manganese flows are tens of millions of tonnes, and two max-flow solvers may route
        // through the trade layer's uncapped hub arcs in a different order (last digits of a 2e7 sum).
        expect(Math.abs(viaGds - inProcess), `${request.remove[0]} ${mineral}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(inProcess)));
        networks++;
        if (network.arcs.some(([, , c]) => c === Infinity)) withInfiniteArc++;
      }
    }
    // The encoding of unbounded arcs (a finite bound on GDS) is what is exercised.
    expect(withInfiniteArc).toBeGreaterThan(50);
    expect(networks).toBeGreaterThanOrEqual(withInfiniteArc);
    // Every country's removal is thousands of max-flow networks (~45 s on a quiet 2-core machine): room for a busy one.
  }, 300_000);

  it("assembled by the engine from in-process values, is impact()'s rerouting result on every scenario", async () => {
    expect(requests.length).toBeGreaterThan(6);
    let withUnknownCapacity = 0;
    for (const request of requests) {
      const reference = impact(graph, { ...request, model: 'rerouting' });
      const assembled = await impactWithMaxFlowSolver(graph, request, solveInProcess);
      expect(comparable(assembled), JSON.stringify(request.remove)).toEqual(comparable(reference));
      withUnknownCapacity += reference.minerals.filter((m) => m.capacityKnown === false).length;
    }
    // Both branches of the model (known and unknown capacity) are exercised.
    expect(withUnknownCapacity).toBeGreaterThan(0);
  });
});

/**
 * A GdsRunner standing in for a server: it rebuilds the network from the projection's parameters (the arcs as
 * sent) and answers gds.maxFlow.stats with maxflow.ts, so what matters is exactly what would reach GDS.
 */
function rebuildingRunner(): { runner: GdsRunner; statements: string[] } {
  const statements: string[] = [];
  const graphs = new Map<string, Array<[number, number, number]>>();
  const runner: GdsRunner = {
    async run(query, params = {}) {
      statements.push(query.split('\n')[0]!);
      if (query.includes('gds.graph.project(')) {
        const arcs = (params.arcs as Array<[unknown, unknown, number]>).map(([u, v, c]): [number, number, number] => {
          expect(neo4j.isInt(u) && neo4j.isInt(v)).toBe(true);
          expect(Number.isFinite(c)).toBe(true);
          return [(u as { toNumber(): number }).toNumber(), (v as { toNumber(): number }).toNumber(), c];
        });
        graphs.set(params.graphName as string, arcs);
        return [{ graphName: params.graphName, nodeCount: neo4j.int(0), relationshipCount: neo4j.int(arcs.length) }];
      }
      if (query.includes('gds.maxFlow.stats')) {
        const arcs = graphs.get(params.graphName as string)!;
        const n = Math.max(...arcs.flatMap(([u, v]) => [u, v])) + 1;
        const net = new FlowNetwork(n);
        for (const [u, v, c] of arcs) net.addEdge(u, v, c);
        const source = (params.source as { toNumber(): number }).toNumber();
        const sink = (params.sink as { toNumber(): number }).toNumber();
        return [{ totalFlow: net.maxFlow(source, sink, 1e-12) }];
      }
      if (query.includes('gds.graph.drop')) {
        graphs.delete(params.graphName as string);
        return [{ graphName: params.graphName }];
      }
      throw new Error(`unexpected statement: ${query}`);
    },
  };
  return { runner, statements };
}

describe('gdsReroutingImpact (GDS statements, answered by a runner that rebuilds the network from them)', () => {
  it('gives the ImpactResult of impact() with model rerouting, and drops every projection', async () => {
    const { runner, statements } = rebuildingRunner();
    for (const request of requests.slice(0, 4)) {
      const reference = impact(graph, { ...request, model: 'rerouting' });
      const viaGds = await gdsReroutingImpact(runner, graph, request);
      expect(viaGds.model).toBe('rerouting');
      for (const [i, m] of viaGds.minerals.entries()) {
        const r = reference.minerals[i]!;
        expect(m.mineral).toBe(r.mineral);
        expect(m.capacityKnown).toBe(r.capacityKnown);
        for (const key of ['tonnesRerouted', 'unmetTonnes', 'tonnesReroutedLowerBound', 'unmetTonnesUpperBound'] as const) {
          if (r[key] === null || r[key] === undefined) expect(m[key], `${m.mineral} ${key}`).toBe(r[key]);
          else expect(Math.abs((m[key] as number) - r[key]), `${m.mineral} ${key}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(r[key]), m.tonnesBefore ?? 0));
        }
      }
      expect({ ...viaGds, minerals: [] }).toEqual({ ...comparable(reference), notes: viaGds.notes, minerals: [] });
    }
    const projected = statements.filter((s) => s.startsWith('UNWIND $arcs')).length;
    expect(projected).toBeGreaterThan(0);
    expect(statements.filter((s) => s.includes('gds.graph.drop')).length).toBe(projected);
  });

  it('builds GDS statements that parse as Neo4j Cypher, with integer ids and Infinity as a finite bound', () => {
    const network: MaxFlowNetwork = { vertexCount: 4, source: 2, sink: 3, arcs: [[2, 0, 5], [0, 1, Infinity], [1, 3, 4]], epsilon: 1e-9 };
    const calls = maxFlowNetworkCalls('g1', network);
    const arcs = calls.project.params.arcs as Array<[unknown, unknown, number]>;
    expect(arcs.map(([, , c]) => c)).toEqual([5, 10, 4]); // 5 + 4 + 1: above any flow the source can send
    expect(arcs.every(([u, v]) => neo4j.isInt(u) && neo4j.isInt(v))).toBe(true);
    expect(neo4j.isInt(calls.stats.params.source) && neo4j.isInt(calls.stats.params.sink)).toBe(true);
    expect(lintCypher(calls.project.query, calls.project.params, 'project')).toEqual([]);
    expect(lintCypher(calls.stats.query, calls.stats.params, 'stats')).toEqual([]);
  });

  it('answers 0 without a server round trip when no arc leaves the source or reaches the sink', async () => {
    const { runner, statements } = rebuildingRunner();
    expect(await gdsMaxFlowValue(runner, { vertexCount: 4, source: 2, sink: 3, arcs: [[0, 3, 5]], epsilon: 1e-9 })).toBe(0);
    expect(statements).toEqual([]);
  });

  it('says which GDS it needs when the server has no gds.maxFlow, and still drops the projection', async () => {
    const dropped: string[] = [];
    const runner: GdsRunner = {
      async run(query) {
        if (query.includes('gds.graph.drop')) dropped.push(query);
        if (query.includes('gds.maxFlow.stats')) {
          throw new neo4j.Neo4jError('There is no procedure with the name `gds.maxFlow.stats` registered for this database instance.', 'Neo.ClientError.Procedure.ProcedureNotFound', '', '');
        }
        return [{ graphName: 'g' }];
      },
    };
    const error = await gdsMaxFlowValue(runner, { vertexCount: 4, source: 2, sink: 3, arcs: [[2, 3, 5]], epsilon: 1e-9 }, 'gallium').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as Error).message).toMatch(/\(gallium\) needs Neo4j Graph Data Science 2\.23 or later.*--engine graphology/);
    expect(dropped).toHaveLength(1);
  });
});

describe('chokepoint impact --engine gds', () => {
  it('refuses a store other than Neo4j with UnsupportedError (exit 2), naming NEO4J_URI', async () => {
    const run = await cli(['impact', '--remove', 'country:BRA', '--mineral', 'niobium', '--model', 'rerouting', '--engine', 'gds'], { CHOKEPOINT_STORE: 'memory' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--engine gds needs the Neo4j store with Graph Data Science 2\.23\+.*set NEO4J_URI.*the memory store uses --engine graphology/);
  });

  it('refuses --engine gds with the proportional model, which has no max-flow', async () => {
    const run = await cli(['impact', '--remove', 'country:BRA', '--engine', 'gds'], { CHOKEPOINT_STORE: 'memory' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--engine gds solves the rerouting model's max-flow; add --model rerouting");
  });
});
