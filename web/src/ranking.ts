// Chokepoint rows for the panel: a mineral's own ranking as the API orders it, or, over all minerals, the top
// chokepoint of each market (mineral and stage) ordered by the share of world supply its removal takes away. O(n log n).
import type { ChokepointRow } from '../../src/analysis/types.ts';

/** The first-ranked row of each (mineral, stage), most damaging first; ties by mineral name. */
export function topPerMarket(rows: readonly ChokepointRow[], limit = 25): ChokepointRow[] {
  const best = new Map<string, ChokepointRow>();
  for (const row of rows) {
    const key = `${row.mineral}|${row.stage}`;
    const current = best.get(key);
    if (!current || row.rank < current.rank) best.set(key, row);
  }
  return [...best.values()]
    .sort((a, b) => b.impactShare - a.impactShare || a.mineral.localeCompare(b.mineral) || a.stage.localeCompare(b.stage))
    .slice(0, limit);
}

/** A producer's name for a narrow table: aggregates drop the "(aggregate)" note the details panel explains. */
export function shortName(name: string): string {
  return name.replace(/\s*\(aggregate\)\s*$/i, '').trim();
}

/**
 * The market concentration (HHI, 0..10,000) of each stage in a mineral's ranking: one figure per market, the same on
 * every row of it, so the panel shows it once in its header. Stages in the order they first appear.
 */
export function marketHhi(rows: readonly { stage: string; hhi: number | null }[]): Array<{ stage: string; hhi: number }> {
  const seen = new Map<string, number>();
  // hhi is null for a market with no production figures: nothing to say about it.
  for (const r of rows) if (!seen.has(r.stage) && typeof r.hhi === 'number' && Number.isFinite(r.hhi)) seen.set(r.stage, r.hhi);
  return [...seen].map(([stage, hhi]) => ({ stage, hhi }));
}

/** Seed 000 flags a market with HHI above 5,000 as highly concentrated. */
export const HIGH_HHI = 5_000;
