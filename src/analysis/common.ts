// Helpers shared by the analyses: option resolution (STYLE.md habit 4), year/mineral validation with
// "did you mean" errors (habit 5), and the small vocabulary every analysis agrees on (node stage, country, HHI).
import type { SupplyGraph, NodeAttributes } from '../domain/graph.ts';
import type { CountryNode, FacilityNode, MineralNode, Stage } from '../domain/model.ts';
import { InvalidInputError, NotFoundError, unknownIdError, type InputProblem } from '../domain/errors.ts';
import type { ProductionStage } from './types.ts';

/** Country code of the "Other countries" aggregates: not one producer, has no country node. */
export const OTHER_COUNTRIES = 'OTH';

/**
 * Merges `options` over `defaults`, rejecting unknown keys (every one listed, with the known keys as the hint).
 * `undefined` values fall back to the default so callers can forward optional parameters unchanged.
 */
export function resolveOptions<T extends object>(fn: string, defaults: T, options: Partial<T> | undefined): T {
  if (options === undefined || options === null) return { ...defaults };
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidInputError(`${fn}: options must be an object`, [{ field: 'options', message: 'not an object' }]);
  }
  const known = Object.keys(defaults);
  const problems: InputProblem[] = [];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      problems.push({ field: key, message: `unknown option "${key}" (known: ${known.join(', ')})` });
    }
  }
  if (problems.length) {
    throw new InvalidInputError(`${fn}: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
  const resolved = { ...defaults };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (resolved as Record<string, unknown>)[key] = value;
  }
  return resolved;
}

/** Years that have flows, ascending (graph attribute written by buildSupplyGraph, else derived from the flows). */
export function flowYears(graph: SupplyGraph): number[] {
  const attr = graph.hasAttribute('years') ? graph.getAttribute('years') : undefined;
  if (Array.isArray(attr) && attr.length) return attr;
  const years = new Set<number>();
  graph.forEachEdge((_e, a) => years.add(a.year));
  return [...years].sort((a, b) => a - b);
}

/**
 * Years with production figures, ascending: the `output` years of the country-level aggregates, or, in a graph
 * without aggregates (facility-scale data), of any producer. Flows alone never make a year a production year, so
 * one imported flow dated 2030 does not become every analysis' default (see defaultYear in flow-index.ts).
 */
export function productionYears(graph: SupplyGraph): number[] {
  const aggregate = new Set<number>();
  const any = new Set<number>();
  graph.forEachNode((_id, a) => {
    if (!isFacility(a) || !a.output) return;
    for (const [y, tonnes] of Object.entries(a.output)) {
      const year = Number(y);
      if (!Number.isInteger(year) || typeof tonnes !== 'number' || !Number.isFinite(tonnes)) continue;
      any.add(year);
      if (a.aggregate) aggregate.add(year);
    }
  });
  return [...(aggregate.size ? aggregate : any)].sort((x, y) => x - y);
}

/**
 * The requested year, else `fallback` (the analysis' default year), else the latest available year; NotFoundError
 * listing the available years when the requested year has no data.
 */
export function resolveYear(fn: string, available: readonly number[], year: number | undefined, fallback?: number): number {
  if (year === undefined) {
    const latest = fallback ?? available[available.length - 1];
    if (latest === undefined) throw new NotFoundError(`${fn}: the graph has no data for any year (load a dataset first)`);
    return latest;
  }
  if (!Number.isInteger(year)) {
    throw new InvalidInputError(`${fn}: year must be an integer, got ${String(year)}`, [
      { field: 'year', message: 'not an integer' },
    ]);
  }
  if (!available.includes(year)) {
    throw new NotFoundError(
      `${fn}: no data for year ${year} (available: ${available.join(', ') || 'none'})`,
      available.map(String),
      { available },
    );
  }
  return year;
}

/** Mineral slugs known to the graph: mineral nodes plus any slug carried by a flow. */
export function knownMinerals(graph: SupplyGraph): Set<string> {
  const slugs = new Set<string>();
  graph.forEachNode((_id, a) => {
    if (isMineral(a)) slugs.add(a.slug);
  });
  graph.forEachEdge((_e, a) => slugs.add(a.mineral));
  return slugs;
}

/** Validates a mineral slug (a `mineral:` prefix is tolerated); NotFoundError with suggestions otherwise. */
export function resolveMineral(fn: string, known: ReadonlySet<string>, mineral: string): string {
  if (typeof mineral !== 'string' || mineral === '') {
    throw new InvalidInputError(`${fn}: mineral must be a non-empty slug such as "niobium"`, [
      { field: 'mineral', message: 'empty or not a string' },
    ]);
  }
  const slug = mineral.startsWith('mineral:') ? mineral.slice('mineral:'.length) : mineral;
  if (!known.has(slug)) throw unknownIdError(`${fn}: mineral`, slug, known);
  return slug;
}

// NodeAttributes is Omit<> of a union, which loses the discriminant narrowing: these guards restore it.
export type FacilityAttributes = NodeAttributes & Omit<FacilityNode, 'id'>;
export type CountryAttributes = NodeAttributes & Omit<CountryNode, 'id'>;
export type MineralAttributes = NodeAttributes & Omit<MineralNode, 'id'>;

export function isFacility(attrs: NodeAttributes): attrs is FacilityAttributes {
  return attrs.kind === 'mine' || attrs.kind === 'refiner';
}
export function isCountry(attrs: NodeAttributes): attrs is CountryAttributes {
  return attrs.kind === 'country';
}
export function isMineral(attrs: NodeAttributes): attrs is MineralAttributes {
  return attrs.kind === 'mineral';
}

/** The production stage of a producer node: its declared stage, else mines mine and refiners refine. */
export function producerStage(attrs: NodeAttributes): ProductionStage | undefined {
  if (!isFacility(attrs)) return undefined;
  const stage: Stage | undefined = attrs.stage;
  if (stage === 'mine' || stage === 'refined') return stage;
  return attrs.kind === 'mine' ? 'mine' : 'refined';
}

/** ISO3 of where a node is: a country node's own code, a facility's `country` ("OTH" for "Other countries"). */
export function countryOf(id: string, attrs: NodeAttributes): string {
  if (isCountry(attrs)) return attrs.iso3 || id.slice('country:'.length);
  if (isFacility(attrs)) return attrs.country || OTHER_COUNTRIES;
  return '';
}

/** HHI = sum_i (100 s_i)^2 over the given shares (DOMAIN.md; seed 000 flags > 5,000 as highly concentrated). */
export function hhiOfShares(shares: Iterable<number>): number {
  let hhi = 0;
  for (const s of shares) hhi += (100 * s) ** 2;
  return hhi;
}

export function round(value: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * NotFoundError for a mineral that has no flows in `year` although the graph has flows that year: the message and
 * suggestions name the years the mineral does have (issue 12: a missing year says which years exist for it).
 */
export function mineralYearMissing(fn: string, mineral: string, year: number, mineralYears: readonly number[], what = 'flows'): NotFoundError {
  return new NotFoundError(
    `${fn}: no ${mineral} ${what} in ${year} (years with ${mineral} ${what}: ${mineralYears.join(', ') || 'none'})`,
    mineralYears.map(String),
    { mineral, available: [...mineralYears] },
  );
}

