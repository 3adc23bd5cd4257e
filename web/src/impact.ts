// The what-if table: ImpactResult consumers -> sorted rows for the panel and the CSV download (RFC 4180), with each
// row's uncertainty range (p5-p95 of the API's Monte-Carlo draws; equal to the point when the inputs are published). Pure.
import type { ImpactResult } from '../../src/analysis/types.ts';
import type { ImpactSortKey } from './state.ts';

export interface ImpactRow {
  consumer: string;
  consumerName: string;
  mineral: string;
  tonnesBefore: number;
  tonnesLost: number;
  shareLost: number;
  remainingSuppliers: number;
  /** Lost-supply path with the most tonnes, as node ids. */
  mainPath: string[];
  /** [low, high] of shareLost and tonnesLost (the point value twice when the API sent no range). */
  shareLostRange: [number, number];
  tonnesLostRange: [number, number];
}

export function impactRows(result: ImpactResult, nameOf: (id: string) => string = (id) => id): ImpactRow[] {
  return result.consumers.map((c) => ({
    consumer: c.country,
    consumerName: nameOf(c.country),
    mineral: c.mineral,
    tonnesBefore: c.tonnesBefore,
    tonnesLost: c.tonnesLost,
    shareLost: c.shareLost,
    remainingSuppliers: c.remainingSuppliers.length,
    mainPath: c.paths[0]?.nodes ?? [],
    shareLostRange: c.shareLostRange ?? [c.shareLost, c.shareLost],
    tonnesLostRange: c.tonnesLostRange ?? [c.tonnesLost, c.tonnesLost],
  }));
}

/** Stable sort by one column; ties fall back to share lost (desc) then consumer and mineral, so order never flickers. */
export function sortImpactRows(rows: readonly ImpactRow[], key: ImpactSortKey, dir: 'asc' | 'desc'): ImpactRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const value = (r: ImpactRow): string | number => (key === 'consumer' ? r.consumerName : r[key]);
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const primary = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    if (primary !== 0) return sign * primary;
    return b.shareLost - a.shareLost || a.consumer.localeCompare(b.consumer) || a.mineral.localeCompare(b.mineral);
  });
}

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const IMPACT_CSV_HEADER = [
  'consumer_id',
  'consumer',
  'mineral',
  'tonnes_before',
  'tonnes_lost',
  'share_lost',
  'remaining_suppliers',
  'main_loss_path',
  'share_lost_low',
  'share_lost_high',
  'tonnes_lost_low',
  'tonnes_lost_high',
] as const;

/**
 * CSV of the table as shown (same rows, same order); share_lost is a fraction 0..1; the _low/_high columns are its
 * uncertainty range (p5-p95 of the Monte-Carlo draws).
 */
export function impactCsv(rows: readonly ImpactRow[]): string {
  const lines = [
    IMPACT_CSV_HEADER.join(','),
    ...rows.map((r) =>
      [
        r.consumer,
        r.consumerName,
        r.mineral,
        // Tonnes at the API's precision (1e-6 t): the CSV never shows float noise such as 10000.000000000002.
        Number(r.tonnesBefore.toFixed(6)),
        Number(r.tonnesLost.toFixed(6)),
        Number(r.shareLost.toFixed(6)),
        r.remainingSuppliers,
        r.mainPath.join(' > '),
        Number(r.shareLostRange[0].toFixed(6)),
        Number(r.shareLostRange[1].toFixed(6)),
        Number(r.tonnesLostRange[0].toFixed(3)),
        Number(r.tonnesLostRange[1].toFixed(3)),
      ]
        .map(csvField)
        .join(','),
    ),
  ];
  return lines.join('\r\n') + '\r\n';
}
