// The precision figures are reported at: tonnes at 1e-6 t (1 g), the dataset build's rounding (src/data/build/util.ts
// round()); shares (0..1) at 1e-12; HHIs (0..10,000) at 1e-9. Sums of flows in float arithmetic carry noise below these
// (0.1 + 0.2 = 0.30000000000000004; 10000.000000000002; a share of 0.1000000000000002): results round their figures
// here once, where they leave the analysis, never inside the propagation.
import type { ImpactResult } from './types.ts';

export const TONNES_DECIMALS = 6;
export const SHARE_DECIMALS = 12;
export const HHI_DECIMALS = 9;

type Figure = number | null | undefined | readonly number[];

function rounder(decimals: number) {
  const scale = 10 ** decimals;
  const one = (v: number) => (Number.isFinite(v) ? Math.round(v * scale) / scale : v);
  return <T extends Figure>(value: T): T =>
    (typeof value === 'number' ? one(value) : Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'number' ? one(v) : v)) : value) as T;
}

/** Tonnes (or a [low, high] range of them) at the reported precision; non-finite values and null pass through. */
export const roundTonnes = rounder(TONNES_DECIMALS);
/** A share 0..1 (or a range) at 1e-12. */
export const roundShare = rounder(SHARE_DECIMALS);
/** An HHI 0..10,000 at 1e-9. */
export const roundHhi = rounder(HHI_DECIMALS);

/** MineralImpact fields in tonnes: tonnes*, *Tonnes*, production{Before,Lost}, (published)worldProduction. */
const TONNES_FIELDS = /tonnes|^productionBefore$|^productionLost$|worldProduction$/i;
const SHARE_FIELDS = /share/i;
const HHI_FIELDS = /hhi/i;

/** Rounds each figure of a flat row by its field name (tonnes, share, HHI; ranges included), in place. */
export function roundFigures<T extends object>(row: T): T {
  const r = row as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    const v = r[key] as Figure;
    if (typeof v !== 'number' && !Array.isArray(v)) continue;
    if (TONNES_FIELDS.test(key)) r[key] = roundTonnes(v);
    else if (HHI_FIELDS.test(key)) r[key] = roundHhi(v);
    else if (SHARE_FIELDS.test(key)) r[key] = roundShare(v);
  }
  return row;
}

/** Rounds every figure of an impact result in place (minerals, consumers, loss paths, by-products) and returns it. */
export function roundImpactTonnes(result: ImpactResult): ImpactResult {
  for (const m of result.minerals) roundFigures(m);
  for (const c of result.consumers) {
    roundFigures(c);
    const pathFigure = c.basis === 'import-shares' ? roundShare : roundTonnes;
    for (const p of c.paths) p.tonnes = pathFigure(p.tonnes);
  }
  for (const b of result.byProducts ?? []) {
    roundFigures(b);
    for (const v of b.via) roundFigures(v);
    for (const c of b.consumers) roundFigures(c);
  }
  return result;
}
