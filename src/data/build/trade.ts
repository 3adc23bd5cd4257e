// Trade flows and named consumers from CEPII BACI (src/data/sources/baci.ts): each final-stage producer's output
// that the US flows leave is split between its export partners (the year's BACI partner shares: by tonnes in 2024,
// the year with quantities; by value in 2020-2023, converted to tonnes at 2024 unit values; 2025 carries 2024
// forward; exports capped at the output) and its own country (apparent consumption = production + imports -
// exports); countries that export more than they produce pass imported material on (re-export hubs) as country ->
// country trade flows. What the data cannot place (no trade code, "Other countries", a traded form downstream of the
// world table's stage) is left to country:ROW by consumers.ts. graph/data/README.md ("Trade") states the rules in
// full; records carry short ones.
import type { FacilityNode, FlowRecord } from '../../domain/model.ts';
import { BACI_QUANTITY_YEAR, baciMappingFor, baciSource, type BaciMapping, type BaciRow, type BaciYear } from '../sources/baci.ts';
import type { MineralSpec } from '../sources/minerals.ts';
import { DatasetBuilder, FLOW_YEARS } from './context.ts';
import type { PriceSeries } from './prices.ts';
import { round } from './util.ts';
import { figureSource } from './producers.ts';

/** Countries whose USGS import figures (import sources x imports) are kept instead of BACI's. */
const USGS_IMPORTERS = new Set(['USA']);

/** Short rule codes on the records; graph/data/README.md "Trade" gives each in full. */
export const TRADE_RULES = {
  export: 'trade/export',
  home: 'trade/home',
  reexport: 'trade/re-export',
  /** Tonnes of a value-only BACI year: value x the exporter's 2024 tonnes per USD x the USGS price ratio 2024/year. */
  valueTonnes: 'trade/value-t',
} as const;

interface Partner {
  iso3: string;
  /**
   * Weight of the partner: BACI 2024 tonnes in the mineral's unit where the mapping converts them, else gross product
   * tonnes; in a value-only year, the year's value converted at the exporter's 2024 unit value (valueYearExporters).
   */
  weight: number;
  valueUsd: number;
  productTonnes: number | null;
}

interface Exporter {
  iso3: string;
  partners: Partner[];
  /** Sum of the partner weights (exports, in the weight's unit), small partners included. */
  total: number;
  /** Sum of the weights of the partners kept (those with at least MIN_PARTNER_SHARE): the base of the shares. */
  shareBase: number;
  /** In a value-only year: how its value became tonnes (the short rule text trade/value-t). */
  conversion?: string;
}

/**
 * Partners taking less than this part of an exporter's exports get no flow of their own: the shares are renormalised
 * over the others (the exported tonnes are unchanged). Below the precision of an extract cut to the top 6 partners, and
 * without it the flows of 2020-2025 would not fit the dataset's size budget. Stated on the records ("partners >= 0.1%").
 */
export const MIN_PARTNER_SHARE = 0.001;

const pct = (share: number): string => `${Number((share * 100).toFixed(3))}%`;
/** A figure quoted in a rule text: 7 significant digits (the record's own fields keep full precision). */
const fig = (x: number): number => Number(x.toPrecision(7));

/** Keeps the partners with at least MIN_PARTNER_SHARE of the exports and sorts them; drops exporters left with none. */
function keepMainPartners(exporters: Map<string, Exporter>): Map<string, Exporter> {
  for (const [iso3, e] of exporters) {
    e.partners = e.partners.filter((p) => p.weight >= MIN_PARTNER_SHARE * e.total).sort((a, b) => (a.iso3 < b.iso3 ? -1 : 1));
    e.shareBase = e.partners.reduce((sum, p) => sum + p.weight, 0);
    if (!e.partners.length || !(e.shareBase > 0)) exporters.delete(iso3);
  }
  return exporters;
}

/** Splits `total` over the partners by weight, rounded, the rounding residue on the largest part (parts sum to total). */
export function splitByWeight(total: number, partners: readonly Partner[], sum: number): number[] {
  const parts = partners.map((p) => round((total * p.weight) / sum));
  if (!parts.length) return parts;
  let largest = 0;
  for (let i = 1; i < parts.length; i++) if (parts[i]! > parts[largest]!) largest = i;
  parts[largest] = round(parts[largest]! + (round(total) - parts.reduce((a, b) => a + b, 0)));
  return parts;
}

/** Groups one mineral's BACI rows by exporter, dropping flows into the USGS importers (their figures are kept). */
export function exportersOf(rows: readonly BaciRow[]): Map<string, Exporter> {
  const out = new Map<string, Exporter>();
  for (const r of rows) {
    if (USGS_IMPORTERS.has(r.importer) || r.exporter === r.importer) continue;
    const weight = r.tonnes ?? r.productTonnes;
    if (weight === null || !(weight > 0)) continue;
    let e = out.get(r.exporter);
    if (!e) out.set(r.exporter, (e = { iso3: r.exporter, partners: [], total: 0, shareBase: 0 }));
    e.partners.push({ iso3: r.importer, weight, valueUsd: r.valueUsd, productTonnes: r.productTonnes });
    e.total += weight;
  }
  return keepMainPartners(out);
}

/**
 * The exporters of a value-only BACI year (2020-2023). Partner weights are the year's values converted to tonnes at
 * the exporter's own 2024 unit value (its 2024 weight / its 2024 value; the product's world 2024 unit value when the
 * exporter has no 2024 tonnes) times the USGS price ratio 2024/year (`prices`, none for 2020: not adjusted). Within an
 * exporter the weights are therefore in proportion to value: partner shares by value, as issue 12 asks.
 */
export function valueYearExporters(rows: readonly BaciRow[], quantityRows: readonly BaciRow[], price: PriceSeries | undefined): Map<string, Exporter> {
  const perUsd = new Map<string, { tonnes: number; usd: number }>();
  let worldTonnes = 0;
  let worldUsd = 0;
  for (const r of quantityRows) {
    const weight = r.tonnes ?? r.productTonnes;
    if (weight === null || !(weight > 0) || !(r.valueUsd > 0) || r.exporter === r.importer) continue;
    const e = perUsd.get(r.exporter) ?? perUsd.set(r.exporter, { tonnes: 0, usd: 0 }).get(r.exporter)!;
    e.tonnes += weight;
    e.usd += r.valueUsd;
    worldTonnes += weight;
    worldUsd += r.valueUsd;
  }
  const year = rows[0]?.year;
  const p24 = price?.values[String(BACI_QUANTITY_YEAR)];
  const pYear = year === undefined ? undefined : price?.values[String(year)];
  const ratio = p24 && pYear ? p24 / pYear : 1;
  const priceText = p24 && pYear ? `x USGS price ${BACI_QUANTITY_YEAR}/${year} ${fig(ratio)}` : `(no USGS price for ${year})`;
  const out = new Map<string, Exporter>();
  /** Exporter -> tonnes per USD of the year (its 2024 unit value x the price ratio). */
  const factor = new Map<string, number>();
  for (const r of rows) {
    if (USGS_IMPORTERS.has(r.importer) || r.exporter === r.importer || !(r.valueUsd > 0)) continue;
    let e = out.get(r.exporter);
    if (!e) {
      const own = perUsd.get(r.exporter);
      const tPerUsd = own ? own.tonnes / own.usd : worldUsd > 0 ? worldTonnes / worldUsd : 0;
      if (!(tPerUsd > 0)) continue;
      const conversion = `${TRADE_RULES.valueTonnes} ${own ? 'own' : 'world'} ${BACI_QUANTITY_YEAR} t/USD ${priceText}`;
      out.set(r.exporter, (e = { iso3: r.exporter, partners: [], total: 0, shareBase: 0, conversion }));
      factor.set(r.exporter, tPerUsd * ratio);
    }
    const weight = round(r.valueUsd * factor.get(r.exporter)!);
    if (!(weight > 0)) continue;
    e.partners.push({ iso3: r.importer, weight, valueUsd: r.valueUsd, productTonnes: null });
    e.total += weight;
  }
  return keepMainPartners(out);
}

export interface TradeContext {
  builder: DatasetBuilder;
  /** The BACI year with quantities (2024). */
  baci: BaciYear;
  /** BACI files of the value-only flow years (2020-2023): their own partner shares by value. A year without one carries 2024. */
  valueYears?: ReadonlyMap<number, BaciYear>;
  /** USGS prices per mineral slug: the deflator of a value-only year's value (prices.ts). */
  prices?: ReadonlyMap<string, PriceSeries>;
  ensureCountry: (iso3: string) => void;
}

/**
 * Places the output the US flows leave for one mineral: exports to BACI partners, the rest at home where the traded
 * form is the stage's own product, and re-exports from hubs. Call after the US flows, before the ROW remainder.
 */
export function addTradeFlows(ctx: TradeContext, spec: MineralSpec, producers: readonly FacilityNode[]): void {
  const mapping = baciMappingFor(spec.slug);
  if (!mapping) return;
  const quantityRows = ctx.baci.rows.filter((r) => r.mineral === spec.slug);
  const quantityExporters = exportersOf(quantityRows);
  const source = baciSource(mapping);
  for (const year of FLOW_YEARS) {
    const key = String(year);
    const own = year === BACI_QUANTITY_YEAR ? undefined : ctx.valueYears?.get(year);
    // The year's own file where one is given (by value); else the quantity year's shares, carried and labelled.
    const exporters = own ? valueYearExporters(own.rows.filter((r) => r.mineral === spec.slug), quantityRows, ctx.prices?.get(spec.slug)) : quantityExporters;
    if (!exporters.size) continue;
    const carried = year !== BACI_QUANTITY_YEAR && !own;
    const when = carried ? `BACI ${BACI_QUANTITY_YEAR} shares carried to ${year}` : `BACI ${year}`;
    const unit = own ? 'value' : weightUnit(mapping);
    /** Exports per country that its own output did not cover (to be re-exported from its imports). */
    const excess = new Map<string, number>();
    for (const producer of [...producers].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const output = producer.output?.[key];
      if (output === undefined || output <= 0 || producer.country === 'OTH') continue;
      const sent = ctx.builder.flowsFrom(producer.id, year).filter((f) => f.mineral === spec.slug);
      const left = round(output - sent.reduce((sum, f) => sum + (f.tonnes ?? 0), 0));
      if (left <= 0) continue;
      const exporter = exporters.get(producer.country);
      const exported = exporter ? round(Math.min(exporter.total, left)) : 0;
      if (exporter && exporter.total > left) excess.set(producer.country, exporter.total - left);
      if (exporter && exported > 0) {
        const parts = splitByWeight(exported, exporter.partners, exporter.shareBase);
        for (const [i, p] of exporter.partners.entries()) {
          const tonnes = parts[i]!;
          if (!(tonnes > 0)) continue;
          ctx.ensureCountry(p.iso3);
          addTrade(ctx, {
            from: producer.id,
            to: `country:${p.iso3}`,
            mineral: spec.slug,
            tonnes,
            share: round(tonnes / output),
            year,
            source: `${source}; ${figureSource(producer, year)}`,
            rule:
              `${TRADE_RULES.export}: ${pct(p.weight / exporter.shareBase)} (${when} share by ${unit}, partners >= 0.1%) x ${fig(exported)} t ` +
              `exported (min of exports ${fig(exporter.total)}, output left ${fig(left)})${conversionOf(exporter)}`,
          }, carried ? undefined : p);
        }
      }
      const home = round(left - exported);
      if (home > 0 && mapping.stageMatch) {
        ctx.ensureCountry(producer.country);
        ctx.builder.addFlow({
          from: producer.id,
          to: `country:${producer.country}`,
          mineral: spec.slug,
          stage: 'trade',
          tonnes: home,
          share: round(home / output),
          year,
          source: `${figureSource(producer, year)}; ${source}`,
          estimated: true,
          rule:
            `${TRADE_RULES.home}: apparent consumption from own output = output left ${fig(left)} - exports ${fig(exported)} ` +
            `(${when}${exporter ? '' : ': no BACI exports outside the US'})`,
        });
      }
    }
    // Countries exporting more than they produce: the excess is material imported from elsewhere, passed on to their
    // customers in the proportions of their exports (DOMAIN.md: hubs are pass-through), at most what they retain.
    for (const exporter of exporters.values()) {
      const ownProducer = producers.some((p) => p.country === exporter.iso3 && (p.output?.[key] ?? 0) > 0);
      if (!ownProducer && !USGS_IMPORTERS.has(exporter.iso3)) excess.set(exporter.iso3, exporter.total);
    }
    addReexports(ctx, spec.slug, year, exporters, excess, source, unit, when, carried);
  }
}

const conversionOf = (exporter: Exporter): string => (exporter.conversion ? `; ${exporter.conversion}` : '');

function weightUnit(mapping: BaciMapping): string {
  if (mapping.basis === 'gross') return `gross t of ${mapping.form}`;
  if (mapping.basis === 'contained') return `t contained (x ${mapping.factor})`;
  if (mapping.basis === 'unit-value') return `value / ${mapping.unitValueUsdPerT} USD per t (upper bound, mixed HS ${mapping.hs})`;
  return 't';
}

/** A BACI-based trade flow; `partner` (the BACI year's own row) gives its value, absent in carried-forward years. */
function addTrade(ctx: TradeContext, flow: Omit<FlowRecord, 'id' | 'stage' | 'estimated'>, partner: Partner | undefined): void {
  // The producer may already feed this partner as an intermediary of US imports (consumers.ts): one record, both parts.
  const existing = ctx.builder.flows.get(`${flow.from}>${flow.to}:${flow.mineral}:${flow.year}`);
  if (existing) {
    existing.tonnes = round((existing.tonnes ?? 0) + (flow.tonnes ?? 0));
    if (existing.share !== undefined && existing.share !== null && flow.share) existing.share = round(existing.share + flow.share);
    existing.rule = `${existing.rule}; plus ${flow.tonnes} t ${flow.rule}`;
    existing.source = `${existing.source}; ${flow.source}`;
    if (partner) existing.valueUsd = partner.valueUsd;
    return;
  }
  ctx.builder.addFlow({ ...flow, stage: 'trade', ...(partner ? { valueUsd: partner.valueUsd } : {}), estimated: true });
}

function addReexports(
  ctx: TradeContext,
  mineral: string,
  year: number,
  exporters: Map<string, Exporter>,
  excess: Map<string, number>,
  source: string,
  unit: string,
  when: string,
  carried: boolean,
): void {
  const { builder } = ctx;
  const inflow = new Map<string, number>();
  const outflow = new Map<string, number>();
  /** country -> countries it sends re-exports to, for the cycle check. */
  const edges = new Map<string, Set<string>>();
  for (const f of builder.flows.values()) {
    if (f.mineral !== mineral || f.year !== year) continue;
    if (f.to.startsWith('country:')) inflow.set(f.to, (inflow.get(f.to) ?? 0) + (f.tonnes ?? 0));
    if (f.from.startsWith('country:')) {
      outflow.set(f.from, (outflow.get(f.from) ?? 0) + (f.tonnes ?? 0));
      if (f.to.startsWith('country:')) (edges.get(f.from) ?? edges.set(f.from, new Set()).get(f.from)!).add(f.to);
    }
  }
  const reaches = (from: string, target: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const v = stack.pop()!;
      if (v === target) return true;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const w of edges.get(v) ?? []) stack.push(w);
    }
    return false;
  };
  const order = [...excess.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [iso3, wanted] of order) {
    const id = `country:${iso3}`;
    const exporter = exporters.get(iso3)!;
    const retained = round((inflow.get(id) ?? 0) - (outflow.get(id) ?? 0));
    const passed = round(Math.min(wanted, retained));
    if (!(passed > 0)) continue;
    const parts = splitByWeight(passed, exporter.partners, exporter.shareBase);
    for (const [i, p] of exporter.partners.entries()) {
      const to = `country:${p.iso3}`;
      const tonnes = parts[i]!;
      // A flow back into a country that already feeds this one would close a cycle: that part stays at home.
      if (!(tonnes > 0) || reaches(to, id)) continue;
      ctx.ensureCountry(p.iso3);
      addTrade(ctx, {
        from: id,
        to,
        mineral,
        tonnes,
        share: null,
        year,
        source,
        rule:
          `${TRADE_RULES.reexport}: ${pct(p.weight / exporter.shareBase)} (${when} share by ${unit}, partners >= 0.1%) x ${fig(passed)} t ` +
          `passed on (min of excess exports ${fig(wanted)}, imports retained ${fig(retained)})${conversionOf(exporter)}`,
      }, carried ? undefined : p);
      (edges.get(id) ?? edges.set(id, new Set()).get(id)!).add(to);
      inflow.set(to, (inflow.get(to) ?? 0) + tonnes);
      outflow.set(id, (outflow.get(id) ?? 0) + tonnes);
    }
  }
}
