// The impact of one removal in every year of a span (`impact --years 2018-2024`): one row per year, from the same
// impact() as a single year (the same removals with their severities, the same draws and seed for the ranges), and
// for years without flows of the mineral a row saying which years exist.
import type { SupplyGraph } from '../domain/graph.ts';
import { InvalidInputError, UnprocessableError } from '../domain/errors.ts';
import type { ImpactRequest, ImpactResult, Range } from './types.ts';
import { impact, parseRemoval } from './impact.ts';
import { graphIndex } from './flow-index.ts';

export interface ImpactSpanRow {
  year: number;
  mineral: string | null;
  tonnesBefore: number | null;
  tonnesLost: number | null;
  shareLost: number | null;
  productionHhiBefore: number | null;
  productionHhiAfter: number | null;
  consumersHit: number;
  /** p5-p95 of the Monte-Carlo draws of that year's impact (impact.ts), when draws > 0. */
  shareLostRange?: Range;
  tonnesLostRange?: Range;
  /** Why a year has no figure (no flows of the mineral that year, or the removal carries none). */
  note?: string;
}

export interface ImpactSpan {
  removed: string[];
  /** The removals with their severities (1 = all of the supply named), as impact() reports them. */
  removals: Array<{ id: string; severity: number }>;
  model: string;
  years: [number, number];
  rows: ImpactSpanRow[];
  /** Years of the span with flows. */
  available: number[];
  /** How the rows' ranges were made (as ImpactResult.uncertainty), when draws > 0. */
  uncertainty?: ImpactResult['uncertainty'];
}

/** Parses "2018-2024" (or one year) into [from, to]; InvalidInputError naming the field otherwise. */
export function parseYearSpan(text: string): [number, number] {
  const m = /^\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*$/.exec(text);
  if (!m) throw new InvalidInputError(`years must be a span like 2018-2024 or one year, got "${text}"`, [{ field: 'years', message: 'expected YYYY-YYYY' }]);
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (to < from) throw new InvalidInputError(`years: ${from} is after ${to}; write the span as earlier-later`, [{ field: 'years', message: 'reversed span' }]);
  if (to - from > 50) throw new InvalidInputError('years: a span of at most 50 years', [{ field: 'years', message: 'too long' }]);
  return [from, to];
}

export function impactSpan(graph: SupplyGraph, request: Omit<ImpactRequest, 'year'>, span: [number, number]): ImpactSpan {
  const gi = graphIndex(graph);
  const rows: ImpactSpanRow[] = [];
  let model = request.model ?? 'proportional';
  let removed = request.remove.map((r) => (typeof r === 'string' ? r : r.id));
  let removals: ImpactSpan['removals'] = [];
  let uncertainty: ImpactResult['uncertainty'];
  for (let year = span[0]; year <= span[1]; year++) {
    const empty = { year, mineral: request.mineral ?? null, tonnesBefore: null, tonnesLost: null, shareLost: null, productionHhiBefore: null, productionHhiAfter: null, consumersHit: 0 };
    if (!gi.years.includes(year)) {
      rows.push({ ...empty, note: `no flows in ${year} (years with flows: ${gi.years.join(', ')})` });
      continue;
    }
    try {
      const r = impact(graph, { ...request, year });
      model = r.model;
      removed = r.removed;
      removals = r.removals ?? removals;
      uncertainty = r.uncertainty ?? uncertainty;
      for (const m of r.minerals) {
        rows.push({
          year,
          mineral: m.mineral,
          tonnesBefore: m.tonnesBefore,
          tonnesLost: m.tonnesLost,
          shareLost: m.shareLost,
          productionHhiBefore: m.productionHhiBefore ?? null,
          productionHhiAfter: m.productionHhiAfter ?? null,
          consumersHit: r.consumers.filter((c) => c.mineral === m.mineral && c.tonnesLost > 0).length,
          ...(m.shareLostRange ? { shareLostRange: m.shareLostRange } : {}),
          ...(m.tonnesLostRange ? { tonnesLostRange: m.tonnesLostRange } : {}),
        });
      }
    } catch (error) {
      // A year where the removal carries none of the mineral is a row with its reason, not a failed span; unknown
      // ids and bad input still fail the whole request.
      if (!(error instanceof UnprocessableError)) throw error;
      rows.push({ ...empty, note: error.message });
    }
  }
  if (removals.length === 0) removals = parseRemovalEntries(request.remove);
  return {
    removed,
    removals,
    model,
    years: span,
    rows,
    available: gi.years.filter((y) => y >= span[0] && y <= span[1]),
    ...(uncertainty ? { uncertainty } : {}),
  };
}

/** The removals of a request with their severities, for a span where no year ran (every year without flows). */
function parseRemovalEntries(remove: ImpactRequest['remove']): ImpactSpan['removals'] {
  return remove.map((r, i) => parseRemoval(r, `remove[${i}]`));
}
