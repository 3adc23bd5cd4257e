// Per-(mineral, year) flow network as typed arrays (CSR adjacency, topological order, before-removal tonnes),
// built once per graph and cached in a WeakMap so what-if analyses mask nodes instead of copying the graph
// (STYLE.md "Known traps"). Building is O(N + E); the cache is dropped when the graph emits any change event.
import type { SupplyGraph } from '../domain/graph.ts';
import type { NodeKind } from '../domain/model.ts';
import type { ProductionStage } from './types.ts';
import {
  OTHER_COUNTRIES,
  countryOf,
  flowYears,
  isCountry,
  isFacility,
  knownMinerals,
  producerStage,
  productionYears,
} from './common.ts';

export interface MineralYearIndex {
  mineral: string;
  year: number;
  /** Nodes touching at least one flow of the mineral in the year. */
  n: number;
  m: number;
  ids: string[];
  pos: Map<string, number>;
  kind: NodeKind[];
  names: string[];
  /** ISO3, "OTH" for "Other countries", "ROW" for the rest-of-world consumer. */
  country: string[];
  stage: Array<ProductionStage | undefined>;
  /** Capacity for the year, NaN when unknown. */
  capacity: Float64Array;
  isCountryNode: Uint8Array;
  /** 1 for country-level aggregate producers. */
  isAggregate: Uint8Array;
  /** 1 when the node's output scales with its input (a non-country node with inflows). */
  passThrough: Uint8Array;
  /** Country nodes receiving flows: the consumers whose supply the impact is measured at. */
  consumers: Int32Array;
  isConsumer: Uint8Array;
  /**
   * Per node: what it consumes before any removal. A country with no outflow consumes all it receives; a country
   * that also passes material on (a trade hub, an exporter importing too) consumes what it keeps, inflow - outflow
   * (apparent consumption, DOMAIN.md "Trade, consumers and perspectives"). 0 for non-consumers.
   */
  consumedBefore: Float64Array;
  edgeKeys: string[];
  src: Int32Array;
  dst: Int32Array;
  tonnes: Float64Array;
  outStart: Int32Array;
  outEdges: Int32Array;
  inStart: Int32Array;
  inEdges: Int32Array;
  /** Topological order; when the flows have a cycle, the cyclic nodes come last in id order. */
  topo: Int32Array;
  cyclic: string[];
  inBefore: Float64Array;
  outBefore: Float64Array;
  /** Tonnes reaching consumers before any removal. */
  totalBefore: number;
  /** Flows with no tonnes, no derivable figure and no import share: they count as 0. */
  flowsWithoutTonnes: number;
  /** True when no flow had tonnes and `importShare`/`share` were used as relative weights instead. */
  shareUnits: boolean;
  /** Per edge without tonnes: its `importShare` (the partner's share of the consumer's imports), else 0. */
  importWeight: Float64Array;
  /** Consumers whose inflows all lack tonnes but carry import shares: their loss is measured in those shares. */
  importSharesOnly: Uint8Array;
  /**
   * Per edge: 1 for a feed flow, an aggregate of one stage supplying an aggregate of another (mine -> refined: the
   * upstream stages of src/data/build/upstream.ts, the seed-002 refiners); 0 for a facility inside its aggregate,
   * trade and deliveries.
   */
  feed: Uint8Array;
  /**
   * Per node: 1 when it receives both feed flows and flows from inside (its own facilities). Such a node delivers no
   * more than the smaller of the two fractions still arriving: a refinery needs its plants and its concentrate.
   */
  mixedFeed: Uint8Array;
  /** Scratch buffers reused by each propagation (analyses are synchronous); the feed buffers only where mixedFeed. */
  scratch: { flowAfter: Float64Array; inAfter: Float64Array; retained: Float64Array; feedAfter?: Float64Array; feedBefore?: Float64Array };
}

export interface GraphIndex {
  /** Years with flows, ascending. */
  years: number[];
  /**
   * The year analyses use when none is given: the latest year that has flows AND production figures (common.ts
   * productionYears), else the latest year with flows; undefined for a graph without flows.
   */
  defaultYear: number | undefined;
  minerals: Set<string>;
  /** "mineral|year" -> edge keys of that mineral and year. */
  edgesByKey: Map<string, string[]>;
  /** year -> node id -> minerals it has flows of (in or out). */
  nodeMinerals: Map<number, Map<string, Set<string>>>;
  /** ISO3 -> facility/aggregate ids located there. */
  nodesByCountry: Map<string, string[]>;
  built: Map<string, MineralYearIndex>;
}

const cache = new WeakMap<SupplyGraph, GraphIndex>();
const watched = new WeakSet<SupplyGraph>();
const CHANGE_EVENTS = [
  'nodeAdded',
  'edgeAdded',
  'nodeDropped',
  'edgeDropped',
  'cleared',
  'edgesCleared',
  'attributesUpdated',
  'nodeAttributesUpdated',
  'edgeAttributesUpdated',
  'eachNodeAttributesUpdated',
  'eachEdgeAttributesUpdated',
] as const;

/** The cached index of a graph, built on first use. */
export function graphIndex(graph: SupplyGraph): GraphIndex {
  let index = cache.get(graph);
  if (index) return index;
  if (!watched.has(graph)) {
    watched.add(graph);
    const drop = () => cache.delete(graph);
    for (const event of CHANGE_EVENTS) graph.on(event, drop);
  }
  index = buildGraphIndex(graph);
  cache.set(graph, index);
  return index;
}

function buildGraphIndex(graph: SupplyGraph): GraphIndex {
  const edgesByKey = new Map<string, string[]>();
  const nodeMinerals = new Map<number, Map<string, Set<string>>>();
  const touch = (year: number, node: string, mineral: string) => {
    let byNode = nodeMinerals.get(year);
    if (!byNode) nodeMinerals.set(year, (byNode = new Map()));
    let set = byNode.get(node);
    if (!set) byNode.set(node, (set = new Set()));
    set.add(mineral);
  };
  graph.forEachEdge((edge, a, source, target) => {
    const key = `${a.mineral}|${a.year}`;
    let list = edgesByKey.get(key);
    if (!list) edgesByKey.set(key, (list = []));
    list.push(edge);
    touch(a.year, source, a.mineral);
    touch(a.year, target, a.mineral);
  });
  const nodesByCountry = new Map<string, string[]>();
  graph.forEachNode((node, a) => {
    if (!isFacility(a) || !a.country) return;
    let list = nodesByCountry.get(a.country);
    if (!list) nodesByCountry.set(a.country, (list = []));
    list.push(node);
  });
  const years = flowYears(graph);
  const produced = new Set(productionYears(graph));
  const defaultYear = [...years].reverse().find((y) => produced.has(y)) ?? years[years.length - 1];
  return { years, defaultYear, minerals: knownMinerals(graph), edgesByKey, nodeMinerals, nodesByCountry, built: new Map() };
}

/** The default data year of the graph's analyses (GraphIndex.defaultYear), or null for a graph without flows. */
export function defaultYear(graph: SupplyGraph): number | null {
  return graphIndex(graph).defaultYear ?? null;
}

/** The flow network of one mineral in one year (empty network when it has no flows). */
export function mineralYearIndex(graph: SupplyGraph, mineral: string, year: number): MineralYearIndex {
  const gi = graphIndex(graph);
  const key = `${mineral}|${year}`;
  let idx = gi.built.get(key);
  if (!idx) {
    idx = buildMineralYearIndex(graph, mineral, year, gi.edgesByKey.get(key) ?? []);
    gi.built.set(key, idx);
  }
  return idx;
}

function buildMineralYearIndex(graph: SupplyGraph, mineral: string, year: number, edges: string[]): MineralYearIndex {
  const pos = new Map<string, number>();
  const ids: string[] = [];
  const add = (id: string) => {
    let i = pos.get(id);
    if (i === undefined) {
      i = ids.length;
      pos.set(id, i);
      ids.push(id);
    }
    return i;
  };
  const m = edges.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const tonnes = new Float64Array(m);
  const known = new Uint8Array(m);
  const shares = new Float64Array(m);
  const importShares = new Float64Array(m).fill(NaN);
  let anyTonnes = false;
  for (let e = 0; e < m; e++) {
    const key = edges[e]!;
    src[e] = add(graph.source(key));
    dst[e] = add(graph.target(key));
    const a = graph.getEdgeAttributes(key);
    if (typeof a.tonnes === 'number' && Number.isFinite(a.tonnes)) {
      tonnes[e] = a.tonnes;
      known[e] = 1;
      anyTonnes = true;
    } else {
      shares[e] = typeof a.share === 'number' && Number.isFinite(a.share) ? a.share : NaN;
      // US trade flows whose units do not match the world table carry the partner's share of US imports only.
      const importShare = (a as { importShare?: unknown }).importShare;
      importShares[e] = typeof importShare === 'number' && Number.isFinite(importShare) ? importShare : NaN;
    }
  }
  const n = ids.length;
  const kind: NodeKind[] = new Array(n);
  const names: string[] = new Array(n);
  const country: string[] = new Array(n);
  const stage: Array<ProductionStage | undefined> = new Array(n);
  const capacity = new Float64Array(n).fill(NaN);
  const output = new Float64Array(n).fill(NaN);
  const isCountryNode = new Uint8Array(n);
  const isAggregate = new Uint8Array(n);
  const yearKey = String(year);
  for (let v = 0; v < n; v++) {
    const a = graph.getNodeAttributes(ids[v]!);
    kind[v] = a.kind;
    names[v] = a.name;
    country[v] = countryOf(ids[v]!, a);
    stage[v] = producerStage(a);
    if (isCountry(a)) isCountryNode[v] = 1;
    if (isFacility(a)) {
      if (a.aggregate) isAggregate[v] = 1;
      const cap = a.capacity?.[yearKey];
      if (typeof cap === 'number' && Number.isFinite(cap)) capacity[v] = cap;
      const out = a.output?.[yearKey];
      if (typeof out === 'number' && Number.isFinite(out) && (a.aggregate || (a.minerals?.length ?? 0) <= 1)) output[v] = out;
    }
  }
  // A flow known only by its share of the source's output gets share x output; with no tonnes anywhere in
  // the mineral, shares are the only common unit and are used as relative weights.
  let flowsWithoutTonnes = 0;
  const importWeight = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    if (known[e]) continue;
    const share = shares[e]!;
    if (!Number.isNaN(share) && !Number.isNaN(output[src[e]!]!)) {
      tonnes[e] = share * output[src[e]!]!;
      known[e] = 1;
    } else if (!anyTonnes && !Number.isNaN(importShares[e]!)) tonnes[e] = importShares[e]!;
    else if (!anyTonnes && !Number.isNaN(share)) tonnes[e] = share;
    else {
      tonnes[e] = 0;
      if (!Number.isNaN(importShares[e]!)) importWeight[e] = importShares[e]!;
      else flowsWithoutTonnes++;
    }
  }
  const shareUnits = !anyTonnes && m > 0;

  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    outStart[src[e]! + 1]!++;
    inStart[dst[e]! + 1]!++;
  }
  for (let v = 0; v < n; v++) {
    outStart[v + 1]! += outStart[v]!;
    inStart[v + 1]! += inStart[v]!;
  }
  const outEdges = new Int32Array(m);
  const inEdges = new Int32Array(m);
  const oFill = outStart.slice(0, n);
  const iFill = inStart.slice(0, n);
  const inBefore = new Float64Array(n);
  const outBefore = new Float64Array(n);
  for (let e = 0; e < m; e++) {
    outEdges[oFill[src[e]!]!++] = e;
    inEdges[iFill[dst[e]!]!++] = e;
    outBefore[src[e]!]! += tonnes[e]!;
    inBefore[dst[e]!]! += tonnes[e]!;
  }

  // Kahn's algorithm, O(V + E).
  const indeg = new Int32Array(n);
  for (let v = 0; v < n; v++) indeg[v] = inStart[v + 1]! - inStart[v]!;
  const topo = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (indeg[v] === 0) topo[tail++] = v;
  while (head < tail) {
    const v = topo[head++]!;
    for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
      const w = dst[outEdges[k]!]!;
      if (--indeg[w]! === 0) topo[tail++] = w;
    }
  }
  const cyclic: string[] = [];
  if (tail < n) {
    const rest: number[] = [];
    for (let v = 0; v < n; v++) if (indeg[v]! > 0) rest.push(v);
    rest.sort((a, b) => ids[a]!.localeCompare(ids[b]!));
    for (const v of rest) {
      topo[tail++] = v;
      cyclic.push(ids[v]!);
    }
  }

  // Feed edges: producer aggregate -> producer aggregate of another stage. Mixed nodes also receive non-feed inflows.
  const feed = new Uint8Array(m);
  const feedIn = new Uint8Array(n);
  const otherIn = new Uint8Array(n);
  for (let e = 0; e < m; e++) {
    const s = src[e]!;
    const t = dst[e]!;
    if (isAggregate[s] && isAggregate[t] && stage[s] !== undefined && stage[t] !== undefined && stage[s] !== stage[t]) {
      feed[e] = 1;
      feedIn[t] = 1;
    } else otherIn[t] = 1;
  }
  const mixedFeed = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (feedIn[v] && otherIn[v] && !isCountryNode[v]) mixedFeed[v] = 1;

  const passThrough = new Uint8Array(n);
  const isConsumer = new Uint8Array(n);
  const importSharesOnly = new Uint8Array(n);
  const consumerList: number[] = [];
  const consumedBefore = new Float64Array(n);
  let totalBefore = 0;
  for (let v = 0; v < n; v++) {
    const hasIn = inStart[v + 1]! > inStart[v]!;
    if (!hasIn) continue;
    // A country that passes on all it receives (an import partner acting as trader or processor for material
    // mined elsewhere) is an intermediary; one that keeps part of it consumes that part and passes on the rest.
    const hasOut = outStart[v + 1]! > outStart[v]!;
    if (hasOut) passThrough[v] = 1;
    const kept = hasOut ? inBefore[v]! - outBefore[v]! : inBefore[v]!;
    if (isCountryNode[v] && (!hasOut || kept > 1e-9 * Math.max(1, inBefore[v]!))) {
      isConsumer[v] = 1;
      consumerList.push(v);
      consumedBefore[v] = kept;
      totalBefore += kept;
      let anyKnown = false;
      let weights = 0;
      for (let j = inStart[v]!; j < inStart[v + 1]!; j++) {
        const e = inEdges[j]!;
        if (known[e]) anyKnown = true;
        weights += importWeight[e]!;
      }
      if (!anyKnown && weights > 0) importSharesOnly[v] = 1;
    } else if (!isCountryNode[v]) passThrough[v] = 1;
  }
  return {
    mineral,
    year,
    n,
    m,
    ids,
    pos,
    kind,
    names,
    country,
    stage,
    capacity,
    isCountryNode,
    isAggregate,
    passThrough,
    consumers: Int32Array.from(consumerList),
    isConsumer,
    consumedBefore,
    edgeKeys: edges,
    src,
    dst,
    tonnes,
    outStart,
    outEdges,
    inStart,
    inEdges,
    topo,
    cyclic,
    inBefore,
    outBefore,
    totalBefore,
    flowsWithoutTonnes,
    shareUnits,
    importWeight,
    importSharesOnly,
    feed,
    mixedFeed,
    scratch: { flowAfter: new Float64Array(m), inAfter: new Float64Array(n), retained: new Float64Array(n) },
  };
}

/**
 * The fraction of each node's output (or each flow) a removal takes away, 0..1: 1 = removed outright (the 0/1 masks
 * chokepoints builds), a fraction for a partial disruption (`country:CHN/gallium@0.4`, impact.ts parseRemovals).
 */
export type RemovedFraction = Uint8Array | Float64Array;

/**
 * Proportional propagation (DOMAIN.md "Node-removal impact", model 1) in topological order, O(V + E):
 * a node keeps the smaller of (1 - its removed fraction) and, when it has inflows, the fraction of its input that
 * still arrives, and scales every out-flow by it; a flow cut by an export ban keeps (1 - its cut fraction). A node
 * removed outright sends nothing. Sources and country nodes keep their own output. Results land in idx.scratch.
 */
export function propagate(idx: MineralYearIndex, removedNode: RemovedFraction, removedEdge: RemovedFraction | null): void {
  const { flowAfter, inAfter, retained } = idx.scratch;
  inAfter.fill(0);
  const { topo, outStart, outEdges, dst, tonnes, passThrough, inBefore, feed, mixedFeed } = idx;
  // Feed fractions are summed from the flows of this call (Monte-Carlo draws change the tonnes), mixed nodes only.
  const mixed = mixedFeed.includes(1);
  const feedAfter = mixed ? (idx.scratch.feedAfter ??= new Float64Array(idx.n)) : undefined;
  const feedBefore = mixed ? (idx.scratch.feedBefore ??= new Float64Array(idx.n)) : undefined;
  if (feedAfter && feedBefore) {
    feedAfter.fill(0);
    feedBefore.fill(0);
  }
  for (let k = 0; k < idx.n; k++) {
    const v = topo[k]!;
    // A disruption takes its fraction of the node's capacity to deliver; a node with inflows also delivers no more
    // than still arrives. The smaller limit binds (not their product: a plant at half capacity that receives half its
    // ore delivers half, so removing a country at 0.5 loses half its supply, not three quarters).
    let r = 1 - removedNode[v]!;
    if (r > 0 && passThrough[v] && inBefore[v]! > 0) {
      if (feedAfter && feedBefore && mixedFeed[v] && feedBefore[v]! > 0 && inBefore[v]! > feedBefore[v]!) {
        // A refinery fed by mines and split over its own facilities: each part limits it on its own.
        const inside = (inAfter[v]! - feedAfter[v]!) / (inBefore[v]! - feedBefore[v]!);
        r = Math.min(r, inside, feedAfter[v]! / feedBefore[v]!);
      } else r = Math.min(r, inAfter[v]! / inBefore[v]!);
    }
    retained[v] = r;
    for (let j = outStart[v]!; j < outStart[v + 1]!; j++) {
      const e = outEdges[j]!;
      const cut = removedEdge !== null ? removedEdge[e]! : 0;
      const f = tonnes[e]! * r * (1 - cut);
      flowAfter[e] = f;
      const w = dst[e]!;
      inAfter[w]! += f;
      if (feedAfter && feedBefore && feed[e] && mixedFeed[w]) {
        feedAfter[w]! += f;
        feedBefore[w]! += tonnes[e]!;
      }
    }
  }
}

/**
 * What consumer v still consumes after propagate(): all it receives when it passes nothing on, else its share of
 * what still arrives (kept x inAfter / inBefore, the same proportional rule as its out-flows).
 */
export function consumedAfter(idx: MineralYearIndex, v: number): number {
  const inAfter = idx.scratch.inAfter[v]!;
  if (idx.outStart[v + 1]! === idx.outStart[v]!) return inAfter;
  const before = idx.inBefore[v]!;
  return before > 0 ? idx.consumedBefore[v]! * Math.min(1, inAfter / before) : 0;
}

/** Supplier key of a node for "who still supplies": its country id, or its own id for "Other countries"/ROW. */
export function supplierKey(idx: MineralYearIndex, v: number): string {
  if (idx.isCountryNode[v]) return idx.ids[v]!;
  const c = idx.country[v]!;
  return c && c !== OTHER_COUNTRIES ? `country:${c}` : idx.ids[v]!;
}

/**
 * The stage whose production figure a producer belongs to: a named facility flowing into country aggregates is
 * part of their figure (the dataset splits the aggregate over its facilities, sometimes across stages: ICMM
 * copper mines inside USGS refined-copper aggregates); any other producer has its own stage.
 */
export function figureStage(idx: MineralYearIndex, v: number): ProductionStage | undefined {
  if (!idx.isAggregate[v] && !idx.isCountryNode[v]) {
    for (let j = idx.outStart[v]!; j < idx.outStart[v + 1]!; j++) {
      const w = idx.dst[idx.outEdges[j]!]!;
      if (idx.isAggregate[w]) return idx.stage[w];
    }
  }
  return idx.stage[v];
}
