// Uncertainty ranges of an impact (issue 13, item 3) by seeded Monte-Carlo: each draw takes every estimated flow of a
// mineral network within its plausible range (FlowRecord.range, by the rules of domain/uncertainty.ts; published
// flows stay at their value), reruns the proportional propagation under the same removal, and records the losses;
// the range of a figure is [p5, p95] of its draws, widened to contain the point value. Exact inputs give zero width.
// The draws of a network do not depend on what is removed (a seed gives the same draws whatever is removed), so the
// drawn tonnes, every node's drawn in- and outflow and the consumption before removal are computed once per network,
// seed and draw count (drawBase, kept in an LRU of at most 256 MB) and each removal then only propagates over the part of the
// network it reaches (drawPlan). Without the cache the API spent ~90% of an impact redrawing the same inputs
// (bench: `npm run bench:uncertainty`, `npm run bench:api`).
import { rangeRuleByKey, rangeRuleOf, type RangeMode } from '../domain/uncertainty.ts';
import { quickselect } from 'd3-array';
import { LRUCache } from 'lru-cache';
import type { SupplyGraph } from '../domain/graph.ts';
import type { MineralYearIndex, RemovedFraction } from './flow-index.ts';
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

/**
 * [p5, p95] of `values` (linear interpolation between the order statistics at p x (n - 1), R-7), widened to contain
 * `point`. An impact asks this of every consumer it hits, twice, so the four order statistics are found by
 * quickselect (d3-array) instead of sorting each series: exactly the values a sort gives, in O(n). `inPlace` lets it
 * reorder `values` (a series the caller no longer needs) instead of copying it.
 */
export function percentileRange(values: Float64Array, point: number, inPlace = false): Range {
  if (values.length === 0) return [point, point];
  // A series that does not move (a consumer fed only by published flows) needs no selection.
  let min = values[0]!;
  let max = min;
  for (let j = 1; j < values.length; j++) {
    const x = values[j]!;
    if (x < min) min = x;
    else if (x > max) max = x;
  }
  if (min === max) return [Math.min(min, point), Math.max(max, point)];
  const work = inPlace ? values : Float64Array.from(values);
  const at = (p: number) => {
    const x = p * (work.length - 1);
    const i = Math.floor(x);
    const f = x - i;
    quickselect(work, i);
    const lo = work[i]!;
    if (i + 1 >= work.length) return lo;
    // After quickselect everything right of i is >= work[i]: the next order statistic is their minimum.
    let hi = Infinity;
    for (let j = i + 1; j < work.length; j++) if (work[j]! < hi) hi = work[j]!;
    return lo * (1 - f) + hi * f;
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
 * What the draws of one network give before any removal, for one seed and draw count D: `tonnes[e * D + d]` is flow
 * e in draw d (after the source pass), `inBefore` / `outBefore[v * D + d]` node v's drawn in- and outflow; `before`
 * the consumption of the tonne-measured consumers and `producerBefore` the producer -> country deliveries of each
 * draw. Draws are the inner index so that a removal walks the network once and runs every draw at each step.
 */
interface DrawBase {
  tonnes: Float64Array;
  inBefore: Float64Array;
  outBefore: Float64Array;
  before: Float64Array;
  producerBefore: Float64Array;
  /** Producer -> country deliveries, in edge order: the flows productionShareLost counts (impact.ts productionLoss). */
  producerEdges: Int32Array;
}

// A base costs draws x (flows + 2 nodes) x 8 bytes: 0.6-4.7 MB per network at the default 200 draws on the shipped
// data, 56 MB for every network of 2024 and 2025. Bases are kept up to BASE_CACHE_BYTES in all, least recently used
// dropped first (lru-cache, as the API's result cache; it refuses an entry larger than that, which then serves its
// call only).
const BASE_CACHE_BYTES = 256 * 2 ** 20;
const baseBytes = (b: DrawBase) =>
  b.tonnes.byteLength + b.inBefore.byteLength + b.outBefore.byteLength + b.before.byteLength + b.producerBefore.byteLength + b.producerEdges.byteLength;
const baseCache = new LRUCache<string, DrawBase>({ maxSize: BASE_CACHE_BYTES, sizeCalculation: baseBytes });
const indexIds = new WeakMap<MineralYearIndex, number>();
let nextIndexId = 0;

function baseSeed(idx: MineralYearIndex, seed: number): number {
  return (seed ^ hashString(`${idx.mineral}|${idx.year}`)) >>> 0;
}

function drawBase(idx: MineralYearIndex, u: UncertainEdges, draws: number, seed: number): DrawBase {
  let id = indexIds.get(idx);
  if (id === undefined) indexIds.set(idx, (id = nextIndexId++));
  const key = `${id}|${seed}|${draws}`;
  const cached = baseCache.get(key);
  if (cached) return cached;
  const { m, n } = idx;
  const producerEdges: number[] = [];
  for (let e = 0; e < m; e++) {
    const s = idx.src[e]!;
    if (!idx.isCountryNode[s] && idx.isCountryNode[idx.dst[e]!] && idx.stage[s] !== undefined) producerEdges.push(e);
  }
  const base: DrawBase = {
    tonnes: new Float64Array(draws * m),
    inBefore: new Float64Array(draws * n),
    outBefore: new Float64Array(draws * n),
    before: new Float64Array(draws),
    producerBefore: new Float64Array(draws),
    producerEdges: Int32Array.from(producerEdges),
  };
  const rand = mulberry32(baseSeed(idx, seed));
  const tonnes = Float64Array.from(idx.tonnes);
  const conserveEdges: number[] = [];
  const residualEdges: number[] = [];
  const conservePoint = new Float64Array(n);
  const conserveSource = new Uint8Array(n);
  for (const e of u.uncertain) {
    if (u.mode[e] === 2) {
      conserveEdges.push(e);
      conservePoint[idx.src[e]!]! += idx.tonnes[e]!;
      conserveSource[idx.src[e]!] = 1;
    } else if (u.mode[e] === 3) residualEdges.push(e);
  }
  const conserveSources: number[] = [];
  for (let v = 0; v < n; v++) if (conserveSource[v]) conserveSources.push(v);
  const conserveDrawn = new Float64Array(n);
  const tonneConsumers = Array.from(idx.consumers).filter((c) => !idx.importSharesOnly[c]);

  for (let d = 0; d < draws; d++) {
    // Every uncertain flow is drawn, in edge order: the seed fixes the draws whatever is removed.
    for (const e of u.uncertain) {
      if (u.mode[e] === 3) continue;
      tonnes[e] = u.low[e]! + (u.high[e]! - u.low[e]!) * rand();
    }
    if (u.needsSourcePass) {
      for (const s of conserveSources) conserveDrawn[s] = 0;
      for (const e of conserveEdges) conserveDrawn[idx.src[e]!]! += tonnes[e]!;
      for (const e of conserveEdges) {
        const s = idx.src[e]!;
        if (conserveDrawn[s]! > 0) tonnes[e] = (tonnes[e]! * conservePoint[s]!) / conserveDrawn[s]!;
      }
      // The residual's point value plus its source's other point flows = the source's point output.
      for (const e of residualEdges) {
        const s = idx.src[e]!;
        let other = 0;
        for (let j = idx.outStart[s]!; j < idx.outStart[s + 1]!; j++) {
          const o = idx.outEdges[j]!;
          if (u.mode[o] !== 3) other += tonnes[o]!;
        }
        tonnes[e] = Math.max(0, idx.outBefore[s]! - other);
      }
    }
    for (let e = 0; e < m; e++) base.tonnes[e * draws + d] = tonnes[e]!;
    // In- and outflow of every node (CSR order = edge order, so the sums are the ones a full pass over the edges gives).
    let before = 0;
    for (let v = 0; v < n; v++) {
      let t = 0;
      for (let j = idx.inStart[v]!; j < idx.inStart[v + 1]!; j++) t += tonnes[idx.inEdges[j]!]!;
      base.inBefore[v * draws + d] = t;
      let o = 0;
      for (let j = idx.outStart[v]!; j < idx.outStart[v + 1]!; j++) o += tonnes[idx.outEdges[j]!]!;
      base.outBefore[v * draws + d] = o;
    }
    // A consumer that passes material on consumes what it keeps (flow-index.ts), recomputed for the draw.
    for (const c of tonneConsumers) {
      const inB = base.inBefore[c * draws + d]!;
      before += idx.outStart[c + 1]! > idx.outStart[c]! ? Math.max(0, inB - base.outBefore[c * draws + d]!) : inB;
    }
    base.before[d] = before;
    let pb = 0;
    for (const e of producerEdges) pb += tonnes[e]!;
    base.producerBefore[d] = pb;
  }
  baseCache.set(key, base);
  return base;
}

/** What the draws of one removal on one network visit (built once per lossRanges call, O(V + E)). */
interface DrawPlan {
  /** Nodes the removal reaches (removed, or downstream of a removed node or a cut flow), in topological order. */
  affected: Int32Array;
  /** Flows into affected nodes from unaffected ones (they keep their drawn tonnes, less any export-ban cut). */
  enteringEdges: Int32Array;
  /** Per flow, its slot among those whose after-removal tonnes the draws compute (out of or entering affected nodes), else -1. */
  edgeSlot: Int32Array;
  /** Per node, its slot among the affected nodes, else -1. */
  nodeSlot: Int32Array;
  edgeSlots: number;
  /** The consumer indices k the removal can hit (tonne-measured or not). */
  hitConsumers: Int32Array;
}

function drawPlan(idx: MineralYearIndex, removedNode: RemovedFraction, removedEdge: RemovedFraction | null): DrawPlan {
  const inA = new Uint8Array(idx.n);
  const stack: number[] = [];
  const reach = (v: number) => {
    if (inA[v]) return;
    inA[v] = 1;
    stack.push(v);
  };
  for (let v = 0; v < idx.n; v++) if (removedNode[v]! > 0) reach(v);
  if (removedEdge !== null) for (let e = 0; e < idx.m; e++) if (removedEdge[e]! > 0) reach(idx.dst[e]!);
  while (stack.length) {
    const v = stack.pop()!;
    for (let j = idx.outStart[v]!; j < idx.outStart[v + 1]!; j++) reach(idx.dst[idx.outEdges[j]!]!);
  }
  const affected: number[] = [];
  const nodeSlot = new Int32Array(idx.n).fill(-1);
  for (const v of idx.topo) {
    if (!inA[v]) continue;
    nodeSlot[v] = affected.length;
    affected.push(v);
  }
  const entering: number[] = [];
  const edgeSlot = new Int32Array(idx.m).fill(-1);
  let edgeSlots = 0;
  for (let e = 0; e < idx.m; e++) {
    if (inA[idx.src[e]!]) edgeSlot[e] = edgeSlots++;
    else if (inA[idx.dst[e]!]) {
      edgeSlot[e] = edgeSlots++;
      entering.push(e);
    }
  }
  const hitConsumers: number[] = [];
  for (let k = 0; k < idx.consumers.length; k++) if (inA[idx.consumers[k]!]) hitConsumers.push(k);
  return {
    affected: Int32Array.from(affected),
    enteringEdges: Int32Array.from(entering),
    edgeSlot,
    nodeSlot,
    edgeSlots,
    hitConsumers: Int32Array.from(hitConsumers),
  };
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
  const D = opts.draws;
  const base = drawBase(idx, u, D, opts.seed);
  const plan = drawPlan(idx, removedNode, removedEdge);
  const { tonnes, inBefore, outBefore } = base;
  const { edgeSlot, nodeSlot } = plan;
  // After-removal flows and inflows of the reached part, slot-major with the draws inner (as the base).
  const flowAfter = new Float64Array(plan.edgeSlots * D);
  const inAfter = new Float64Array(plan.affected.length * D);
  const r = new Float64Array(D);
  const feedBefore = new Float64Array(D);
  const feedAfter = new Float64Array(D);
  const share = new Float64Array(D);
  const lostT = new Float64Array(D);
  const prod = new Float64Array(D);
  // Only consumers downstream of the removal can lose anything; the others keep zero-loss ranges without draws.
  const hits = plan.hitConsumers.length;
  const consumerDraws = new Float64Array(2 * hits * D);
  const cT = Array.from(plan.hitConsumers, (_k, h) => consumerDraws.subarray(h * D, (h + 1) * D));
  const cS = Array.from(plan.hitConsumers, (_k, h) => consumerDraws.subarray((hits + h) * D, (hits + h + 1) * D));

  // Proportional propagation (flow-index.ts propagate) on the part of the network the removal reaches, every draw at
  // each step (per draw, the same operations in the same order as one draw at a time): every other node keeps all it
  // has, so its out-flows keep their drawn tonnes.
  for (const e of plan.enteringEdges) {
    const cut = removedEdge !== null ? 1 - removedEdge[e]! : 1;
    const fe = edgeSlot[e]! * D;
    const ie = nodeSlot[idx.dst[e]!]! * D;
    const te = e * D;
    for (let d = 0; d < D; d++) {
      const f = tonnes[te + d]! * cut;
      flowAfter[fe + d] = f;
      inAfter[ie + d]! += f;
    }
  }
  for (const v of plan.affected) {
    const r0 = 1 - removedNode[v]!;
    const iv = nodeSlot[v]! * D;
    const bv = v * D;
    r.fill(r0);
    if (r0 > 0 && idx.passThrough[v]) {
      // A refinery fed by mines and split over its own facilities (flow-index.ts mixedFeed): each part limits it.
      const mixed = idx.mixedFeed[v] === 1;
      if (mixed) {
        feedBefore.fill(0);
        feedAfter.fill(0);
        for (let j = idx.inStart[v]!; j < idx.inStart[v + 1]!; j++) {
          const e = idx.inEdges[j]!;
          if (!idx.feed[e]) continue;
          const te = e * D;
          const fe = edgeSlot[e]! * D;
          for (let d = 0; d < D; d++) {
            feedBefore[d]! += tonnes[te + d]!;
            feedAfter[d]! += fe >= 0 ? flowAfter[fe + d]! : tonnes[te + d]!;
          }
        }
      }
      for (let d = 0; d < D; d++) {
        const ib = inBefore[bv + d]!;
        if (!(ib > 0)) continue;
        if (mixed && feedBefore[d]! > 0 && ib > feedBefore[d]!) {
          const inside = (inAfter[iv + d]! - feedAfter[d]!) / (ib - feedBefore[d]!);
          r[d] = Math.min(r0, inside, feedAfter[d]! / feedBefore[d]!);
        } else r[d] = Math.min(r0, inAfter[iv + d]! / ib);
      }
    }
    for (let j = idx.outStart[v]!; j < idx.outStart[v + 1]!; j++) {
      const e = idx.outEdges[j]!;
      const cut = 1 - (removedEdge !== null ? removedEdge[e]! : 0);
      const fe = edgeSlot[e]! * D;
      const ie = nodeSlot[idx.dst[e]!]! * D;
      const te = e * D;
      for (let d = 0; d < D; d++) {
        const f = tonnes[te + d]! * r[d]! * cut;
        flowAfter[fe + d] = f;
        inAfter[ie + d]! += f;
      }
    }
  }
  for (let h = 0; h < plan.hitConsumers.length; h++) {
    const k = plan.hitConsumers[h]!;
    const c = idx.consumers[k]!;
    if (idx.importSharesOnly[c]) {
      cS[h]!.fill(point.consumerShare[k]!);
      continue;
    }
    const passesOn = idx.outStart[c + 1]! > idx.outStart[c]!;
    const bc = c * D;
    const ic = nodeSlot[c]! * D;
    for (let d = 0; d < D; d++) {
      const ib = inBefore[bc + d]!;
      const b = passesOn ? Math.max(0, ib - outBefore[bc + d]!) : ib;
      const after = !passesOn ? inAfter[ic + d]! : ib > 0 ? b * Math.min(1, inAfter[ic + d]! / ib) : 0;
      const l = Math.max(0, b - after);
      lostT[d]! += l;
      cT[h]![d] = l;
      cS[h]![d] = b > 0 ? l / b : 0;
    }
  }
  for (let d = 0; d < D; d++) {
    const before = base.before[d]!;
    share[d] = before > 0 ? lostT[d]! / before : 0;
  }
  if (opts.world !== undefined) {
    const pl = prod;
    for (const e of base.producerEdges) {
      // Only a delivery the removal reaches can lose tonnes.
      if (edgeSlot[e]! < 0) continue;
      const te = e * D;
      const fe = edgeSlot[e]! * D;
      for (let d = 0; d < D; d++) pl[d]! += tonnes[te + d]! - flowAfter[fe + d]!;
    }
    for (let d = 0; d < D; d++) {
      const world = Math.max(opts.world, base.producerBefore[d]!);
      prod[d] = world > 0 ? pl[d]! / world : 0;
    }
  }
  const consumerTonnes: Range[] = Array.from(point.consumerTonnes, (p) => [Math.min(0, p), Math.max(0, p)] as Range);
  const consumerShare: Range[] = Array.from(point.consumerShare, (p, k) =>
    idx.importSharesOnly[idx.consumers[k]!] ? zero(p) : ([Math.min(0, p), Math.max(0, p)] as Range),
  );
  for (let h = 0; h < plan.hitConsumers.length; h++) {
    const k = plan.hitConsumers[h]!;
    consumerTonnes[k] = percentileRange(cT[h]!, point.consumerTonnes[k]!, true);
    consumerShare[k] = percentileRange(cS[h]!, point.consumerShare[k]!, true);
  }
  return {
    shareLost: percentileRange(share, point.shareLost),
    tonnesLost: percentileRange(lostT, point.tonnesLost),
    ...(point.productionShareLost !== undefined && opts.world !== undefined
      ? { productionShareLost: percentileRange(prod, point.productionShareLost) }
      : point.productionShareLost !== undefined
        ? { productionShareLost: zero(point.productionShareLost) }
        : {}),
    consumerTonnes,
    consumerShare,
    uncertainFlows: u.uncertain.length,
  };
}
