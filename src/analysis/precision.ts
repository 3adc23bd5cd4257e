// The precision tonnes are reported at: 1e-6 t (1 g), the dataset build's rounding (src/data/build/util.ts round()).
// Sums of flows in float arithmetic carry noise below it (0.1 + 0.2 = 0.30000000000000004; 10000.000000000002):
// results round their tonnes here once, where they leave the analysis, never inside the propagation.
import type { ImpactResult } from './types.ts';

export const TONNES_DECIMALS = 6;
const SCALE = 10 ** TONNES_DECIMALS;

/** Tonnes at the reported precision; non-finite values and null pass through unchanged. */
export function roundTonnes<T extends number | null | undefined>(value: T): T {
  return (typeof value === 'number' && Number.isFinite(value) ? Math.round(value * SCALE) / SCALE : value) as T;
}

/** MineralImpact fields in tonnes: tonnes*, *Tonnes*, production{Before,Lost}, (published)worldProduction. */
const TONNES_FIELDS = /tonnes|^productionBefore$|^productionLost$|worldProduction$/i;

/** Rounds every tonnes figure of an impact result in place (minerals, consumers, loss paths) and returns it. */
export function roundImpactTonnes(result: ImpactResult): ImpactResult {
  for (const m of result.minerals) {
    for (const key of Object.keys(m) as Array<keyof typeof m>) {
      if (TONNES_FIELDS.test(key))
        (m as unknown as Record<string, unknown>)[key] = roundTonnes(m[key] as number | null | undefined);
    }
  }
  for (const c of result.consumers) {
    c.tonnesBefore = roundTonnes(c.tonnesBefore);
    c.tonnesLost = roundTonnes(c.tonnesLost);
    for (const p of c.paths) if (c.basis !== 'import-shares') p.tonnes = roundTonnes(p.tonnes);
  }
  return result;
}
