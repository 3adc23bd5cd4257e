// Chokepoint ranking: for each mineral and production stage, every producer (a country through all its
// producers at that stage, each aggregate, each facility) ranked by the share of world supply reaching
// consumers that its removal loses under the proportional model (impact.ts), ties broken by production share.
// Each removal is one O(V + E) propagation on the mineral's cached index (flow-index.ts), so a full ranking is
// O(sum over minerals of P_m (V_m + E_m)) for P_m producers. Rows whose share rests on a modelling estimate (a
// facility's equal split of its country figure, seed 002's refining allocation) say so with `estimated` and `rule`.
import type { NodeAttributes, SupplyGraph } from '../domain/graph.ts';
import { InvalidInputError, NotFoundError } from '../domain/errors.ts';
import type { NodeKind } from '../domain/model.ts';
import type { ChokepointRow, ProductionStage } from './types.ts';
import { OTHER_COUNTRIES, resolveMineral, resolveOptions, resolveYear } from './common.ts';
import { concentration, PRODUCTION_STAGES, type ConcentrationDetail } from './concentration.ts';
import { figureStage, graphIndex, mineralYearIndex, type MineralYearIndex } from './flow-index.ts';
import { proportionalLoss } from './impact.ts';
import { countryGovernanceRisk } from './risk.ts';
import { byProductLinks } from './by-products.ts';
import { centrality } from './centrality.ts';
import { roundFigures } from './precision.ts';

export interface ChokepointOptions {
  mineral: string | undefined;
  stage: ProductionStage | undefined;
  year: number | undefined;
  /** Rows kept per mineral and stage (default: all). */
  limit: number | undefined;
  /** Attach each node's PageRank within the mineral's flow graph (tonnes as strength). */
  pagerank: boolean;
  /**
   * Which producers to rank: 'country' (one row per producing country, standing for all its producers; the default),
   * 'facility' (named mines and refiners only), or 'all' (countries, national totals and facilities, each group
   * ranked on its own: a row's `level` says which). No ranking names one producer twice.
   */
  level: ChokepointLevel;
  /**
   * Also rank the producers of each mineral's hosts (BY_PRODUCT_OF links) by the companion supply their removal
   * takes: impactShare = share x the host supply lost (analysis/by-products.ts), rows marked `via`. Default false:
   * the ranking holds the mineral's own producers only, as before.
   */
  byProducts: boolean;
}

export const CHOKEPOINT_LEVELS = ['country', 'facility', 'all'] as const;
export type ChokepointLevel = (typeof CHOKEPOINT_LEVELS)[number];

export const DEFAULT_CHOKEPOINT_OPTIONS: ChokepointOptions = {
  mineral: undefined,
  stage: undefined,
  year: undefined,
  limit: undefined,
  pagerank: true,
  level: 'country',
  byProducts: false,
};

/** The level of a ranked row: a country, a national total (a country aggregate or "Other countries"), a named facility. */
export type ChokepointRowLevel = 'country' | 'national-total' | 'facility';
const ROW_LEVELS: readonly ChokepointRowLevel[] = ['country', 'national-total', 'facility'];

function levelOf(c: { kind: NodeKind; aggregate: boolean }): ChokepointRowLevel {
  return c.kind === 'country' ? 'country' : c.aggregate ? 'national-total' : 'facility';
}

const KIND_ORDER: Record<NodeKind, number> = { country: 0, refiner: 1, mine: 2, mineral: 3 };

interface Candidate {
  node: string;
  name: string;
  kind: NodeKind;
  country: string;
  members: number[];
  tonnes: number;
  /** The rule behind the candidate's tonnes when they are a modelling estimate, else undefined. */
  rule: string | undefined;
  /** A country-level aggregate ("national total") rather than a named facility. */
  aggregate: boolean;
}

/** Ranked chokepoints, grouped by mineral then stage, `rank` 1 = the removal that loses the most. */
export function chokepoints(graph: SupplyGraph, options?: Partial<ChokepointOptions>): ChokepointRow[] {
  const opts = resolveOptions('chokepoints', DEFAULT_CHOKEPOINT_OPTIONS, options);
  if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1)) {
    throw new InvalidInputError(`chokepoints: limit must be a whole number >= 1, got ${String(opts.limit)}`, [
      { field: 'limit', message: 'expected an integer >= 1' },
    ]);
  }
  if (!CHOKEPOINT_LEVELS.includes(opts.level)) {
    throw new InvalidInputError(`chokepoints: level must be "country" (the default), "facility" or "all", got "${String(opts.level)}"`, [
      { field: 'level', message: 'expected "country", "facility" or "all"' },
    ]);
  }
  if (opts.stage !== undefined && !PRODUCTION_STAGES.includes(opts.stage)) {
    throw new InvalidInputError(`chokepoints: stage must be "mine" or "refined", got "${String(opts.stage)}"`, [
      { field: 'stage', message: 'expected "mine" or "refined"' },
    ]);
  }
  const gi = graphIndex(graph);
  const year = resolveYear('chokepoints', gi.years, opts.year, gi.defaultYear);
  const mineral = opts.mineral === undefined ? undefined : resolveMineral('chokepoints', gi.minerals, opts.mineral);
  const minerals = mineral !== undefined ? [mineral] : [...gi.minerals].sort();
  const stages = opts.stage !== undefined ? [opts.stage] : PRODUCTION_STAGES;

  const markets = new Map<string, ConcentrationDetail>();
  for (const c of concentration(graph, { year, ...(mineral !== undefined ? { mineral } : {}) })) {
    markets.set(`${c.mineral}|${c.stage}`, c);
  }
  const risk = new Map<string, number | null>();
  const countryRisk = (iso3: string): number | null => {
    if (!risk.has(iso3)) {
      risk.set(iso3, graph.hasNode(`country:${iso3}`) ? countryGovernanceRisk(graph, iso3, year) : null);
    }
    return risk.get(iso3)!;
  };

  const rows: ChokepointRow[] = [];
  let producers = 0;
  for (const m of minerals) {
    if (!gi.edgesByKey.has(`${m}|${year}`)) continue;
    const idx = mineralYearIndex(graph, m, year);
    if (idx.totalBefore <= 0) continue;
    let ranks: Map<string, number> | undefined;
    for (const stage of stages) {
      const all = candidatesAt(graph, idx, stage);
      producers += all.length;
      const wanted: readonly ChokepointRowLevel[] = opts.level === 'all' ? ROW_LEVELS : [opts.level];
      const candidates = all.filter((c) => wanted.includes(levelOf(c)));
      if (!candidates.length) continue;
      if (opts.pagerank && ranks === undefined) ranks = pagerankOf(graph, m, year);
      const market = markets.get(`${m}|${stage}`);
      const world = market?.worldTonnes ?? candidates.filter((c) => c.kind !== 'country').reduce((s, c) => s + c.tonnes, 0);
      const mask = new Uint8Array(idx.n);
      const group: ChokepointRow[] = [];
      for (const cand of candidates) {
        for (const v of cand.members) mask[v] = 1;
        const loss = proportionalLoss(idx, mask, null);
        for (const v of cand.members) mask[v] = 0;
        let hit = 0;
        for (const l of loss.consumerLost) if (l > 0) hit++;
        const share = world > 0 ? cand.tonnes / world : 0;
        const estimate = cand.rule !== undefined ? { estimated: true, rule: cand.rule } : { estimated: false };
        group.push({
          node: cand.node,
          level: levelOf(cand),
          name: cand.name,
          kind: cand.kind,
          country: cand.country,
          mineral: m,
          stage,
          year,
          share,
          // No production figures for the market that year: its concentration is unknown, not 0.
          hhi: market?.hhi ?? null,
          hhiContribution: cand.country === OTHER_COUNTRIES ? 0 : (100 * share) ** 2,
          impactShare: loss.tonnesBefore > 0 ? loss.tonnesLost / loss.tonnesBefore : 0,
          consumersHit: hit,
          countryRisk: cand.country === OTHER_COUNTRIES ? null : countryRisk(cand.country),
          // A country row stands for its producers: their PageRank mass, not the country node's own (a consumer).
          pagerank: ranks?.size ? cand.members.reduce((sum, v) => sum + (ranks!.get(idx.ids[v]!) ?? 0), 0) : null,
          rank: 0,
          ...estimate,
        });
      }
      if (opts.byProducts) group.push(...indirectRows(graph, m, stage, year, opts.level, countryRisk, market?.hhi ?? null));
      group.sort(
        (a, b) =>
          ROW_LEVELS.indexOf(a.level) - ROW_LEVELS.indexOf(b.level) ||
          b.impactShare - a.impactShare ||
          b.share - a.share ||
          KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
          a.node.localeCompare(b.node),
      );
      // Ranks (and the limit) run within each level, so a country and its own national total never share a top N.
      const byLevel = new Map<ChokepointRowLevel, ChokepointRow[]>();
      for (const row of group) byLevel.set(row.level, [...(byLevel.get(row.level) ?? []), row]);
      for (const [, rowsAt] of byLevel) {
        rowsAt.forEach((row, i) => (row.rank = i + 1));
        rows.push(...(opts.limit !== undefined ? rowsAt.slice(0, opts.limit) : rowsAt));
      }
    }
  }
  // One mineral asked for and nobody produces it (germanium: USGS publishes US import sources only): say so rather
  // than answer an empty ranking that reads like "no chokepoint".
  if (mineral !== undefined && producers === 0) {
    const at = opts.stage !== undefined ? ` at the ${opts.stage} stage` : '';
    const flows = gi.edgesByKey.has(`${mineral}|${year}`);
    throw new NotFoundError(
      `chokepoints: no producers of ${mineral}${at} in ${year}: ` +
        (flows
          ? 'the dataset has no production figure or producer for it that year, only flows between countries (trade); its import sources are under dependencies'
          : `the dataset has no ${mineral} flows that year (years with flows: ${gi.years.filter((y) => gi.edgesByKey.has(`${mineral}|${y}`)).join(', ') || 'none'})`),
      [],
      { mineral, stage: opts.stage ?? null, year },
    );
  }
  for (const row of rows) roundFigures(row);
  return rows;
}

/**
 * Rows for the producers of `companion`'s hosts: removing one loses the host supply it carries, and with it share x
 * that loss of the companion (every companion consumer hit in proportion). One row per host producer (its largest
 * indirect loss when it produces the host at several stages).
 */
function indirectRows(
  graph: SupplyGraph,
  companion: string,
  stage: ProductionStage,
  year: number,
  level: ChokepointLevel,
  countryRisk: (iso3: string) => number | null,
  hhi: number | null,
): ChokepointRow[] {
  const best = new Map<string, ChokepointRow>();
  const companionIdx = mineralYearIndex(graph, companion, year);
  for (const link of companionsLinks(graph, companion)) {
    const host = link.to.slice('mineral:'.length);
    if (!graphIndex(graph).edgesByKey.has(`${host}|${year}`)) continue;
    const idx = mineralYearIndex(graph, host, year);
    if (!(idx.totalBefore > 0)) continue;
    for (const hostStage of PRODUCTION_STAGES) {
      for (const cand of candidatesAt(graph, idx, hostStage)) {
        if (level !== 'all' && levelOf(cand) !== level) continue;
        const mask = new Uint8Array(idx.n);
        for (const v of cand.members) mask[v] = 1;
        const loss = proportionalLoss(idx, mask, null);
        const impactShare = link.share * (loss.tonnesBefore > 0 ? loss.tonnesLost / loss.tonnesBefore : 0);
        if (!(impactShare > 0)) continue;
        const previous = best.get(cand.node);
        if (previous && previous.impactShare >= impactShare) continue;
        best.set(cand.node, {
          node: cand.node,
          name: cand.name,
          kind: cand.kind,
          level: levelOf(cand),
          country: cand.country,
          mineral: companion,
          stage,
          year,
          share: 0,
          hhi,
          hhiContribution: 0,
          impactShare,
          consumersHit: companionIdx.consumers.length,
          countryRisk: cand.country === OTHER_COUNTRIES ? null : countryRisk(cand.country),
          pagerank: null,
          rank: 0,
          via: { host, share: link.share },
          estimated: true,
          rule: `by-product of ${host}: ${link.rule ?? 'estimated share'}`,
        });
      }
    }
  }
  return [...best.values()];
}

/** BY_PRODUCT_OF links whose companion is `companion`. */
function companionsLinks(graph: SupplyGraph, companion: string) {
  return byProductLinks(graph).filter((l) => l.from === `mineral:${companion}`);
}

/**
 * Producers of a mineral network at one stage: every facility/aggregate node whose figure belongs to that stage
 * (flow-index.ts figureStage), plus one country candidate per producing country standing for all of them.
 */
function candidatesAt(graph: SupplyGraph, idx: MineralYearIndex, stage: ProductionStage): Candidate[] {
  const candidates: Candidate[] = [];
  const byCountry = new Map<string, number[]>();
  const tonnesOf = new Map<number, number>();
  const ruleOf = new Map<number, string | undefined>();
  const yearKey = String(idx.year);
  for (let v = 0; v < idx.n; v++) {
    if (idx.isCountryNode[v] || figureStage(idx, v) !== stage) continue;
    if (idx.outStart[v + 1]! === idx.outStart[v]!) continue;
    const a = graph.getNodeAttributes(idx.ids[v]!);
    const output = (a as { output?: Record<string, number> }).output;
    const published = idx.isAggregate[v] ? output?.[yearKey] : undefined;
    tonnesOf.set(v, typeof published === 'number' ? published : idx.outBefore[v]!);
    ruleOf.set(v, typeof published === 'number' ? nodeRule(a) : (nodeRule(a) ?? outFlowRule(graph, idx, v)));
    candidates.push({
      node: idx.ids[v]!,
      name: idx.names[v]!,
      kind: idx.kind[v]!,
      country: idx.country[v]!,
      members: [v],
      tonnes: tonnesOf.get(v)!,
      rule: ruleOf.get(v),
      aggregate: idx.isAggregate[v] === 1 || idx.country[v] === OTHER_COUNTRIES,
    });
    const c = idx.country[v]!;
    if (c && c !== OTHER_COUNTRIES) byCountry.set(c, [...(byCountry.get(c) ?? []), v]);
  }
  for (const [iso3, members] of byCountry) {
    const id = `country:${iso3}`;
    if (!graph.hasNode(id)) continue;
    // The country's tonnes: its aggregates where present (facilities sit inside them), else its facilities.
    const aggregates = members.filter((v) => idx.isAggregate[v]);
    const counted = aggregates.length ? aggregates : members;
    const tonnes = counted.reduce((s, v) => s + tonnesOf.get(v)!, 0);
    // The country's share is an estimate when any figure it adds up is one; the largest such figure names the rule.
    const estimated = counted.filter((v) => ruleOf.get(v) !== undefined).sort((x, y) => tonnesOf.get(y)! - tonnesOf.get(x)!);
    const rule =
      estimated.length === 0
        ? undefined
        : estimated.length === counted.length && counted.length === 1
          ? ruleOf.get(estimated[0]!)
          : `${estimated.length} of the ${counted.length} producer figures it sums are estimates (${idx.ids[estimated[0]!]}: ${ruleOf.get(estimated[0]!)})`;
    candidates.push({ node: id, name: graph.getNodeAttribute(id, 'name'), kind: 'country', country: iso3, members, tonnes, rule, aggregate: false });
  }
  return candidates;
}

/** The rule of a node whose own figure is an estimate (`estimated: true`), else undefined. */
function nodeRule(a: NodeAttributes): string | undefined {
  if (!a.estimated) return undefined;
  return a.rule ?? 'estimated (no rule recorded)';
}

/** The rule of the largest estimated out-flow of a producer whose tonnes are its out-flows, else undefined. */
function outFlowRule(graph: SupplyGraph, idx: MineralYearIndex, v: number): string | undefined {
  let best: { tonnes: number; rule: string } | undefined;
  for (let j = idx.outStart[v]!; j < idx.outStart[v + 1]!; j++) {
    const e = idx.outEdges[j]!;
    const a = graph.getEdgeAttributes(idx.edgeKeys[e]!);
    if (!a.estimated) continue;
    if (!best || idx.tonnes[e]! > best.tonnes) best = { tonnes: idx.tonnes[e]!, rule: a.rule ?? 'estimated (no rule recorded)' };
  }
  return best?.rule;
}

/** PageRank of each node in the mineral's flow graph, or an empty map when it cannot be computed. */
function pagerankOf(graph: SupplyGraph, mineral: string, year: number): Map<string, number> {
  try {
    const result = centrality(graph, { metric: 'pagerank', mineral, year });
    return new Map(result.scores.map((s) => [s.node, s.value]));
  } catch {
    return new Map();
  }
}
