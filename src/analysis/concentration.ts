// Production concentration per mineral, stage and year: producer-country shares s_i, HHI = sum (100 s_i)^2,
// top-1/top-3 shares (DOMAIN.md "Measures"; seed 000 tables 1-3 flag HHI > 5,000). O(N + E) per call.
//
// Producers are grouped by COUNTRY from the country-level aggregate nodes (`aggregate: true`, with `mineral`,
// `stage` and `output[year]`); named facilities flow INTO those aggregates, so they are never added again.
// "Other countries" (country "OTH") is not one producer: it stays in the world total (so every real country's
// share is a share of world output) but contributes no HHI term and is not counted as a producer.
// The world total is the published one when the mineral node carries it (`worldTotal[stage][year]`) and it is at
// least the sum of the listed producers (it may include unlisted ones); when USGS's rounded total falls below that
// sum (beryllium 2025e: 430 vs 432 t) the sum is used, so shares never add up to more than 1 nor HHI to more than
// 10,000. `worldTonnesSource` says which, and `publishedWorldTonnes` keeps the published figure.
import type { SupplyGraph } from '../domain/graph.ts';
import { InvalidInputError } from '../domain/errors.ts';
import type { Concentration, ProducerShare, ProductionStage } from './types.ts';
import { roundFigures } from './precision.ts';
import {
  OTHER_COUNTRIES,
  countryOf,
  flowYears,
  hhiOfShares,
  isFacility,
  isMineral,
  knownMinerals,
  producerStage,
  resolveMineral,
  resolveOptions,
  resolveYear,
} from './common.ts';

export interface ConcentrationOptions {
  /** Mineral slug; default every mineral. */
  mineral: string | undefined;
  /** 'mine' or 'refined'; default both. */
  stage: ProductionStage | undefined;
  /** Default: every year with figures. */
  year: number | undefined;
}

export const DEFAULT_CONCENTRATION_OPTIONS: ConcentrationOptions = { mineral: undefined, stage: undefined, year: undefined };

export const PRODUCTION_STAGES: readonly ProductionStage[] = ['mine', 'refined'];

/** Extra fields beyond the stable `Concentration` shape (all optional there). */
export interface ConcentrationDetail extends Concentration {
  /** 'published': the mineral node's world total; 'sum-of-producers': our own sum. */
  worldTonnesSource: 'published' | 'sum-of-producers';
  /** The published world total, when the mineral node carries one (even where the sum is used instead). */
  publishedWorldTonnes: number | null;
  /** Sum of every producer's tonnes, "Other countries" included. */
  producersTonnes: number;
  /** Tonnes reported as "Other countries" (in the world total, outside the HHI). */
  otherTonnes: number;
  /** Producer node ids behind the country figures (aggregates, or facilities where no aggregate exists). */
  producerNodes: string[];
  notes: string[];
}

interface ProducerFigure {
  node: string;
  country: string;
  tonnes: number;
}

/** Concentration of production for every (mineral, stage, year) present, filtered by the options. */
export function concentration(graph: SupplyGraph, options?: Partial<ConcentrationOptions>): ConcentrationDetail[] {
  const opts = resolveOptions('concentration', DEFAULT_CONCENTRATION_OPTIONS, options);
  const mineral = opts.mineral === undefined ? undefined : resolveMineral('concentration', knownMinerals(graph), opts.mineral);
  if (opts.stage !== undefined && !PRODUCTION_STAGES.includes(opts.stage)) {
    throw new InvalidInputError(`concentration: stage must be "mine" or "refined", got "${String(opts.stage)}"`, [
      { field: 'stage', message: 'expected "mine" or "refined"' },
    ]);
  }
  const figures = producerFigures(graph);
  const years = new Set<number>(flowYears(graph));
  for (const key of figures.keys()) years.add(Number(key.split('|')[2]));
  const available = [...years].sort((a, b) => a - b);
  const year = opts.year === undefined ? undefined : resolveYear('concentration', available, opts.year);

  const results: ConcentrationDetail[] = [];
  for (const [key, producers] of figures) {
    const [m, stage, y] = key.split('|') as [string, ProductionStage, string];
    if (mineral !== undefined && m !== mineral) continue;
    if (opts.stage !== undefined && stage !== opts.stage) continue;
    if (year !== undefined && Number(y) !== year) continue;
    results.push(summarise(graph, m, stage, Number(y), producers));
  }
  results.sort((a, b) => a.mineral.localeCompare(b.mineral) || a.stage.localeCompare(b.stage) || a.year - b.year);
  return results;
}

/** Builds one Concentration from the producer figures of a (mineral, stage, year). */
function summarise(
  graph: SupplyGraph,
  mineral: string,
  stage: ProductionStage,
  year: number,
  figures: ProducerFigure[],
): ConcentrationDetail {
  const notes: string[] = [];
  const byCountry = new Map<string, { tonnes: number; nodes: string[] }>();
  let producersTonnes = 0;
  let otherTonnes = 0;
  for (const f of figures) {
    producersTonnes += f.tonnes;
    const key = f.country === OTHER_COUNTRIES ? f.node : f.country;
    if (f.country === OTHER_COUNTRIES) otherTonnes += f.tonnes;
    const entry = byCountry.get(key) ?? { tonnes: 0, nodes: [] };
    entry.tonnes += f.tonnes;
    entry.nodes.push(f.node);
    byCountry.set(key, entry);
  }
  const published = publishedWorldTotal(graph, mineral, stage, year);
  const worldTonnes = worldTotalOf(published, producersTonnes);
  if (published !== undefined && Math.abs(published - producersTonnes) > 1e-9 * published) {
    notes.push(
      published >= producersTonnes
        ? `world total ${published} (published) exceeds the sum of listed producers ${producersTonnes}: shares are of the published total`
        : `world total ${published} (published, rounded) is below the sum of producers ${producersTonnes}: shares are of the sum`,
    );
  }
  const producers: ProducerShare[] = [];
  for (const [key, entry] of byCountry) {
    if (entry.tonnes <= 0) continue;
    const isOther = key.includes(':');
    const countryId = `country:${key}`;
    const name = isOther
      ? 'Other countries'
      : graph.hasNode(countryId)
        ? graph.getNodeAttribute(countryId, 'name')
        : key;
    producers.push({
      node: isOther ? key : countryId,
      name,
      country: isOther ? OTHER_COUNTRIES : key,
      tonnes: entry.tonnes,
      share: worldTonnes > 0 ? entry.tonnes / worldTonnes : 0,
    });
  }
  producers.sort((a, b) => b.tonnes - a.tonnes || a.node.localeCompare(b.node));
  const real = producers.filter((p) => p.country !== OTHER_COUNTRIES);
  if (otherTonnes > 0) {
    notes.push(
      `"Other countries" (${otherTonnes} t) is kept in the world total but is not one producer: no HHI term, not counted`,
    );
  }
  const unit = mineralUnit(graph, mineral, stage);
  const result: ConcentrationDetail = {
    mineral,
    stage,
    year,
    ...(unit ? { unit } : {}),
    worldTonnes,
    producers,
    hhi: hhiOfShares(real.map((p) => p.share)),
    top1Share: real[0]?.share ?? 0,
    top3Share: real.slice(0, 3).reduce((sum, p) => sum + p.share, 0),
    producerCount: real.length,
    worldTonnesSource: worldTonnes === published ? 'published' : 'sum-of-producers',
    publishedWorldTonnes: published ?? null,
    producersTonnes,
    otherTonnes,
    producerNodes: figures.map((f) => f.node).sort(),
    notes,
  };
  // Rounded once the HHI and top shares are made from the unrounded shares (the impact's production HHI is too).
  for (const p of producers) roundFigures(p);
  return roundFigures(result);
}

/**
 * Producer figures keyed "mineral|stage|year": aggregate outputs where aggregates exist for that mineral;
 * otherwise (facility-scale graphs) each producer's `output[year]` or, lacking it, its out-flow tonnes,
 * skipping producers that flow into a producer of the same stage (they are inside it).
 */
export function producerFigures(graph: SupplyGraph): Map<string, ProducerFigure[]> {
  const aggregates = new Map<string, ProducerFigure[]>();
  const aggregateMinerals = new Set<string>();
  graph.forEachNode((node, a) => {
    if (!isFacility(a) || !a.aggregate || !a.mineral) return;
    const stage = producerStage(a)!;
    aggregateMinerals.add(a.mineral);
    for (const [y, tonnes] of Object.entries(a.output ?? {})) {
      if (typeof tonnes !== 'number' || !Number.isFinite(tonnes)) continue;
      const key = `${a.mineral}|${stage}|${y}`;
      const list = aggregates.get(key) ?? [];
      list.push({ node, country: countryOf(node, a), tonnes });
      aggregates.set(key, list);
    }
  });

  // Facility-scale fallback for minerals without any aggregate (where aggregates exist, facilities flow into
  // them, possibly across stages, and their tonnes are estimated splits of the aggregate, not production).
  const fallback = new Map<string, Map<string, ProducerFigure>>();
  graph.forEachNode((node, a) => {
    if (!isFacility(a) || a.aggregate) return;
    const stage = producerStage(a)!;
    const outByKey = new Map<string, number>();
    const inside = new Set<string>();
    graph.forEachOutEdge(node, (_e, f, _s, _t, _sa, ta) => {
      if (aggregateMinerals.has(f.mineral)) return;
      const key = `${f.mineral}|${stage}|${f.year}`;
      if (isFacility(ta) && producerStage(ta) === stage) inside.add(key);
      outByKey.set(key, (outByKey.get(key) ?? 0) + (f.tonnes ?? 0));
    });
    for (const [key, outTonnes] of outByKey) {
      if (inside.has(key)) continue;
      const y = key.split('|')[2]!;
      const published = a.output?.[y];
      const tonnes = typeof published === 'number' && (a.minerals?.length ?? 1) <= 1 ? published : outTonnes;
      const perKey = fallback.get(key) ?? new Map<string, ProducerFigure>();
      perKey.set(node, { node, country: countryOf(node, a), tonnes });
      fallback.set(key, perKey);
    }
  });
  for (const [key, perNode] of fallback) aggregates.set(key, [...perNode.values()]);
  return aggregates;
}

/** The world total used for shares: the published one unless it is below the producers' own sum. */
export function worldTotalOf(published: number | undefined, producersTonnes: number): number {
  return published !== undefined && published >= producersTonnes ? published : producersTonnes;
}

/** The published world total of a mineral's stage and year, if the mineral node carries one. */
export function publishedWorldTotal(graph: SupplyGraph, mineral: string, stage: ProductionStage, year: number): number | undefined {
  const id = `mineral:${mineral}`;
  if (!graph.hasNode(id)) return undefined;
  const totals = (graph.getNodeAttributes(id) as { worldTotal?: unknown }).worldTotal;
  if (!totals || typeof totals !== 'object') return undefined;
  const byYear = (totals as Record<string, unknown>)[stage];
  if (!byYear || typeof byYear !== 'object') return undefined;
  const value = (byYear as Record<string, unknown>)[String(year)];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function mineralUnit(graph: SupplyGraph, mineral: string, stage: ProductionStage): string | undefined {
  const id = `mineral:${mineral}`;
  if (!graph.hasNode(id)) return undefined;
  const a = graph.getNodeAttributes(id);
  return isMineral(a) ? a.units?.[stage] : undefined;
}
