// Consumer flows: final-stage producers -> country:USA (USGS import sources x US imports, plus US domestic supply),
// partners that ship more than they produce as intermediaries fed by the other producers, the unattributed rest of
// US imports from the unnamed producers, and -> country:ROW (each producer's output minus what it sends to the US,
// DOMAIN.md) after the BACI trade step (trade.ts) has placed what it can, so that the consuming countries receive
// exactly the world's final-stage output.
import type { CountryNode, FacilityNode, FlowRecord } from '../../domain/model.ts';
import { MINERALS, type MineralSpec } from '../sources/minerals.ts';
import type { CountryIndex } from './countries.ts';
import { DatasetBuilder, FLOW_YEARS, MCS2026_FIRST_YEAR } from './context.ts';
import { figureSource, listedInYear, type WorldTable } from './producers.ts';
import type { UsStatistics } from './us.ts';
import { round } from './util.ts';

export const USA = 'country:USA';
export const ROW = 'country:ROW';

export const ROW_RULE =
  "rest of world = the residual the data cannot place: the producer's output minus what it sends to the United States (USGS) and to BACI trade partners and home (trade.ts), floored at 0; it holds 'Other countries' output, minerals without a BACI code, and output a traded form downstream of the stage cannot place (graph/data/README.md, Trade)";

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
    source: 'Chokepoint model: aggregate consumer holding the final supply that neither the USGS US figures nor CEPII BACI trade can place on a named country (DOMAIN.md, "Consumers")',
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
  placeTrade?: (spec: MineralSpec, producers: FacilityNode[]) => void,
): void {
  for (const spec of MINERALS) {
    const producers = finalProducers(spec.slug, tables, refiners);
    if (spec.us?.importCategory) addUsFlows(builder, countries, spec, producers, us, ensureCountry);
    // Named consumers (trade.ts): exports to BACI partners and apparent consumption at home, before ROW takes the rest.
    placeTrade?.(spec, producers);
    // ROW last: it takes what the US flows (direct, through intermediaries, unattributed) leave. A final-stage
    // producer's out-flows all come from this step, so they are exactly what it sends towards the US.
    for (const producer of [...producers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      for (const year of FLOW_YEARS) {
        const output = producer.output?.[String(year)];
        if (output === undefined || output <= 0) continue;
        const sent = builder.flowsFrom(producer.id, year).filter((f) => f.mineral === spec.slug);
        const rest = round(output - sent.reduce((sum, f) => sum + (f.tonnes ?? 0), 0));
        if (rest <= 0) continue;
        builder.addFlow({
          from: producer.id,
          to: ROW,
          mineral: spec.slug,
          stage: producer.stage!,
          tonnes: rest,
          share: round(rest / output),
          year,
          source: `${figureSource(producer, year)}; US flows as in this dataset`,
          estimated: true,
          rule: ROW_RULE,
        });
      }
    }
  }
}

/** A producer that can still supply: its output of the year (the weight) and what it has left (the cap). */
export interface Supplier {
  id: string;
  output: number;
  left: number;
}

/**
 * Splits `demand` tonnes across suppliers in proportion to their output, none above what it has left
 * (water-filling: a capped supplier gives all it has left and the rest is re-split among the others).
 * O(k^2) for k suppliers. Returns the tonnes per supplier id (rounded) and the part no supplier could give.
 */
export function allocateByOutput(demand: number, suppliers: readonly Supplier[]): { tonnes: Map<string, number>; shortfall: number } {
  const tonnes = new Map<string, number>();
  let active = suppliers.filter((s) => s.output > 0 && s.left > 0);
  let rest = demand;
  while (rest > 1e-9 && active.length) {
    const weight = active.reduce((sum, s) => sum + s.output, 0);
    const capped = active.filter((s) => (rest * s.output) / weight >= s.left);
    if (!capped.length) {
      // The rounding residue goes to the largest part, so the parts add up to the demand exactly.
      const parts = active.map((s) => ({ id: s.id, t: round((rest * s.output) / weight) }));
      const largest = parts.reduce((a, b) => (b.t > a.t ? b : a));
      largest.t = round(largest.t + (rest - parts.reduce((sum, p) => sum + p.t, 0)));
      for (const p of parts) tonnes.set(p.id, p.t);
      rest = 0;
      break;
    }
    for (const s of capped) {
      tonnes.set(s.id, round(s.left));
      rest -= s.left;
    }
    active = active.filter((s) => !capped.includes(s));
  }
  return { tonnes, shortfall: round(Math.max(0, rest)) };
}

/** A partner whose US shipments exceed its own output: the excess is sourced from the other producers. */
interface Intermediary {
  partner: string;
  iso3: string;
  share: number;
  excess: number;
  /** The partner's own final-stage output of the year, when it has a producer node. */
  own: number | null;
  rule: string;
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
    const key = String(year);
    const { imports, basis } = usImports(spec, us, year);
    // What each final-stage producer has left after the flows added so far (direct US shipments first).
    const left = new Map<string, number>();
    for (const p of producers) {
      const output = p.output?.[key];
      if (output !== undefined && output > 0) left.set(p.id, output);
    }
    // With no output figure for the year anywhere (platinum 2024), no world supply is known to draw from.
    const supplyKnown = left.size > 0;
    // Years before MCS 2026's exist only where an MCS 2022-2024 edition gives the mineral's production (2020: 12
    // commodities): without it there is no supply to build US flows from.
    if (!supplyKnown && year < MCS2026_FIRST_YEAR) continue;
    const named = new Set<string>();
    const unattributed: string[] = [];
    let namedShare = 0;
    const intermediaries: Intermediary[] = [];
    const common = { to: USA, mineral: spec.slug, year, source, estimated: true as const };

    for (const { partner, share } of shares) {
      if (UNATTRIBUTED.has(partner)) {
        unattributed.push(partner === 'other' ? `'other' ${pct(share)}` : `"${partner}" ${pct(share)} (a merged entry)`);
        continue;
      }
      const iso3 = countries.resolve(partner, `${profile.commodity} import sources`);
      named.add(iso3);
      namedShare += share;
      const listed = byCountry.get(iso3);
      // A producer node counts for the year only if USGS lists the country that year (nodes of countries that appear
      // only in an older edition are not the partner's producer in 2024).
      const producer = listed && listedInYear(listed, year) ? listed : undefined;
      const tonnes = imports === null ? null : round(share * imports);
      if (tonnes === 0) continue;
      const rule =
        tonnes === null
          ? `tonnes unknown for ${year}: ${basis}; importShare = the partner's published share of US imports, 2021-24`
          : `tonnes = ${pct(share)} (${partner}'s share of US imports, USGS import sources 2021-24, "${category}") x ${basis}`;
      const output = producer?.output?.[key];
      // A partner may ship more than it produces (re-exports, processing of material produced elsewhere): its
      // producer carries at most its output, and the excess passes through the partner country as intermediary.
      const fromProducer = producer && tonnes !== null && output !== undefined ? Math.min(tonnes, output) : tonnes;
      const excess = tonnes === null ? null : producer ? (output !== undefined ? round(tonnes - output) : 0) : tonnes;
      if (producer && fromProducer !== 0) {
        builder.addFlow({
          from: producer.id,
          stage: producer.stage!,
          tonnes: fromProducer,
          share: fromProducer !== null && output ? round(fromProducer / output) : null,
          importShare: share,
          ...common,
          rule: excess !== null && excess > 0 ? `${rule}; capped at ${partner}'s output ${output} t, the excess ${excess} t passes through country:${iso3} as intermediary` : rule,
        });
        if (fromProducer !== null && left.has(producer.id)) left.set(producer.id, round(left.get(producer.id)! - fromProducer));
      }
      if (excess === null || !supplyKnown) {
        // Tonnes unknown (another basis) or no world supply known for the year: nothing to draw from, so a partner
        // without a producer node keeps a plain trade flow (its producer's flow, if any, already carries it all).
        if (producer) continue;
        ensureCountry(iso3);
        builder.addFlow({ from: `country:${iso3}`, stage: 'trade', tonnes, share: null, importShare: share, ...common, rule });
      } else if (excess > 0) {
        intermediaries.push({ partner, iso3, share, excess, own: producer ? output ?? null : null, rule });
      }
    }
    const domestic = addDomesticFlow(builder, spec, byCountry.get('USA'), us, year);
    if (domestic !== null) left.set(byCountry.get('USA')!.id, round(left.get(byCountry.get('USA')!.id)! - domestic));

    const supplier = (p: FacilityNode): Supplier => ({ id: p.id, output: p.output?.[key] ?? 0, left: left.get(p.id) ?? 0 });
    const take = (tonnes: Map<string, number>) => {
      for (const [id, t] of tonnes) left.set(id, round(left.get(id)! - t));
    };
    const world = round(producers.reduce((sum, p) => sum + (p.output?.[key] ?? 0), 0));

    for (const q of intermediaries) {
      // US imports are material produced outside the US; the partner's own output is already used up.
      const pool = producers.filter((p) => p.country !== q.iso3 && p.country !== 'USA').map(supplier);
      const { tonnes, shortfall } = allocateByOutput(q.excess, pool);
      take(tonnes);
      const poolOutput = round(pool.reduce((sum, s) => sum + s.output, 0));
      const why =
        q.own === null
          ? `${q.partner} has no ${spec.name.toLowerCase()} output in the USGS world table`
          : `${q.partner}'s own output (${q.own} t) falls short by ${q.excess} t`;
      ensureCountry(q.iso3);
      let through = 0;
      for (const p of producers) {
        const t = tonnes.get(p.id);
        if (t === undefined || t <= 0) continue;
        through += t;
        const output = p.output![key]!;
        builder.addFlow({
          from: p.id,
          to: `country:${q.iso3}`,
          mineral: spec.slug,
          stage: p.stage!,
          tonnes: t,
          share: round(t / output),
          year,
          source: `${figureSource(p, year)}; ${source}`,
          estimated: true,
          rule:
            `${q.partner} as intermediary (trader/processor) of US imports: ${why}, so ${q.excess} t of its US shipments (${q.rule}) ` +
            `are material produced elsewhere, allocated to the final-stage producers outside ${q.partner} and the United States in ` +
            `proportion to their ${year} output (this producer ${output} t of ${poolOutput} t), none above the output it has left after its direct US shipments`,
        });
      }
      through = round(through);
      builder.addFlow({
        from: `country:${q.iso3}`,
        stage: 'trade',
        tonnes: through,
        share: null,
        importShare: q.share,
        ...common,
        rule:
          `${q.rule}; ${q.own === null ? '' : `minus the ${q.own} t ${q.partner} ships from its own output; `}` +
          `${q.partner} passes on material produced elsewhere: the sum of its estimated inflows from the other producers` +
          (shortfall > 0 ? `; ${shortfall} t could not be sourced from the output the producers have left and is not modelled` : ''),
      });
    }

    // The unattributed remainder: 'other', merged entries and shares the source does not list (indium sums to 78%).
    const rest = round(1 - namedShare);
    if (imports === null || !supplyKnown || rest <= 0) continue;
    const unlisted = round(rest - shares.filter((s) => UNATTRIBUTED.has(s.partner)).reduce((sum, s) => sum + s.share, 0));
    if (unlisted > 0) unattributed.push(`${pct(unlisted)} not listed by the source`);
    const demand = round(rest * imports);
    const label = `US imports from unnamed partners (${unattributed.join(', ')}; together ${pct(rest)}) = ${pct(rest)} x ${basis} = ${demand} t`;
    const pool = producers.filter((p) => !named.has(p.country) && p.country !== 'USA').map(supplier);
    const first = allocateByOutput(demand, pool);
    take(first.tonnes);
    const poolOutput = round(pool.reduce((sum, s) => sum + s.output, 0));
    for (const p of producers) {
      const t = first.tonnes.get(p.id);
      if (t === undefined || t <= 0) continue;
      const output = p.output![key]!;
      builder.addFlow({
        from: p.id,
        stage: p.stage!,
        tonnes: t,
        share: round(t / output),
        ...common,
        rule:
          `${label}, allocated to the final-stage producers that are neither named import sources nor the United States in proportion to their ${year} output ` +
          `(this producer ${output} t of ${poolOutput} t; world ${world} t), none above the output it has left`,
      });
    }
    if (first.shortfall <= 0) continue;
    // No unnamed producer has output left (graphite: China refines it all): the rest can only come from the named
    // partners' producers, so it is added to their direct flows, in proportion to their output.
    const fallback = producers.filter((p) => p.country !== 'USA').map(supplier);
    const second = allocateByOutput(first.shortfall, fallback);
    take(second.tonnes);
    const fallbackOutput = round(fallback.reduce((sum, s) => sum + s.output, 0));
    for (const p of producers) {
      const t = second.tonnes.get(p.id);
      if (t === undefined || t <= 0) continue;
      const output = p.output![key]!;
      const note =
        `${t} t of the ${label}: ${first.shortfall} t of it cannot come from producers that are not named import sources (none has output left), ` +
        `so it is allocated to the other producers outside the United States in proportion to their ${year} output (this producer ${output} t of ${fallbackOutput} t)` +
        (second.shortfall > 0 ? `; ${second.shortfall} t could not be sourced and is not modelled` : '');
      const existing = builder.flows.get(`${p.id}>${USA}:${spec.slug}:${year}`);
      if (existing) {
        existing.tonnes = round((existing.tonnes ?? 0) + t);
        existing.share = round(existing.tonnes / output);
        existing.rule = `${existing.rule}; plus ${note}`;
      } else {
        builder.addFlow({ from: p.id, stage: p.stage!, tonnes: t, share: round(t / output), ...common, rule: note });
      }
    }
  }
}

const pct = (share: number): string => `${round(share * 100)}%`;

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

/** US producer -> country:USA: production (the world-table US row) minus exports, when both are published; returns its tonnes. */
function addDomesticFlow(builder: DatasetBuilder, spec: MineralSpec, producer: FacilityNode | undefined, us: UsStatistics, year: number): number | null {
  const profile = spec.us!;
  if (!producer || profile.importRule === 'share-only') return null;
  const output = producer.output?.[String(year)];
  if (output === undefined || output <= 0) return null;
  const exportRows = profile.domesticExports ?? profile.exports;
  const exports = us.tonnes(profile.commodity, exportRows, year);
  if (exports === null) return null;
  const tonnes = round(Math.max(0, output - exports));
  if (tonnes <= 0) return null;
  const flow: Omit<FlowRecord, 'id'> = {
    from: producer.id,
    to: USA,
    mineral: spec.slug,
    stage: producer.stage!,
    tonnes,
    share: round(tonnes / output),
    year,
    source: `${figureSource(producer, year)}; ${us.cite(profile.commodity, 'salient statistics (exports)')}`,
    estimated: true,
    rule: `US domestic supply = US production ${output} t (USGS world table) - US exports ${exports} t (${exportRows.map((s) => `"${s}"`).join(' + ')}), floored at 0`,
  };
  builder.addFlow(flow);
  return tonnes;
}
