// The rerouting model's network and figures (rerouting.ts) on the two-mine fixture, arcs and values by hand: what both
// impact() (in process) and the GDS engine solve.
import { describe, expect, it } from 'vitest';
import { mineralYearIndex } from '../../src/analysis/flow-index.ts';
import { parseRemovals, removalMasks } from '../../src/analysis/impact.ts';
import { solveMaxFlow, type MaxFlowNetwork } from '../../src/analysis/maxflow.ts';
import { reroutingFields, reroutingProblem } from '../../src/analysis/rerouting.ts';
import { twoMines } from './fixtures.ts';

function problemWithout(m2Capacity: number | undefined, remove: string[]) {
  const graph = twoMines(m2Capacity);
  const idx = mineralYearIndex(graph, 'z', 2025);
  const { removedNode, removedEdge } = removalMasks(idx, parseRemovals(graph, remove));
  // The proportional loss of removing m1 is its 50 t.
  const problem = reroutingProblem(idx, removedNode, removedEdge, 50);
  return { idx, problem };
}

/** The arcs with vertices named (`<id> in`, `<id> out`, S, T), sorted: independent of the index's node order. */
function named(idx: { ids: string[] }, network: MaxFlowNetwork): string[] {
  const name = (x: number) =>
    x === network.source ? 'S' : x === network.sink ? 'T' : `${idx.ids[x >> 1]} ${x % 2 === 0 ? 'in' : 'out'}`;
  return network.arcs.map(([u, v, c]) => `${name(u)} -> ${name(v)} ${c}`).sort();
}

describe('reroutingNetwork / reroutingProblem', () => {
  it('splits nodes, feeds the remaining producer up to its capacity and drains consumers at their demand', () => {
    const { idx, problem } = problemWithout(60, ['mine:m1']);
    expect(named(idx, problem.network)).toEqual(
      [
        'S -> mine:m2 in 60', // max(capacity 60, output 50)
        'mine:m2 in -> mine:m2 out Infinity', // a primary producer: its capacity is on the source arc
        'mine:m2 out -> country:ROW in Infinity',
        'mine:m2 out -> country:USA in Infinity',
        'country:ROW in -> T 60',
        'country:USA in -> T 40',
      ].sort(),
    );
    expect(problem).toMatchObject({ mineral: 'z', totalBefore: 100, afterTotal: 50, unknown: [] });
    expect(problem.network.vertexCount).toBe(2 * idx.n + 2);
    expect(problem.network.epsilon).toBeCloseTo(1e-7, 15); // 1e-9 of the 100 t before
    expect(solveMaxFlow(problem.network)).toBeCloseTo(60, 9);
  });

  it('feeds a producer without published capacity only its output, and lists it as unknown', () => {
    const { idx, problem } = problemWithout(undefined, ['mine:m1']);
    expect(named(idx, problem.network)).toContain('S -> mine:m2 in 50');
    expect(problem.unknown).toEqual(['mine:m2']);
    expect(solveMaxFlow(problem.network)).toBeCloseTo(50, 9);
  });
});

describe('reroutingFields', () => {
  it('with every capacity known: rerouted = flow - what still arrives, unmet = demand - flow', () => {
    const { problem } = problemWithout(60, ['mine:m1']);
    const notes = new Set<string>();
    const fields = reroutingFields(problem, solveMaxFlow(problem.network), notes);
    expect(fields.capacityKnown).toBe(true);
    expect(fields.tonnesRerouted).toBeCloseTo(10, 9);
    expect(fields.unmetTonnes).toBeCloseTo(40, 9);
    expect(notes.size).toBe(0);
  });

  it('with an unknown capacity and demand unmet: null figures, bounds, and a note naming the producer', () => {
    const { problem } = problemWithout(undefined, ['mine:m1']);
    const notes = new Set<string>();
    const fields = reroutingFields(problem, solveMaxFlow(problem.network), notes);
    expect(fields).toMatchObject({ capacityKnown: false, tonnesRerouted: null, unmetTonnes: null, unknownCapacityNodes: ['mine:m2'] });
    expect(fields.tonnesReroutedLowerBound).toBeCloseTo(0, 9);
    expect(fields.unmetTonnesUpperBound).toBeCloseTo(50, 9);
    expect([...notes]).toEqual([
      'z: capacity unknown for 1 producer(s) (e.g. mine:m2); spare capacity is not assumed, so rerouted and unmet tonnes are unknown (lower bound given)',
    ]);
  });

  it('with an unknown capacity but the loss fully met: figures known, and a note saying so', () => {
    const { problem } = problemWithout(undefined, ['mine:m1']);
    const notes = new Set<string>();
    // A flow of the whole 100 t before (e.g. from spare capacity elsewhere) leaves nothing unmet.
    const fields = reroutingFields(problem, 100, notes);
    expect(fields).toMatchObject({ capacityKnown: false, unmetTonnes: 0 });
    expect(fields.tonnesRerouted).toBeCloseTo(50, 9);
    expect([...notes]).toEqual(['z: the loss is fully met from published spare capacity alone']);
  });
});
