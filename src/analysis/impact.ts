// Node-removal impact (DOMAIN.md "Node-removal impact"): who loses how much of which mineral when nodes,
// countries or one country's exports of one mineral (`country:CHN/gallium`) disappear. Two models:
// proportional (no rerouting; topological propagation, O(V + E) per mineral on cached index arrays, see
// flow-index.ts) and rerouting (remaining producers raise output up to known spare capacity; the max-flow network
// of rerouting.ts, solved with Dinic in maxflow.ts). Also reports two HHIs before/after (supply: supplier countries
// of what reaches consumers, trade included; production: producer countries' output, as chokepoints/concentration
// report), disconnected nodes and articulation points.
import Heap from 'mnemonist/heap.js';
import type { SupplyGraph } from '../domain/graph.ts';
import { InvalidInputError, UnprocessableError, unknownIdError } from '../domain/errors.ts';
import type { ConsumerImpact, ImpactModel, ImpactRequest, ImpactResult, MineralImpact, ProductionStage } from './types.ts';
import { OTHER_COUNTRIES, hhiOfShares, resolveMineral, resolveOptions, resolveYear } from './common.ts';
import { consumedAfter, graphIndex, mineralYearIndex, propagate, supplierKey, type GraphIndex, type MineralYearIndex, type RemovedFraction } from './flow-index.ts';
import { articulationPoints } from './articulation.ts';
import { solveMaxFlow } from './maxflow.ts';
import { reroutingFields, reroutingProblem } from './rerouting.ts';
import { producerFigures, publishedWorldTotal, worldTotalOf } from './concentration.ts';
import { byProductImpacts } from './by-products.ts';
import { DEFAULT_DRAWS, MAX_DRAWS, lossRanges } from './uncertainty.ts';
import { roundImpactTonnes } from './precision.ts';

export interface ImpactOptions {
  /** Ids, `id@severity` strings or `{ id, severity }` (parseRemoval). */
  remove: RemovalInput[];
  mineral: string | undefined;
  model: ImpactModel;
  year: number | undefined;
  /** Loss paths kept per consumer, largest first. */
  maxPaths: number;
  /** Propagate host losses to their by-products (analysis/by-products.ts). */
  byProducts: boolean;
  /** Monte-Carlo draws for the ranges (analysis/uncertainty.ts); 0 = none. */
  draws: number;
  seed: number;
}

export const DEFAULT_IMPACT_OPTIONS: ImpactOptions = {
  remove: [],
  mineral: undefined,
  model: 'proportional',
  year: undefined,
  maxPaths: 5,
  byProducts: true,
  draws: DEFAULT_DRAWS,
  seed: 1,
};

export const MAX_REMOVALS = 1000;
export const IMPACT_MODELS: readonly ImpactModel[] = ['proportional', 'rerouting'];

/** Relative tolerance below which a loss is rounding noise. */
const EPS = 1e-9;

/** The caveats of the BACI trade layer (src/data/sources/baci.ts BACI_CAVEATS), said once where its flows are used. */
export const TRADE_NOTE =
  'trade flows: CEPII BACI, V202601, from UN Comtrade (2020-2023 partner shares by value, 2025 carries the 2024 shares; estimated): the traded product is not the element, ' +
  'HS 811292 is shared by Ga/Ge/Hf/In/Nb/Re/V, the extract keeps the top 6 partners per side (lower bounds), hubs (NLD, BEL, SGP, HKG) re-export';

// Per mineral network (rebuilt with the graph's index): does it carry CEPII BACI trade flows? One O(E) scan, cached.
const tradeCache = new WeakMap<MineralYearIndex, boolean>();
function carriesTrade(graph: SupplyGraph, idx: MineralYearIndex): boolean {
  let known = tradeCache.get(idx);
  if (known === undefined) {
    known = idx.edgeKeys.some((e) => String(graph.getEdgeAttribute(e, 'source')).startsWith('CEPII BACI'));
    tradeCache.set(idx, known);
  }
  return known;
}

/** A parsed removal: whole nodes, or one country's exports of one mineral, each with the fraction it takes. */
export interface RemovalSet {
  /** The ids as requested, without severity (deduplicated, in request order). */
  requested: string[];
  /** Every distinct entry with its severity (1 = all of it), in request order. */
  entries: Removal[];
  /** Nodes removed: requested nodes plus, for `country:X`, every facility/aggregate located in X. */
  nodes: Set<string>;
  /**
   * The fraction of each node in `nodes` taken away, 0..1: overlapping entries (country:BRA@0.5 and a mine in
   * Brazil @0.5) combine as independent shocks, the fraction left multiplying: 1 - (1 - 0.5)(1 - 0.5) = 0.75.
   */
  nodeSeverity: Map<string, number>;
  /** Export bans: flows of `mineral` leaving nodes located in `country` for a node located elsewhere. */
  bans: Array<{ id: string; country: string; mineral: string; severity: number }>;
}

/** One requested removal: an id and the fraction of its supply it takes away (0 < severity <= 1). */
export interface Removal {
  id: string;
  severity: number;
}

/** A removal as the API and scenarios accept it: `"id"`, `"id@0.4"` or `{ id, severity }`. */
export type RemovalInput = string | { id: string; severity?: number };

/**
 * Parses one removal entry: `country:CHN/gallium@0.4` (CLI, scenarios) or `{ id, severity }` (API); plain ids have
 * severity 1. Throws InvalidInputError naming the entry when the severity is not a number in (0, 1].
 */
export function parseRemoval(input: unknown, field = 'remove'): Removal {
  let id: string;
  let severity: unknown = 1;
  if (typeof input === 'string') {
    const at = input.lastIndexOf('@');
    id = (at > 0 ? input.slice(0, at) : input).trim();
    if (at > 0) {
      const text = input.slice(at + 1).trim();
      severity = text === '' || !/^[0-9.eE+-]+$/.test(text) ? NaN : Number(text);
    }
  } else if (input !== null && typeof input === 'object' && typeof (input as { id?: unknown }).id === 'string') {
    id = (input as { id: string }).id.trim();
    if ((input as { severity?: unknown }).severity !== undefined) severity = (input as { severity?: unknown }).severity;
  } else {
    throw new InvalidInputError(`impact: ${field} must be a node id ("country:BRA", "country:CHN/gallium@0.4") or {"id", "severity"}`, [
      { field, message: 'not a node id or {id, severity}' },
    ]);
  }
  if (id === '') throw new InvalidInputError(`impact: ${field} has an empty id`, [{ field, message: 'empty id' }]);
  if (typeof severity !== 'number' || !Number.isFinite(severity) || severity <= 0 || severity > 1) {
    throw new InvalidInputError(
      `impact: severity of "${id}" must be a number in (0, 1] (the fraction of its supply removed, e.g. ${id}@0.4), got ${JSON.stringify(severity)}`,
      [{ field, message: 'severity must be > 0 and <= 1' }],
    );
  }
  return { id, severity };
}

/** The canonical string of a removal: the id alone at severity 1, else `id@severity`. */
export function formatRemoval(r: Removal): string {
  return r.severity === 1 ? r.id : `${r.id}@${r.severity}`;
}

/** Result of one proportional removal on one mineral network (internal; chokepoints reuses it). */
export interface MineralLoss {
  tonnesBefore: number;
  tonnesLost: number;
  /** Per consumer index: tonnes lost (same order as idx.consumers); for import-share consumers, the share lost. */
  consumerLost: Float64Array;
}

/**
 * Impact of removing nodes (`mine:...`, `refiner:...`, `country:X` = X and everything located in X) or
 * export bans (`country:X/<mineral>`). Throws InvalidInputError (empty or > 1,000 ids, bad model),
 * NotFoundError (unknown id or year, with suggestions) and UnprocessableError (mineral the removal does not touch;
 * a removal of consumers only, such as country:ROW, which supplies nothing).
 */
export function impact(graph: SupplyGraph, request: ImpactRequest & { maxPaths?: number }): ImpactResult {
  const opts = resolveOptions('impact', DEFAULT_IMPACT_OPTIONS, request);
  if (!IMPACT_MODELS.includes(opts.model)) {
    throw new InvalidInputError(`impact: model must be "proportional" or "rerouting", got "${String(opts.model)}"`, [
      { field: 'model', message: 'expected "proportional" or "rerouting"' },
    ]);
  }
  if (!Number.isInteger(opts.maxPaths) || opts.maxPaths < 0) {
    throw new InvalidInputError(`impact: maxPaths must be a whole number >= 0, got ${String(opts.maxPaths)}`, [
      { field: 'maxPaths', message: 'expected an integer >= 0' },
    ]);
  }
  const gi = graphIndex(graph);
  const year = resolveYear('impact', gi.years, opts.year, gi.defaultYear);
  const removal = parseRemovals(graph, opts.remove);
  const mineralFilter = opts.mineral === undefined ? undefined : resolveMineral('impact', gi.minerals, opts.mineral);

  const touched = touchedMinerals(graph, removal, year);
  let minerals: string[];
  if (mineralFilter !== undefined) {
    if (!touched.has(mineralFilter)) {
      throw new UnprocessableError(
        `impact: ${removal.requested.join(', ')} carries no ${mineralFilter} in ${year}` +
          (touched.size ? ` (it carries: ${[...touched].sort().join(', ')})` : ' (it carries no mineral that year)'),
        { removed: removal.requested, mineral: mineralFilter, year, touches: [...touched].sort() },
      );
    }
    minerals = [mineralFilter];
  } else {
    if (touched.size === 0) {
      const otherYears = [...gi.nodeMinerals.entries()]
        .filter(([y, byNode]) => y !== year && [...removal.nodes].some((id) => byNode.has(id)))
        .map(([y]) => y);
      throw new UnprocessableError(
        `impact: ${removal.requested.join(', ')} carries no mineral flow in ${year}` +
          (otherYears.length ? ` (it does in ${otherYears.join(', ')}: pass year)` : ''),
        { removed: removal.requested, year },
      );
    }
    minerals = [...touched].sort();
  }
  // A removal that supplies nothing (a pure consumer such as country:ROW) would answer with every mineral at zero
  // loss: refuse it when nothing removed supplies, and say which ids supply nothing when only some do.
  if (!Number.isInteger(opts.draws) || opts.draws < 0 || opts.draws > MAX_DRAWS) {
    throw new InvalidInputError(`impact: draws must be a whole number 0..${MAX_DRAWS}, got ${String(opts.draws)}`, [
      { field: 'draws', message: `expected an integer 0..${MAX_DRAWS}` },
    ]);
  }
  if (!Number.isInteger(opts.seed) || opts.seed < 0) {
    throw new InvalidInputError(`impact: seed must be a whole number >= 0, got ${String(opts.seed)}`, [{ field: 'seed', message: 'expected an integer >= 0' }]);
  }
  const idle = removal.requested.filter((id) => !removal.bans.some((b) => b.id === id) && !supplies(graph, removal, id, year, minerals));
  if (idle.length === removal.requested.length) {
    const what = mineralFilter ?? (minerals.length === 1 ? minerals[0]! : `any of the ${minerals.length} minerals it receives`);
    throw new UnprocessableError(
      `impact: ${idle.join(', ')} ${idle.length === 1 ? 'is a consumer' : 'are consumers'}, not a supplier, of ${what} in ${year}: ` +
        'removing a consumer takes no supply from anyone; remove a producer or a supplying country (e.g. country:BRA), ' +
        'or ban one country\'s exports of one mineral (e.g. country:CHN/gallium)',
      { removed: removal.requested, year, consumersOnly: idle },
    );
  }

  const result: ImpactResult = {
    removed: removal.requested,
    removals: removal.entries,
    model: opts.model,
    year,
    minerals: [],
    consumers: [],
    structure: { nodesDisconnected: [], articulationPoints: {} },
    notes: [],
  };
  const notes = new Set<string>();
  for (const id of idle) notes.add(`${id} supplies nothing in ${year} (a consumer only): removing it takes no supply away`);
  const partial = removal.entries.filter((r) => r.severity < 1);
  if (partial.length) {
    notes.add(
      `partial removals (${partial.map(formatRemoval).join(', ')}): each takes that fraction of the supply named; ` +
        'overlapping removals of the same supply combine as independent shocks (the fractions left multiply)',
    );
  }
  if (removal.bans.length) {
    notes.add(
      'export bans cut flows to every node located in another country, including re-exports of the banned material ' +
        "through trade hubs (cut in proportion); the banning country's own consumption is its own node where trade " +
        'data place it (country:ROW holds what they cannot place)',
    );
  }
  for (const mineral of minerals) {
    const idx = mineralYearIndex(graph, mineral, year);
    const { removedNode, removedEdge } = removalMasks(idx, removal);
    propagate(idx, removedNode, removedEdge);
    const { flowAfter, inAfter } = idx.scratch;
    if (idx.cyclic.length) notes.add(`${mineral}: flows form a cycle through ${idx.cyclic.slice(0, 5).join(', ')}; propagation there is approximate`);
    if (idx.flowsWithoutTonnes) notes.add(`${mineral}: ${idx.flowsWithoutTonnes} flow(s) without tonnes count as 0`);
    if (idx.shareUnits) notes.add(`${mineral}: no flow has tonnes; shares are used as relative weights, so "tonnes" are share units`);

    // Consumers.
    const memo: LossyInEdges = new Map();
    let lostTotal = 0;
    // Consumer rows by their index k in idx.consumers, for the uncertainty ranges below.
    const rowAt = new Map<number, ConsumerImpact>();
    for (let k = 0; k < idx.consumers.length; k++) {
      const c = idx.consumers[k]!;
      if (idx.importSharesOnly[c]) {
        const hit = importShareLoss(idx, c, removedNode, removedEdge, opts.maxPaths, memo);
        if (hit) {
          result.consumers.push(hit);
          rowAt.set(k, hit);
          notes.add(
            `${mineral}: ${idx.ids[c]}'s inflows have no tonnes (units differ from the world table): its loss is the share of its published import sources lost (basis "import-shares", tonnes 0)`,
          );
        }
        continue;
      }
      const before = idx.consumedBefore[c]!;
      const lost = before - consumedAfter(idx, c);
      if (!(lost > EPS * Math.max(1, before))) continue;
      lostTotal += lost;
      const suppliers = new Set<string>();
      for (let j = idx.inStart[c]!; j < idx.inStart[c + 1]!; j++) {
        const e = idx.inEdges[j]!;
        if (flowAfter[e]! > EPS * Math.max(1, idx.tonnes[e]!)) suppliers.add(supplierKey(idx, idx.src[e]!));
      }
      const row: ConsumerImpact = {
        country: idx.ids[c]!,
        mineral,
        tonnesBefore: before,
        tonnesLost: lost,
        shareLost: before > 0 ? lost / before : 0,
        remainingSuppliers: [...suppliers].sort(),
        paths: opts.maxPaths > 0 ? lossPaths(idx, c, removedNode, removedEdge, opts.maxPaths, memo) : [],
        basis: 'tonnes',
      };
      result.consumers.push(row);
      rowAt.set(k, row);
    }

    const mi: MineralImpact = {
      mineral,
      tonnesBefore: idx.totalBefore,
      tonnesLost: lostTotal,
      shareLost: idx.totalBefore > 0 ? lostTotal / idx.totalBefore : 0,
      hhiBefore: 0,
      hhiAfter: 0,
      supplyHhiBefore: supplierHhi(idx, idx.tonnes),
      supplyHhiAfter: supplierHhi(idx, flowAfter),
    };
    // Backward-compatible names of the supply HHI (API consumers read hhiAfter).
    mi.hhiBefore = mi.supplyHhiBefore!;
    mi.hhiAfter = mi.supplyHhiAfter!;
    Object.assign(mi, productionLoss(graph, idx, year, removedNode), residualOf(idx));
    if (carriesTrade(graph, idx)) notes.add(TRADE_NOTE);
    if (mi.residualShare !== undefined && mi.residualShare > 0.005) {
      notes.add(`${mineral}: country:ROW, the residual the trade and USGS data cannot place, holds ${(mi.residualShare * 100).toFixed(1)}% of final supply`);
    }
    // A ban by a country the data do not name as a consumer of this mineral (aluminium: no BACI code for the
    // unwrought metal in the extract): its own consumption sits in the residual, so ROW's loss counts it as cut.
    for (const ban of removal.bans) {
      if (ban.mineral !== mineral || (mi.residualShare ?? 0) <= 0.005) continue;
      const own = idx.pos.get(`country:${ban.country}`);
      if (own === undefined || !idx.isConsumer[own]) {
        notes.add(
          `${mineral}: country:${ban.country}'s own consumption is not placed by the data (no named consumer node): it sits in ` +
            `country:ROW, so the loss reported for ROW includes supply ${ban.country} keeps at home; read ROW's row as an upper bound`,
        );
      }
    }
    if (opts.draws > 0) attachRanges(graph, idx, removedNode, removedEdge, mi, rowAt, opts, notes);
    if (opts.model === 'rerouting') Object.assign(mi, reroute(idx, removedNode, removedEdge, lostTotal, notes));
    result.minerals.push(mi);

    // Structure: who had supply and now receives none; cut vertices of what still flows.
    for (let v = 0; v < idx.n; v++) {
      // A removed country still consumes (only its supply is removed), so it can be cut off too.
      if ((removedNode[v]! >= 1 && !idx.isConsumer[v]) || !(idx.inBefore[v]! > 0)) continue;
      if (inAfter[v]! <= EPS * idx.inBefore[v]!) result.structure.nodesDisconnected.push(idx.ids[v]!);
    }
    const alive = new Uint8Array(idx.m);
    for (let e = 0; e < idx.m; e++) {
      if (removedNode[idx.src[e]!]! >= 1 || removedNode[idx.dst[e]!]! >= 1 || (removedEdge && removedEdge[e]! >= 1)) continue;
      if (idx.tonnes[e]! > 0 && !(flowAfter[e]! > EPS * idx.tonnes[e]!)) continue;
      alive[e] = 1;
    }
    result.structure.articulationPoints[mineral] = articulationPoints(idx, alive).map((v) => idx.ids[v]!);
  }
  result.structure.nodesDisconnected = [...new Set(result.structure.nodesDisconnected)].sort();
  if (opts.byProducts) {
    const coupled = byProductImpacts(graph, result.minerals, year, notes);
    if (coupled.length) result.byProducts = coupled;
  }
  result.consumers.sort((a, b) => a.mineral.localeCompare(b.mineral) || b.tonnesLost - a.tonnesLost || a.country.localeCompare(b.country));
  if (opts.draws > 0) result.uncertainty = { method: 'monte-carlo', draws: opts.draws, seed: opts.seed, percentiles: [5, 95] };
  if (result.consumers.length === 0) notes.add('no consumer lost supply: the removed nodes deliver nothing that reaches a consumer');
  result.notes = [...notes];
  return roundImpactTonnes(result);
}

/** Validates and expands the requested removal ids (deduplicated). */
export function parseRemovals(graph: SupplyGraph, remove: unknown): RemovalSet {
  if (!Array.isArray(remove) || remove.length === 0) {
    throw new InvalidInputError('impact: remove must list at least one node id, e.g. ["country:BRA"]', [
      { field: 'remove', message: 'empty or not an array' },
    ]);
  }
  if (remove.length > MAX_REMOVALS) {
    throw new InvalidInputError(`impact: at most ${MAX_REMOVALS} ids per removal, got ${remove.length}`, [
      { field: 'remove', message: `more than ${MAX_REMOVALS} ids` },
    ]);
  }
  const bad = remove
    .map((id, i) => [id, i] as const)
    .filter(([id]) => !(typeof id === 'string' && id.trim() !== '') && !(id !== null && typeof id === 'object'));
  if (bad.length) {
    throw new InvalidInputError(
      'impact: every id in remove must be a non-empty string',
      bad.map(([, i]) => ({ field: `remove[${i}]`, message: 'not a non-empty string' })),
    );
  }
  const gi = graphIndex(graph);
  // Identical entries are one shock named twice; distinct entries on the same supply are independent shocks.
  const seen = new Set<string>();
  const entries: Removal[] = [];
  remove.forEach((input, i) => {
    const r = parseRemoval(input, `remove[${i}]`);
    const key = formatRemoval(r);
    if (seen.has(key)) return;
    seen.add(key);
    entries.push(r);
  });
  const requested = [...new Set(entries.map((r) => r.id))];
  const nodes = new Set<string>();
  const kept = new Map<string, number>();
  const keep = (node: string, severity: number) => kept.set(node, (kept.get(node) ?? 1) * (1 - severity));
  const bans: RemovalSet['bans'] = [];
  for (const { id, severity } of entries) {
    const slash = id.indexOf('/');
    if (id.startsWith('country:') && slash > 0) {
      const countryId = id.slice(0, slash);
      const mineral = id.slice(slash + 1);
      if (!graph.hasNode(countryId) || graph.getNodeAttribute(countryId, 'kind') !== 'country') {
        throw unknownIdError('impact: country', countryId, countryIds(graph));
      }
      if (!gi.minerals.has(mineral)) throw unknownIdError(`impact: mineral in "${id}"`, mineral, gi.minerals);
      bans.push({ id, country: countryId.slice('country:'.length), mineral, severity });
      continue;
    }
    if (!graph.hasNode(id)) throw unknownIdError('impact: node', id, graph.nodes(), (n) => graph.getNodeAttribute(n, 'name'));
    nodes.add(id);
    keep(id, severity);
    if (graph.getNodeAttribute(id, 'kind') === 'country') {
      for (const located of gi.nodesByCountry.get(id.slice('country:'.length)) ?? []) {
        nodes.add(located);
        keep(located, severity);
      }
    }
  }
  const nodeSeverity = new Map([...kept].map(([node, left]) => [node, 1 - left] as const));
  return { requested, entries, nodes, nodeSeverity, bans };
}

/** Whether removal id `id` (a node, or a country with everything located in it) sends any flow of `minerals` in `year`. */
function supplies(graph: SupplyGraph, removal: RemovalSet, id: string, year: number, minerals: readonly string[]): boolean {
  const selected = new Set(minerals);
  const nodes = [id];
  if (graph.getNodeAttribute(id, 'kind') === 'country') nodes.push(...(graphIndex(graph).nodesByCountry.get(id.slice('country:'.length)) ?? []));
  return nodes.some(
    (node) => removal.nodes.has(node) && graph.someOutEdge(node, (_e, a) => a.year === year && selected.has(a.mineral)),
  );
}

function countryIds(graph: SupplyGraph): string[] {
  return graph.filterNodes((_id, a) => a.kind === 'country');
}

/** Minerals the removal touches in the year: any flow into or out of a removed node, or a banned flow. */
function touchedMinerals(graph: SupplyGraph, removal: RemovalSet, year: number): Set<string> {
  const byNode = graphIndex(graph).nodeMinerals.get(year);
  const touched = new Set<string>();
  if (!byNode) return touched;
  for (const id of removal.nodes) for (const m of byNode.get(id) ?? []) touched.add(m);
  for (const ban of removal.bans) {
    const idx = mineralYearIndex(graph, ban.mineral, year);
    if (banMask(idx, ban.country).some((x) => x === 1)) touched.add(ban.mineral);
  }
  return touched;
}

/** Edges of a mineral network leaving nodes located in `country` for nodes located elsewhere. */
function banMask(idx: MineralYearIndex, country: string): Uint8Array {
  const mask = new Uint8Array(idx.m);
  for (let e = 0; e < idx.m; e++) {
    if (idx.country[idx.src[e]!] === country && idx.country[idx.dst[e]!] !== country) mask[e] = 1;
  }
  return mask;
}

/**
 * The masks of a removal on one mineral network: the fraction of each node removed, and the fraction of each flow
 * export bans of that mineral cut (null when none); overlapping bans combine as independent shocks (the fractions
 * left multiply). Shared with the GDS engine (src/store/gds-impact.ts), so both engines read the same severities.
 */
export function removalMasks(idx: MineralYearIndex, removal: RemovalSet): { removedNode: Float64Array; removedEdge: Float64Array | null } {
  const removedNode = new Float64Array(idx.n);
  for (const id of removal.nodes) {
    const v = idx.pos.get(id);
    if (v !== undefined) removedNode[v] = removal.nodeSeverity.get(id) ?? 1;
  }
  let removedEdge: Float64Array | null = null;
  for (const ban of removal.bans) {
    if (ban.mineral !== idx.mineral) continue;
    const mask = banMask(idx, ban.country);
    if (!removedEdge) removedEdge = new Float64Array(idx.m);
    for (let e = 0; e < idx.m; e++) if (mask[e]) removedEdge[e] = 1 - (1 - removedEdge[e]!) * (1 - ban.severity);
  }
  return { removedNode, removedEdge };
}

/** How much of final supply only the residual consumer country:ROW holds, and how many named consumers there are. */
export function residualOf(idx: MineralYearIndex): { residualShare: number; namedConsumers: number } {
  let row = 0;
  let named = 0;
  for (const c of idx.consumers) {
    if (idx.ids[c] === 'country:ROW') row += idx.consumedBefore[c]!;
    else if (idx.consumedBefore[c]! > 0) named++;
  }
  return { residualShare: idx.totalBefore > 0 ? row / idx.totalBefore : 0, namedConsumers: named };
}

/** HHI of supplier countries over the flows reaching consumers ("Other countries" out of the terms). */
function supplierHhi(idx: MineralYearIndex, tonnes: Float64Array): number {
  const byCountry = new Map<string, number>();
  let total = 0;
  for (let k = 0; k < idx.consumers.length; k++) {
    const c = idx.consumers[k]!;
    for (let j = idx.inStart[c]!; j < idx.inStart[c + 1]!; j++) {
      const e = idx.inEdges[j]!;
      const t = tonnes[e]!;
      if (!(t > 0)) continue;
      total += t;
      const s = idx.src[e]!;
      if (idx.country[s] === OTHER_COUNTRIES) continue;
      const key = supplierKey(idx, s);
      byCountry.set(key, (byCountry.get(key) ?? 0) + t);
    }
  }
  if (!(total > 0)) return 0;
  return hhiOfShares([...byCountry.values()].map((t) => t / total));
}

/**
 * Loss of world production at the final stage: what producers (not trade partners) no longer deliver to
 * countries, consumers or intermediaries, against the world total of that stage (published unless below the producers' sum, as in
 * concentration.ts).
 */
function productionLoss(graph: SupplyGraph, idx: MineralYearIndex, year: number, removedNode: RemovedFraction): Partial<MineralImpact> {
  const { flowAfter } = idx.scratch;
  let before = 0;
  let lost = 0;
  const stages = new Map<ProductionStage, number>();
  // Every final-stage producer's delivery to a country, consumer or intermediary (an import partner passing material
  // on): with world supply conserved in the dataset, each producer's output is counted once.
  for (let e = 0; e < idx.m; e++) {
    const s = idx.src[e]!;
    const stage = idx.stage[s];
    if (idx.isCountryNode[s] || !idx.isCountryNode[idx.dst[e]!] || stage === undefined) continue;
    before += idx.tonnes[e]!;
    lost += idx.tonnes[e]! - flowAfter[e]!;
    stages.set(stage, (stages.get(stage) ?? 0) + idx.tonnes[e]!);
  }
  if (!(before > 0)) return {};
  const stage = [...stages.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const published = publishedWorldTotal(graph, idx.mineral, stage, year);
  const world = worldTotalOf(published, before);
  return {
    stage,
    productionBefore: before,
    productionLost: lost,
    worldProduction: world,
    ...(published !== undefined ? { publishedWorldProduction: published } : {}),
    productionShareLost: lost / world,
    ...productionHhi(graph, idx, stage, year, removedNode),
  };
}

// Producer figures per graph index (rebuilt with it when the graph changes): one O(N + E) scan, not one per call.
const figuresCache = new WeakMap<GraphIndex, ReturnType<typeof producerFigures>>();

/**
 * Production concentration of `stage` before and after the removal, the HHI chokepoints and concentration report:
 * each producer country's output over the world total (published unless below the producers' sum); "Other
 * countries" stays in the total without an HHI term. After the removal each producer keeps output x the fraction of
 * its input it still receives (0 when removed; an export ban leaves production as it is), and the world total loses
 * what they no longer produce. Null after when nothing is produced any more.
 */
function productionHhi(
  graph: SupplyGraph,
  idx: MineralYearIndex,
  stage: ProductionStage,
  year: number,
  removedNode: RemovedFraction,
): Partial<MineralImpact> {
  const gi = graphIndex(graph);
  let figures = figuresCache.get(gi);
  if (!figures) figuresCache.set(gi, (figures = producerFigures(graph)));
  const list = figures.get(`${idx.mineral}|${stage}|${year}`);
  if (!list?.length) return {};
  const { retained } = idx.scratch;
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  let sum = 0;
  let lost = 0;
  for (const f of list) {
    const v = idx.pos.get(f.node);
    // retained already holds (1 - severity) for a removed producer and 0 for one removed outright.
    const r = v === undefined ? 1 : removedNode[v]! >= 1 ? 0 : retained[v]!;
    sum += f.tonnes;
    lost += f.tonnes * (1 - r);
    if (f.country === OTHER_COUNTRIES) continue;
    before.set(f.country, (before.get(f.country) ?? 0) + f.tonnes);
    after.set(f.country, (after.get(f.country) ?? 0) + f.tonnes * r);
  }
  const world = worldTotalOf(publishedWorldTotal(graph, idx.mineral, stage, year), sum);
  if (!(world > 0)) return {};
  const worldAfter = world - lost;
  return {
    productionHhiBefore: hhiOfShares([...before.values()].map((t) => t / world)),
    productionHhiAfter: worldAfter > EPS * world ? hhiOfShares([...after.values()].map((t) => t / worldAfter)) : null,
  };
}

/** Per-call memo of each node's in-edges that lost tonnes (so hubs' in-edges are scanned once, not per consumer). */
type LossyInEdges = Map<number, { edges: number[]; lostIn: number }>;

function lossyInEdges(idx: MineralYearIndex, v: number, memo: LossyInEdges) {
  let entry = memo.get(v);
  if (!entry) {
    const { flowAfter } = idx.scratch;
    const edges: number[] = [];
    let lostIn = 0;
    for (let j = idx.inStart[v]!; j < idx.inStart[v + 1]!; j++) {
      const e = idx.inEdges[j]!;
      const l = idx.tonnes[e]! - flowAfter[e]!;
      if (l > EPS * Math.max(1, idx.tonnes[e]!)) {
        edges.push(e);
        lostIn += l;
      }
    }
    memo.set(v, (entry = { edges, lostIn }));
  }
  return entry;
}

/**
 * Loss paths into consumer c: walk back along edges that lost tonnes, splitting a node's loss over its
 * in-edges in proportion to what each lost, until a removed node (or a banned edge's exporter) is reached.
 * Bounded by a budget of expansions per consumer; the largest `keep` paths are returned.
 */
function lossPaths(
  idx: MineralYearIndex,
  c: number,
  removedNode: RemovedFraction,
  removedEdge: RemovedFraction | null,
  keep: number,
  memo: LossyInEdges,
  starts?: Array<{ e: number; lost: number }>,
): Array<{ nodes: string[]; tonnes: number }> {
  const { flowAfter } = idx.scratch;
  // Paths are linked lists sharing their downstream tails (a step allocates one link, not a copy of the path): on
  // networks with many lossy branches (nickel, copper) the copies made one removal take ~0.5-1 s of allocation and GC.
  const found: Array<{ path: PathLink; tonnes: number }> = [];
  // Best-first: a step splits its tonnes over the lossy inflows (fractions summing to 1), so tonnes never grow along a
  // path and the paths complete in non-increasing order: the first `keep` completed are the largest, and the search
  // stops there instead of enumerating every branch (China's removal: seconds of enumeration before).
  const heap = new Heap.MaxHeap<{ v: number; tonnes: number; path: PathLink; via: number }>((a, b) => a.tonnes - b.tonnes);
  // A consumer that also passes material on loses only its kept part of what stops arriving (flow-index consumedAfter).
  const passesOn = idx.outStart[c + 1]! > idx.outStart[c]! && idx.inBefore[c]! > 0;
  const kept = passesOn ? idx.consumedBefore[c]! / idx.inBefore[c]! : 1;
  const root: PathLink = { v: c, next: null, length: 1 };
  for (const { e, lost } of starts ?? lossyInEdges(idx, c, memo).edges.map((e) => ({ e, lost: (idx.tonnes[e]! - flowAfter[e]!) * kept }))) {
    heap.push({ v: idx.src[e]!, tonnes: lost, path: root, via: e });
  }
  let budget = 10_000;
  while (heap.size && found.length < keep && budget-- > 0) {
    const { v, tonnes, path, via } = heap.pop()!;
    const here: PathLink = { v, next: path, length: path.length + 1 };
    if (removedNode[v] || (removedEdge && removedEdge[via]) || here.length > 64) {
      found.push({ path: here, tonnes });
      continue;
    }
    const { edges, lostIn } = lossyInEdges(idx, v, memo);
    if (!(lostIn > 0)) {
      found.push({ path: here, tonnes });
      continue;
    }
    for (const e of edges) {
      heap.push({ v: idx.src[e]!, tonnes: (tonnes * (idx.tonnes[e]! - flowAfter[e]!)) / lostIn, path: here, via: e });
    }
  }
  found.sort((a, b) => b.tonnes - a.tonnes);
  return found.slice(0, keep).map((p) => {
    const nodes: string[] = [];
    for (let link: PathLink | null = p.path; link; link = link.next) nodes.push(idx.ids[link.v]!);
    return { nodes, tonnes: p.tonnes };
  });
}

/** One step of a loss path, upstream first: `next` is the rest of the path towards the consumer. */
interface PathLink {
  v: number;
  next: PathLink | null;
  length: number;
}

/**
 * Loss of a consumer whose inflows carry only import shares (no tonnes): each inflow keeps its share times what
 * its source retained (0 when removed or banned); the loss is the share of its import sources lost.
 */
function importShareLoss(
  idx: MineralYearIndex,
  c: number,
  removedNode: RemovedFraction,
  removedEdge: RemovedFraction | null,
  maxPaths: number,
  memo: LossyInEdges,
): ConsumerImpact | undefined {
  const { retained } = idx.scratch;
  let before = 0;
  let after = 0;
  const suppliers = new Set<string>();
  const starts: Array<{ e: number; lost: number }> = [];
  for (let j = idx.inStart[c]!; j < idx.inStart[c + 1]!; j++) {
    const e = idx.inEdges[j]!;
    const w = idx.importWeight[e]!;
    if (!(w > 0)) continue;
    const kept = w * retained[idx.src[e]!]! * (removedEdge !== null ? 1 - removedEdge[e]! : 1);
    before += w;
    after += kept;
    if (kept > EPS * w) suppliers.add(supplierKey(idx, idx.src[e]!));
    if (w - kept > EPS * w) starts.push({ e, lost: w - kept });
  }
  // Published shares are of ALL the consumer's imports; partners not listed ("Other") are untouched, so the
  // denominator is the whole (1) unless the listed shares add up to more.
  const whole = Math.max(1, before);
  const lostShare = before > 0 ? (before - after) / whole : 0;
  if (!(lostShare > EPS)) return undefined;
  return {
    country: idx.ids[c]!,
    mineral: idx.mineral,
    tonnesBefore: 0,
    tonnesLost: 0,
    shareLost: lostShare,
    remainingSuppliers: [...suppliers].sort(),
    paths:
      maxPaths > 0
        ? lossPaths(idx, c, removedNode, removedEdge, maxPaths, memo, starts).map((p) => ({ ...p, tonnes: p.tonnes / whole }))
        : [],
    basis: 'import-shares',
  };
}

/** Proportional loss of one removal on one mineral network, without paths or structure (for rankings). */
export function proportionalLoss(idx: MineralYearIndex, removedNode: RemovedFraction, removedEdge: RemovedFraction | null): MineralLoss {
  propagate(idx, removedNode, removedEdge);
  const consumerLost = new Float64Array(idx.consumers.length);
  let lost = 0;
  const { retained } = idx.scratch;
  for (let k = 0; k < idx.consumers.length; k++) {
    const c = idx.consumers[k]!;
    if (idx.importSharesOnly[c]) {
      // Share units: the fraction of the consumer's import shares lost.
      let before = 0;
      let after = 0;
      for (let j = idx.inStart[c]!; j < idx.inStart[c + 1]!; j++) {
        const e = idx.inEdges[j]!;
        before += idx.importWeight[e]!;
        after += idx.importWeight[e]! * retained[idx.src[e]!]! * (removedEdge !== null ? 1 - removedEdge[e]! : 1);
      }
      if (before > 0 && before - after > EPS * before) consumerLost[k] = (before - after) / Math.max(1, before);
      continue;
    }
    const l = idx.consumedBefore[c]! - consumedAfter(idx, c);
    if (l > EPS * Math.max(1, idx.consumedBefore[c]!)) {
      consumerLost[k] = l;
      lost += l;
    }
  }
  return { tonnesBefore: idx.totalBefore, tonnesLost: lost, consumerLost };
}

/**
 * Rerouting model (DOMAIN.md model 2): the node-split max-flow network of rerouting.ts, solved in process with
 * maxflow.ts (the GDS engine, src/store/gds-impact.ts, solves the same network on the server).
 */
function reroute(
  idx: MineralYearIndex,
  removedNode: RemovedFraction,
  removedEdge: RemovedFraction | null,
  lostTotal: number,
  notes: Set<string>,
): Partial<MineralImpact> {
  const problem = reroutingProblem(idx, removedNode, removedEdge, lostTotal);
  return reroutingFields(problem, solveMaxFlow(problem.network), notes);
}

/**
 * Uncertainty ranges (uncertainty.ts) on one mineral's row and its consumer rows, and a note naming how many
 * estimated flows the network has. Zero-width ranges where the loss rests on published figures only.
 */
function attachRanges(
  graph: SupplyGraph,
  idx: MineralYearIndex,
  removedNode: RemovedFraction,
  removedEdge: RemovedFraction | null,
  mi: MineralImpact,
  rowAt: Map<number, ConsumerImpact>,
  opts: ImpactOptions,
  notes: Set<string>,
): void {
  const K = idx.consumers.length;
  const consumerTonnes = new Float64Array(K);
  const consumerShare = new Float64Array(K);
  for (const [k, row] of rowAt) {
    consumerTonnes[k] = row.tonnesLost;
    consumerShare[k] = row.shareLost;
  }
  const ranges = lossRanges(graph, idx, removedNode, removedEdge, {
    draws: opts.draws,
    seed: opts.seed,
    point: { shareLost: mi.shareLost, tonnesLost: mi.tonnesLost, productionShareLost: mi.productionShareLost, consumerTonnes, consumerShare },
    world: mi.productionShareLost !== undefined ? (mi.publishedWorldProduction ?? 0) : undefined,
  });
  mi.shareLostRange = ranges.shareLost;
  mi.tonnesLostRange = ranges.tonnesLost;
  if (ranges.productionShareLost) mi.productionShareLostRange = ranges.productionShareLost;
  for (const [k, row] of rowAt) {
    row.shareLostRange = ranges.consumerShare[k]!;
    row.tonnesLostRange = row.basis === 'import-shares' ? [0, 0] : ranges.consumerTonnes[k]!;
  }
  if (ranges.uncertainFlows > 0) {
    notes.add(
      `${idx.mineral}: ${ranges.uncertainFlows} of its ${idx.m} flows are estimates; ranges are p5-p95 of ${opts.draws} seeded Monte-Carlo draws ` +
        '(seed ' + opts.seed + ') of each within its range (rangeRule on the flow, README "Uncertainty ranges")',
    );
  }
}
