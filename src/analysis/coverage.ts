// Facility coverage: how much of each mineral's tonnes (per stage, one year) rests on published facility figures
// (a USGS facility-layer capacity or a company-reported production the country total is split by), how much on an
// equal split across a country's ICMM facilities (the labelled last resort), and how much stays at country level
// (no facility feeds the country aggregate). One pass over the nodes and the facility -> aggregate edges: O(V + E).
import type { SupplyGraph } from '../domain/graph.ts';
import type { FacilityNode } from '../domain/model.ts';
import { resolveOptions, resolveYear, resolveMineral, isFacility } from './common.ts';
import { graphIndex } from './flow-index.ts';
import type { ProductionStage } from './types.ts';

export interface CoverageRow {
  mineral: string;
  stage: ProductionStage;
  year: number;
  /** Sum of the country aggregates' output (Other countries included): the USGS world figure as the graph holds it. */
  worldTonnes: number;
  /** Tonnes carried by facilities that have a published figure (their split weight). */
  sourcedTonnes: number;
  /** Tonnes carried by facilities without one (equal split of a country total or of what capacities leave). */
  equalSplitTonnes: number;
  /** Tonnes no facility carries: the country aggregate stands alone. */
  aggregateOnlyTonnes: number;
  /** sourcedTonnes / worldTonnes (0 when the world figure is 0). */
  sourcedShare: number;
  facilitiesWithFigure: number;
  facilities: number;
}

export interface CoverageOptions {
  mineral: string | undefined;
  year: number | undefined;
}

export const DEFAULT_COVERAGE_OPTIONS: CoverageOptions = { mineral: undefined, year: undefined };

const kg = (t: number): number => Math.round(t * 1e3) / 1e3;

/** Coverage rows sorted by mineral then stage; only markets with a world figure that year. */
export function facilityCoverage(graph: SupplyGraph, options?: Partial<CoverageOptions>): CoverageRow[] {
  const opts = resolveOptions('coverage', DEFAULT_COVERAGE_OPTIONS, options);
  const gi = graphIndex(graph);
  const year = resolveYear('coverage', gi.years, opts.year, gi.defaultYear);
  const only = opts.mineral === undefined ? undefined : resolveMineral('coverage', gi.minerals, opts.mineral);
  const key = String(year);
  const rows = new Map<string, CoverageRow>();
  const counted = new Map<string, Set<string>>();
  graph.forEachNode((id, a) => {
    if (!isFacility(a) || !a.aggregate || !a.mineral || (a.stage !== 'mine' && a.stage !== 'refined')) return;
    if (only !== undefined && a.mineral !== only) return;
    const output = a.output?.[key];
    if (typeof output !== 'number' || output <= 0) return;
    const k = `${a.mineral}|${a.stage}`;
    const row =
      rows.get(k) ??
      rows
        .set(k, {
          mineral: a.mineral,
          stage: a.stage,
          year,
          worldTonnes: 0,
          sourcedTonnes: 0,
          equalSplitTonnes: 0,
          aggregateOnlyTonnes: 0,
          sourcedShare: 0,
          facilitiesWithFigure: 0,
          facilities: 0,
        })
        .get(k)!;
    row.worldTonnes += output;
    let fed = 0;
    graph.forEachInEdge(id, (_e, f, source) => {
      const s = graph.getNodeAttributes(source);
      if (f.year !== year || f.mineral !== a.mineral || !isFacility(s) || s.aggregate || typeof f.tonnes !== 'number') return;
      fed += f.tonnes;
      const sourced = (s as FacilityNode).figures?.some((fig) => fig.mineral === a.mineral && fig.stage === a.stage) ?? false;
      if (sourced) row.sourcedTonnes += f.tonnes;
      else row.equalSplitTonnes += f.tonnes;
      const seen = counted.get(k) ?? counted.set(k, new Set()).get(k)!;
      if (!seen.has(source)) {
        seen.add(source);
        row.facilities++;
        if (sourced) row.facilitiesWithFigure++;
      }
    });
    row.aggregateOnlyTonnes += Math.max(0, output - fed);
  });
  const out = [...rows.values()].sort((x, y) => x.mineral.localeCompare(y.mineral) || x.stage.localeCompare(y.stage));
  for (const r of out) {
    // Sums of split flows (each rounded to 1e-6 t in the build): reported to 1 kg (0.001 t), which drops both the
    // float noise and the rounding residue of the splits (169049.999981 -> 169050).
    r.worldTonnes = kg(r.worldTonnes);
    r.sourcedTonnes = kg(r.sourcedTonnes);
    r.equalSplitTonnes = kg(r.equalSplitTonnes);
    r.aggregateOnlyTonnes = kg(r.aggregateOnlyTonnes);
    r.sourcedShare = r.worldTonnes > 0 ? Math.round((r.sourcedTonnes / r.worldTonnes) * 1e6) / 1e6 : 0;
  }
  return out;
}
