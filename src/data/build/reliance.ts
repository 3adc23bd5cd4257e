// RELIES_ON links: the United States on each mineral per year 2021-2025e (USGS net import reliance with the salient
// statistics of the same series and the import sources), and China on the seed-000 minerals (paper's vintage).
import type { RelianceRecord } from '../../domain/model.ts';
import { MINERALS } from '../sources/minerals.ts';
import { SEED000_CITATION, SEED000_ROWS, SEED000_YEAR } from '../sources/seed000.ts';
import type { CountryIndex } from './countries.ts';
import { DatasetBuilder, RELIANCE_YEARS } from './context.ts';
import { parseNir, USA } from './consumers.ts';
import { parseSeed000 } from './minerals.ts';
import type { UsStatistics } from './us.ts';

/** Partner label -> key of `importSources`: ISO3, or OTH for the unattributed remainder. */
function importSources(countries: CountryIndex, us: UsStatistics, commodity: string, category: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { partner, share } of us.importShares(commodity, category)) {
    if (partner === 'Chile and Turkey') continue;
    const key = partner === 'other' ? 'OTH' : countries.resolve(partner, `${commodity} import sources`);
    out[key] = share;
  }
  return out;
}

export function addRelianceLinks(builder: DatasetBuilder, countries: CountryIndex, us: UsStatistics): number {
  let count = 0;
  for (const spec of MINERALS) {
    const profile = spec.us;
    if (!profile) continue;
    const series = us.nir(profile.nirRow);
    const sources = profile.importCategory ? importSources(countries, us, profile.commodity, profile.importCategory) : undefined;
    for (const year of RELIANCE_YEARS) {
      const raw = series.values[year] ?? '';
      if (raw.trim() === '') continue;
      const { nir, netExporter } = parseNir(raw);
      const tonnes = (rows: readonly string[]) => (rows.length ? us.tonnes(profile.commodity, rows, year) : null);
      const record: RelianceRecord = {
        type: 'RELIES_ON',
        from: USA,
        to: `mineral:${spec.slug}`,
        nir,
        nirRaw: raw,
        ...(netExporter ? { netExporter: true } : {}),
        production: tonnes(profile.production),
        imports: profile.importRule === 'nir-x-consumption' ? null : tonnes(profile.imports),
        exports: tonnes(profile.exports),
        apparentConsumption: profile.consumption ? tonnes([profile.consumption]) : null,
        ...(sources ? { importSources: sources, importPeriod: '2021-24' } : {}),
        basis: `USGS NIR series "${profile.nirRow}" (base: ${series.basis})${profile.note ? `; ${profile.note}` : ''}`,
        source: `${us.cite(profile.commodity, 'net import reliance and salient statistics')}${year === 2025 ? ' (2025 = USGS estimate 2025e)' : ''}`,
        year,
      };
      builder.addLink(record);
      count++;
    }
  }
  for (const row of SEED000_ROWS) {
    const entry = parseSeed000(row);
    if (entry.chinaNir === null) continue;
    const record: RelianceRecord = {
      type: 'RELIES_ON',
      from: 'country:CHN',
      to: `mineral:${entry.mineral}`,
      nir: entry.chinaNir,
      nirRaw: row.chinaNir!,
      basis: `seed 000 entry ${entry.entry} (${entry.entryEn}), China net import reliance`,
      source: `${SEED000_CITATION}, Table ${entry.table}`,
      year: SEED000_YEAR,
    };
    builder.addLink(record);
    count++;
  }
  return count;
}
