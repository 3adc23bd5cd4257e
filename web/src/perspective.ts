// A country's supply risk from its own point of view, as the details panel shows it: the EU CRM supply risk SR of
// Blengini et al. 2017 computed by the API (GET /api/risk?perspective=, src/analysis/perspective.ts, the same function
// the CLI's `risk --perspective` runs), turned into labelled rows. Pure: which node has a perspective, the request
// key, the rows. O(rows).
import type { PerspectiveReport } from '../../src/analysis/perspective.ts';
import type { ViewGraph } from './graph.ts';

/** Shown with the rows: what SR is, where it comes from, and what "gross" leaves out. */
export const PERSPECTIVE_METHOD_LABEL = 'EU CRM supply risk SR (Blengini et al. 2017, JRC / European Commission)';
export const GROSS_LABEL = 'gross: no recycling or substitution data (EoL_RIR = 0, SI = 1)';
export const BACI_ATTRIBUTION = 'CEPII BACI, V202601, from UN Comtrade';

/**
 * The ISO3 whose perspective a selected node has: a real country (not an aggregate such as the rest of the world,
 * which imports nothing the data can place), known from the drawn graph or from its id when the graph does not draw it.
 */
export function perspectiveOf(graph: ViewGraph | null, id: string | null): string | null {
  if (!id || !id.startsWith('country:')) return null;
  const iso3 = id.slice('country:'.length);
  if (!/^[A-Z]{3}$/.test(iso3) || iso3 === 'ROW' || iso3 === 'OTH') return null;
  if (graph?.hasNode(id)) {
    const a = graph.getNodeAttributes(id);
    if (a.kind !== 'country' || a.aggregate) return null;
  }
  return iso3;
}

/** One request per perspective and year, every mineral in it (the panel keeps the mineral on screen). */
export function perspectiveKey(iso3: string, year: number | null): string {
  return `${iso3}|${year ?? ''}`;
}

export interface PerspectiveRow {
  mineral: string;
  sr: number;
  ir: number;
  hhiWgiSupply: number;
  hhiWgiSourcing: number;
  /** "Brazil 98%, Canada 2%": the largest suppliers with their share of the importer's imports. */
  suppliers: string;
  noImports: boolean;
}

/** The report's rows for the mineral on screen (every mineral over "all"), highest SR first, at most `limit`. */
export function perspectiveRows(report: PerspectiveReport, mineral: string, nameOf: (id: string) => string, limit = 8): PerspectiveRow[] {
  return report.risks
    .filter((r) => mineral === 'all' || r.mineral === mineral)
    .sort((a, b) => b.sr - a.sr || a.mineral.localeCompare(b.mineral))
    .slice(0, limit)
    .map((r) => ({
      mineral: r.mineral,
      sr: r.sr,
      ir: r.ir,
      hhiWgiSupply: r.hhiWgiSupply,
      hhiWgiSourcing: r.hhiWgiSourcing,
      suppliers: r.topSuppliers
        .slice(0, 3)
        .map((s) => `${nameOf(s.country)} ${Math.round(s.share * 100)}%`)
        .join(', '),
      noImports: r.noImports,
    }));
}
