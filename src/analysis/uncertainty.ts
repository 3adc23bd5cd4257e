// Uncertainty ranges of an impact (issue 13, item 3) by seeded Monte-Carlo: each draw takes every estimated flow of a
// mineral network within its plausible range (FlowRecord.range, by the rules of domain/uncertainty.ts; published
// flows stay at their value), reruns the proportional propagation under the same removal, and records the losses;
// the range of a figure is [p5, p95] of its draws, widened to contain the point value. Exact inputs give zero width.
// Cost: O(draws x (V + E)) per mineral, on typed arrays reused across draws (bench: `npm run bench`).
import { rangeRuleByKey, rangeRuleOf, type RangeMode } from '../domain/uncertainty.ts';
import type { SupplyGraph } from '../domain/graph.ts';
import { consumedAfter, propagate, type MineralYearIndex, type RemovedFraction } from './flow-index.ts';
import type { Range } from './types.ts';

export const DEFAULT_DRAWS = 200;
export const MAX_DRAWS = 5000;

const MODE: Record<RangeMode, number> = { independent: 1, 'conserve-source': 2, residual: 3 };

/** Per network: which flows are uncertain and how (built once per index, like the index itself). */
interface UncertainEdges {
  /** 0 exact, 1 independent, 2 conserve-source, 3 residual (RangeMode). */
  mode: Uint8Array;
  low: Float64Array;
  high: Float64Array;
  /** Edges with mode > 0, and whether any is residual or conserving (for the second pass). */
  uncertain: Int32Array;
  needsSourcePass: boolean;
}

const uncertainCache = new WeakMap<MineralYearIndex, UncertainEdges>();

function uncertainEdges(graph: SupplyGraph, idx: MineralYearIndex): UncertainEdges {
  let u = uncertainCache.get(idx);
  if (u) return u;
  const mode = new Uint8Array(idx.m);
  const low = new Float64Array(idx.m);
  const high = new Float64Array(idx.m);
  const list: number[] = [];
  let needsSourcePass = false;
  for (let e = 0; e < idx.m; e++) {
    const t = idx.tonnes[e]!;
    low[e] = high[e] = t;
    const a = graph.getEdgeAttributes(idx.edgeKeys[e]!);
    if (!a.estimated || !(t > 0) || typeof a.tonnes !== 'number') continue;
    const rule = rangeRuleByKey(a.rangeRule) ?? rangeRuleOf(a.rule);
    mode[e] = MODE[rule.mode];
    if (rule.mode === 'residual') needsSourcePass = true;
    else {
      const [lo, hi] = Array.isArray(a.range) && typeof a.range[0] === 'number' && typeof a.range[1] === 'number' ? a.range : rule.range(a.rule ?? '').map((f) => f * t);
      low[e] = Math.min(lo as number, t);
      high[e] = Math.max(hi as number, t);
      if (rule.mode === 'conserve-source') needsSourcePass = true;
    }
    list.push(e);
  }
  u = { mode, low, high, uncertain: Int32Array.from(list), needsSourcePass };
  uncertainCache.set(idx, u);
  return u;
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; the same seed gives the same draws on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** [p5, p95] of `values` (linear interpolation), widened to contain `point`. */
export function percentileRange(values: Float64Array, point: number): Range {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => {
    if (sorted.length === 0) return point;
    const x = p * (sorted.length - 1);
    const i = Math.floor(x);
    const f = x - i;
    return i + 1 < sorted.length ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[i]!;
  };
  return [Math.min(at(0.05), point), Math.max(at(0.95), point)];
}

export interface LossRanges {
  shareLost: Range;
  tonnesLost: Range;
  /** Production lost over the world total, when `world` was given. */
  productionShareLost?: Range;
  /** Per consumer index k (idx.consumers[k]): its tonnes and share lost. */
  consumerTonnes: Range[];
  consumerShare: Range[];
  /** Uncertain flows of the network (0: every range has zero width). */
  uncertainFlows: number;
}

/**
 * Ranges of one mineral's proportional loss under a removal: `draws` seeded draws (seed mixed with the mineral's
 * slug, so minerals draw independently and reproducibly). `point` holds the point figures each range must contain;
 * `world` the published world total of the production stage (productionShareLost's denominator) if any.
 */
export function lossRanges(
  graph: SupplyGraph,
  idx: MineralYearIndex,
  removedNode: RemovedFraction,
  removedEdge: RemovedFraction | null,
  opts: {
    draws: number;
    seed: number;
    point: { shareLost: number; tonnesLost: number; productionShareLost?: number; consumerTonnes: Float64Array; consumerShare: Float64Array };
    world?: number | undefined;
  },
): LossRanges {
  const u = uncertainEdges(graph, idx);
  const K = idx.consumers.length;
  const { point } = opts;
  const zero = (x: number): Range => [x, x];
  if (u.uncertain.length === 0 || opts.draws <= 0) {
    return {
      shareLost: zero(point.shareLost),
      tonnesLost: zero(point.tonnesLost),
      ...(point.productionShareLost !== undefined ? { productionShareLost: zero(point.productionShareLost) } : {}),
      consumerTonnes: Array.from(point.consumerTonnes, zero),
      consumerShare: Array.from(point.consumerShare, zero),
      uncertainFlows: 0,
    };
  }
  const n = opts.draws;
  const rand = mulberry32((opts.seed ^ hashString(`${idx.mineral}|${idx.year}`)) >>> 0);
  const tonnes = Float64Array.from(idx.tonnes);
  const inBefore = new Float64Array(idx.n);
  const outBefore = new Float64Array(idx.n);
  const scratch = { flowAfter: new Float64Array(idx.m), inAfter: new Float64Array(idx.n), retained: new Float64Array(idx.n) };
  const consumedBefore = new Float64Array(idx.n);
  const drawIdx: MineralYearIndex = { ...idx, tonnes, inBefore, outBefore, consumedBefore, scratch };
  const share = new Float64Array(n);
  const lostT = new Float64Array(n);
  const prod = new Float64Array(n);
  const cT = Array.from({ length: K }, () => new Float64Array(n));
  const cS = Array.from({ length: K }, () => new Float64Array(n));
  // Per source: point sums of conserving flows and point output (for the residual), computed once.
  const conservePoint = new Float64Array(idx.n);
  for (const e of u.uncertain) if (u.mode[e] === 2) conservePoint[idx.src[e]!]! += idx.tonnes[e]!;
  const conserveDrawn = new Float64Array(idx.n);
  // Producer -> country deliveries, the flows productionShareLost counts (impact.ts productionLoss).
  const producerEdges: number[] = [];
  for (let e = 0; e < idx.m; e++) {
    const s = idx.src[e]!;
    if (!idx.isCountryNode[s] && idx.isCountryNode[idx.dst[e]!] && idx.stage[s] !== undefined) producerEdges.push(e);
  }
  const otherDrawn = new Float64Array(idx.n);

  for (let d = 0; d < n; d++) {
    for (const e of u.uncertain) {
      const m = u.mode[e]!;
      if (m === 3) continue;
      tonnes[e] = u.low[e]! + (u.high[e]! - u.low[e]!) * rand();
    }
    if (u.needsSourcePass) {
      conserveDrawn.fill(0);
      for (const e of u.uncertain) if (u.mode[e] === 2) conserveDrawn[idx.src[e]!]! += tonnes[e]!;
      for (const e of u.uncertain) {
        const s = idx.src[e]!;
        if (u.mode[e] === 2 && conserveDrawn[s]! > 0) tonnes[e] = (tonnes[e]! * conservePoint[s]!) / conserveDrawn[s]!;
      }
      otherDrawn.fill(0);
      for (let e = 0; e < idx.m; e++) if (u.mode[e] !== 3) otherDrawn[idx.src[e]!]! += tonnes[e]!;
      for (const e of u.uncertain) {
        if (u.mode[e] !== 3) continue;
        const s = idx.src[e]!;
        // The residual's point value plus its source's other point flows = the source's point output.
        tonnes[e] = Math.max(0, idx.outBefore[s]! - otherDrawn[s]!);
      }
    }
    inBefore.fill(0);
    outBefore.fill(0);
    for (let e = 0; e < idx.m; e++) {
      inBefore[idx.dst[e]!]! += tonnes[e]!;
      outBefore[idx.src[e]!]! += tonnes[e]!;
    }
    // A consumer that passes material on consumes what it keeps (flow-index.ts), recomputed for the draw.
    for (let k = 0; k < K; k++) {
      const c = idx.consumers[k]!;
      const passesOn = idx.outStart[c + 1]! > idx.outStart[c]!;
      consumedBefore[c] = passesOn ? Math.max(0, inBefore[c]! - outBefore[c]!) : inBefore[c]!;
    }
    propagate(drawIdx, removedNode, removedEdge);
    let before = 0;
    let lost = 0;
    for (let k = 0; k < K; k++) {
      const c = idx.consumers[k]!;
      if (idx.importSharesOnly[c]) {
        cT[k]![d] = 0;
        cS[k]![d] = point.consumerShare[k]!;
        continue;
      }
      const b = consumedBefore[c]!;
      const l = Math.max(0, b - consumedAfter(drawIdx, c));
      before += b;
      lost += l;
      cT[k]![d] = l;
      cS[k]![d] = b > 0 ? l / b : 0;
    }
    lostT[d] = lost;
    share[d] = before > 0 ? lost / before : 0;
    if (opts.world !== undefined) {
      let pb = 0;
      let pl = 0;
      for (const e of producerEdges) {
        pb += tonnes[e]!;
        pl += tonnes[e]! - scratch.flowAfter[e]!;
      }
      const world = Math.max(opts.world, pb);
      prod[d] = world > 0 ? pl / world : 0;
    }
  }
  return {
    shareLost: percentileRange(share, point.shareLost),
    tonnesLost: percentileRange(lostT, point.tonnesLost),
    ...(point.productionShareLost !== undefined && opts.world !== undefined
      ? { productionShareLost: percentileRange(prod, point.productionShareLost) }
      : point.productionShareLost !== undefined
        ? { productionShareLost: zero(point.productionShareLost) }
        : {}),
    consumerTonnes: cT.map((v, k) => percentileRange(v, point.consumerTonnes[k]!)),
    consumerShare: cS.map((v, k) => percentileRange(v, point.consumerShare[k]!)),
    uncertainFlows: u.uncertain.length,
  };
}
