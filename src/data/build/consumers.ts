// Consumer flows: final-stage producers -> country:USA (USGS import sources x US imports, plus US domestic supply)
// and -> country:ROW (the rest of world: each producer's output minus what it sends to the US, DOMAIN.md).
import type { CountryNode, FacilityNode, FlowRecord } from '../../domain/model.ts';
import { MINERALS, type MineralSpec } from '../sources/minerals.ts';
import type { CountryIndex } from './countries.ts';
import { DatasetBuilder, FLOW_YEARS } from './context.ts';
import type { WorldTable } from './producers.ts';
import type { UsStatistics } from './us.ts';
import { round } from './util.ts';

export const USA = 'country:USA';
export const ROW = 'country:ROW';

export const ROW_RULE =
  "rest of world = the producer's output minus what it sends to the United States, floored at 0 (DOMAIN.md: world supply minus what reaches the US; China's consumption is not published in our sources, so it is part of ROW)";

/** Partner labels of the import-source file that name no single country. */
const UNATTRIBUTED = new Set(['other', 'Chile and Turkey']);

/** Parses a USGS NIR string: "73" -> 0.73, ">95" -> 0.95 (a bound), "E" / "NA" / "" -> null. */
export function parseNir(raw: string): { nir: number | null; netExporter: boolean } {
  const t = raw.trim();
  if (t === 'E') return { nir: null, netExporter: true };
  const match = /^[<>]?(\d+(?:\.\d+)?)$/.exec(t);
  return { nir: match ? round(Number(match[1]) / 100) : null, netExporter: false };
}

export function rowNode(): CountryNode {
  return {
    id: ROW,
    kind: 'country',
    name: 'Rest of world',
    iso3: 'ROW',
    aggregate: true,
    source: 'Chokepoint model: aggregate consumer standing for every country whose consumption our sources do not publish (DOMAIN.md, "Consumers")',
    year: 2025,
    estimated: true,
    rule: ROW_RULE,
  };
}

/** The producers whose output reaches consumers: seed-002 refiners where modelled, else the world-table aggregates. */
export function finalProducers(slug: string, tables: Map<string, WorldTable>, refiners: Map<string, FacilityNode[]>): FacilityNode[] {
  return refiners.get(slug) ?? [...(tables.get(slug)?.aggregates.values() ?? [])];
}

export function addConsumerFlows(
  builder: DatasetBuilder,
  countries: CountryIndex,
  tables: Map<string, WorldTable>,
  refiners: Map<string, FacilityNode[]>,
  us: UsStatistics,
  ensureCountry: (iso3: string) => void,
): void {
  for (const spec of MINERALS) {
    const producers = finalProducers(spec.slug, tables, refiners);
    if (spec.us?.importCategory) addUsFlows(builder, countries, spec, producers, us, ensureCountry);
    // ROW last: it takes what the US flows leave.
    for (const producer of [...producers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      for (const year of FLOW_YEARS) {
        const output = producer.output?.[String(year)];
        if (output === undefined || output <= 0) continue;
        const toUs = builder.flowsFrom(producer.id, year).filter((f) => f.to === USA && f.mineral === spec.slug);
        const rest = round(output - toUs.reduce((sum, f) => sum + (f.tonnes ?? 0), 0));
        if (rest <= 0) continue;
        builder.addFlow({
          from: producer.id,
          to: ROW,
          mineral: spec.slug,
          stage: producer.stage!,
          tonnes: rest,
          share: round(rest / output),
          year,
          source: `${producer.source}; US flows as in this dataset`,
          estimated: true,
          rule: ROW_RULE,
        });
      }
    }
  }
}

function addUsFlows(
  builder: DatasetBuilder,
  countries: CountryIndex,
  spec: MineralSpec,
  producers: FacilityNode[],
  us: UsStatistics,
  ensureCountry: (iso3: string) => void,
): void {
  const profile = spec.us!;
  const category = profile.importCategory!;
  const shares = us.importShares(profile.commodity, category);
  const byCountry = new Map(producers.map((p) => [p.country, p]));
  const source = us.cite(profile.commodity, `import sources 2021-24 ("${category}") and salient statistics`);

  for (const year of FLOW_YEARS) {
    const { imports, basis } = usImports(spec, us, year);
    for (const { partner, share } of shares) {
      if (UNATTRIBUTED.has(partner)) continue;
      const iso3 = countries.resolve(partner, `${profile.commodity} import sources`);
      const producer = byCountry.get(iso3);
      const tonnes = imports === null ? null : round(share * imports);
      if (tonnes === 0) continue;
      const pct = `${round(share * 100)}%`;
      const rule =
        tonnes === null
          ? `tonnes unknown for ${year}: ${basis}; importShare = the partner's published share of US imports, 2021-24`
          : `tonnes = ${pct} (${partner}'s share of US imports, USGS import sources 2021-24, "${category}") x ${basis}`;
      const output = producer?.output?.[String(year)];
      const common = { to: USA, mineral: spec.slug, importShare: share, year, source, estimated: true as const };
      // A partner may ship more than it produces (re-exports, processing of ore mined elsewhere): its producer
      // carries at most its output, the excess travels as country-to-country trade.
      const fromProducer = producer && tonnes !== null && output !== undefined ? Math.min(tonnes, output) : tonnes;
      const excess = producer && tonnes !== null && output !== undefined ? round(tonnes - output) : 0;
      if (producer && fromProducer !== 0) {
        builder.addFlow({
          from: producer.id,
          stage: producer.stage!,
          tonnes: fromProducer,
          share: fromProducer !== null && output ? round(fromProducer / output) : null,
          ...common,
          rule: excess > 0 ? `${rule}; capped at ${partner}'s output ${output} t, the excess ${excess} t travels as trade` : rule,
        });
      }
      if (!producer || excess > 0) {
        ensureCountry(iso3);
        builder.addFlow({
          from: `country:${iso3}`,
          stage: 'trade',
          tonnes: producer ? excess : tonnes,
          share: null,
          ...common,
          rule: producer
            ? `${rule}; the part beyond ${partner}'s own output (${output} t) is trade: re-export or processing of material mined elsewhere`
            : rule,
        });
      }
    }
    addDomesticFlow(builder, spec, byCountry.get('USA'), us, year);
  }
}

/** US imports of a year in the world table's basis, and the text saying which figure it is. */
function usImports(spec: MineralSpec, us: UsStatistics, year: number): { imports: number | null; basis: string } {
  const profile = spec.us!;
  if (profile.importRule === 'share-only') return { imports: null, basis: profile.note ?? 'US imports are published in another basis than the world table' };
  if (profile.importRule === 'nir-x-consumption') {
    const raw = us.nir(profile.nirRow).values[year] ?? '';
    const { nir } = parseNir(raw);
    const consumption = profile.consumption ? us.tonnes(profile.commodity, [profile.consumption], year) : null;
    if (nir === null || consumption === null) return { imports: null, basis: `US net imports not computable for ${year} (NIR "${raw}")` };
    return {
      imports: round(nir * consumption),
      basis: `US net imports ${year} = NIR ${raw}% x "${profile.consumption}" ${consumption} t (${profile.note ?? ''})`,
    };
  }
  const imports = us.tonnes(profile.commodity, profile.imports, year);
  if (imports === null) return { imports: null, basis: `US imports for consumption not published for ${year} (${profile.imports.join(' + ')})` };
  return { imports, basis: `US imports for consumption ${year} = ${imports} t (${profile.imports.map((s) => `"${s}"`).join(' + ')})` };
}

/** US producer -> country:USA: production (the world-table US row) minus exports, when both are published. */
function addDomesticFlow(builder: DatasetBuilder, spec: MineralSpec, producer: FacilityNode | undefined, us: UsStatistics, year: number): void {
  const profile = spec.us!;
  if (!producer || profile.importRule === 'share-only') return;
  const output = producer.output?.[String(year)];
  if (output === undefined || output <= 0) return;
  const exportRows = profile.domesticExports ?? profile.exports;
  const exports = us.tonnes(profile.commodity, exportRows, year);
  if (exports === null) return;
  const tonnes = round(Math.max(0, output - exports));
  if (tonnes <= 0) return;
  const flow: Omit<FlowRecord, 'id'> = {
    from: producer.id,
    to: USA,
    mineral: spec.slug,
    stage: producer.stage!,
    tonnes,
    share: round(tonnes / output),
    year,
    source: `${producer.source}; ${us.cite(profile.commodity, 'salient statistics (exports)')}`,
    estimated: true,
    rule: `US domestic supply = US production ${output} t (USGS world table) - US exports ${exports} t (${exportRows.map((s) => `"${s}"`).join(' + ')}), floored at 0`,
  };
  builder.addFlow(flow);
}
