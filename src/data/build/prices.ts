// US annual prices from the USGS MCS 2026 salient statistics (2021-2025e), one series per mineral, for seed 003's
// market dynamics (eq. 2-3). The series is the first price row USGS lists for the commodity (its headline price:
// cobalt U.S. spot cathode, rare earths lanthanum oxide ...); every row's statistic and unit is kept on the record.
import type { MineralNode } from '../../domain/model.ts';
import { MINERALS } from '../sources/minerals.ts';
import { MCS } from './context.ts';
import { US_FILES } from './us.ts';
import { num, readCsv } from './util.ts';

export type PriceSeries = NonNullable<MineralNode['price']>;

/** Mineral slug -> its price series; minerals without a salient price row are absent. */
export async function loadPrices(sharedDir: string): Promise<Map<string, PriceSeries>> {
  const rows = await readCsv(sharedDir, US_FILES.salient);
  const out = new Map<string, PriceSeries>();
  for (const spec of MINERALS) {
    const commodity = spec.us?.commodity ?? spec.worldCommodity;
    if (!commodity) continue;
    const priceRows = rows.filter((r) => r.commodity === commodity && /^price/i.test(r.statistic!));
    if (!priceRows.length) continue;
    const statistic = priceRows[0]!.statistic!;
    const values: Record<string, number> = {};
    for (const r of priceRows.filter((x) => x.statistic === statistic)) {
      const v = num(r.value, `${US_FILES.salient} (${commodity}, ${statistic}, ${r.year})`);
      if (v !== undefined) values[String(r.year).replace(/e$/, '')] = v;
    }
    if (Object.keys(values).length < 2) continue;
    out.set(spec.slug, {
      statistic,
      unit: priceRows[0]!.unit!,
      values,
      source: `${MCS}, ${commodity}: United States salient statistics, "${statistic}" (2025 = USGS estimate 2025e), ${priceRows[0]!.source_pdf}`,
    });
  }
  return out;
}
