// Upstream stages USGS tabulates in the MCS 2022-2024 editions but our MCS 2026 transcription lacks: copper mine
// production feeding refined copper, bauxite (through alumina) feeding primary aluminium, and titanium mineral
// concentrates (ilmenite + rutile) feeding titanium sponge. Each is a layer of data: mine aggregates
// (mine:<iso3>-<slug>, stage 'mine') and estimated feed flows mine -> refiner that the analyses read through the
// same flow index (flow-index.ts "feed" edges), so a mine-stage shock reaches the refined stage.
//
// Feed allocation (no bilateral concentrate trade is in our sources: the BACI extract codes copper and titanium by
// their refined products; see graph/data/README.md "Upstream stages"), for one year and one step source -> sink:
//   V = min(M, R x f): M = the sources' output, R = the sinks' output, f = source units per sink unit (1 for copper,
//       TiO2 per Ti for titanium, Al2O3 per Al for alumina -> aluminium, M/R for bauxite -> alumina);
//   each source supplies its output x V/M, each sink needs its output x V/R;
//   a country's own sink is served first from its own source (min of supply and need), and what is left of every
//   source is split among the sinks in proportion to what they still need (so every need is met exactly).
// Bauxite -> aluminium composes two such steps through the MCS alumina table (bauxite -> alumina refiners ->
// smelters) without alumina nodes: the model has two production stages and an alumina node would be counted in the
// aluminium 'refined' market. O(S x T) per step and year.
import type { FacilityNode, MineralNode, Stage } from '../../domain/model.ts';
import type { CountryIndex } from './countries.ts';
import { DatasetBuilder } from './context.ts';
import { aggregateId, figureSource, OTHER, type WorldTable } from './producers.ts';
import { WORLD, type McsEditionFigure } from '../sources/usgs-mcs-editions.ts';
import { round } from './util.ts';

/** One upstream stage: its MCS edition series, the refined table it feeds, and the conversion of the step. */
export interface UpstreamSpec {
  /** Our mineral slug (the refined table the stage feeds). */
  mineral: string;
  /** Edition series summed into the mine stage (ilmenite + rutile for titanium). */
  series: readonly string[];
  /** Word for the node names and units ("copper mine output", "bauxite mine output"). */
  label: string;
  units: string;
  /** Only these editions' years are used (one basis: MCS 2024 tables titanium concentrates in TiO2 content). */
  editions?: readonly number[];
  /** Source units per sink unit of the final step (undefined: all of the sources' output is allocated, f = M/R). */
  factor?: number;
  factorNote: string;
  /** An intermediate table composed through (alumina), with its factor to the sink. */
  via?: { series: string; label: string; factor: number; factorNote: string };
}

/** Ti 47.867, O 15.999: TiO2 / Ti = 79.865 / 47.867. Al2O3 / 2 Al = 101.961 / 53.963. */
const TIO2_PER_TI = 1.668474;
const AL2O3_PER_AL = 1.889465;

export const UPSTREAM_STAGES: readonly UpstreamSpec[] = [
  {
    mineral: 'copper',
    series: ['copper-mine'],
    label: 'copper mine output',
    units: 'metric tons, recoverable Cu content',
    factor: 1,
    factorNote: 'both Cu content; world mine output is below refined output (the gap is secondary refined copper from scrap)',
  },
  {
    mineral: 'aluminum',
    series: ['bauxite'],
    label: 'bauxite mine output',
    units: 'metric tons, bauxite gross weight (dry)',
    factorNote: 'all bauxite allocated to alumina refiners (f = world bauxite / world alumina: grades vary)',
    via: { series: 'alumina', label: 'alumina', factor: AL2O3_PER_AL, factorNote: `alumina -> aluminium at Al2O3/2Al = ${AL2O3_PER_AL}` },
  },
  {
    mineral: 'titanium',
    series: ['ilmenite', 'rutile'],
    label: 'titanium mineral concentrates output (ilmenite and rutile)',
    units: 'metric tons, TiO2 content of ilmenite and rutile concentrates',
    editions: [2024],
    factor: TIO2_PER_TI,
    factorNote: `TiO2/Ti = ${TIO2_PER_TI}; most concentrate goes to TiO2 pigment (not modelled): each mine feeds sponge with the same fraction of its output`,
  },
];

export const FEED_RULE_SHORT = 'upstream feed: own refiners first, rest pro rata to need';
const OWN_RULE = (year: number, f: string) =>
  `${FEED_RULE_SHORT} (the country's own refiners served first; ${year}; ${f}; graph/data/README.md "Upstream stages")`;
const REST_RULE = (year: number, f: string) =>
  `${FEED_RULE_SHORT} (left after own refiners, split in proportion to the refiners' unmet need; ${year}; ${f}; graph/data/README.md "Upstream stages")`;

interface Party {
  id: string;
  iso3: string;
  tonnes: number;
}

interface Allocation {
  from: string;
  to: string;
  tonnes: number;
  own: boolean;
}

/** One allocation step (module header): sources' output to sinks' need, own country first, the rest pro rata. */
export function allocateFeed(sources: readonly Party[], sinks: readonly Party[], factor: number | undefined): Allocation[] {
  const M = sources.reduce((s, p) => s + p.tonnes, 0);
  const R = sinks.reduce((s, p) => s + p.tonnes, 0);
  if (!(M > 0) || !(R > 0)) return [];
  const V = factor === undefined ? M : Math.min(M, R * factor);
  const supply = sources.map((p) => (p.tonnes * V) / M);
  const need = sinks.map((p) => (p.tonnes * V) / R);
  const out: Allocation[] = [];
  sources.forEach((src, i) => {
    if (src.iso3 === OTHER) return;
    const j = sinks.findIndex((t) => t.iso3 === src.iso3);
    if (j < 0) return;
    const own = Math.min(supply[i]!, need[j]!);
    if (own <= 0) return;
    supply[i]! -= own;
    need[j]! -= own;
    out.push({ from: src.id, to: sinks[j]!.id, tonnes: own, own: true });
  });
  const deficit = need.reduce((s, x) => s + Math.max(0, x), 0);
  if (deficit <= 0) return out;
  sources.forEach((src, i) => {
    if (supply[i]! <= 1e-9) return;
    sinks.forEach((sink, j) => {
      if (need[j]! <= 1e-9) return;
      out.push({ from: src.id, to: sink.id, tonnes: (supply[i]! * need[j]!) / deficit, own: false });
    });
  });
  return out;
}

/** Composes source -> intermediate and intermediate -> sink allocations into source -> sink (intermediate ids dropped). */
function compose(first: readonly Allocation[], second: readonly Allocation[]): Allocation[] {
  const sent = new Map<string, number>();
  for (const a of second) sent.set(a.from, (sent.get(a.from) ?? 0) + a.tonnes);
  const out = new Map<string, Allocation>();
  for (const a of first) {
    const total = sent.get(a.to);
    if (!total) continue;
    for (const b of second) {
      if (b.from !== a.to) continue;
      const key = `${a.from}>${b.to}`;
      const t = (a.tonnes * b.tonnes) / total;
      const prior = out.get(key);
      if (prior) prior.tonnes += t;
      else out.set(key, { from: a.from, to: b.to, tonnes: t, own: a.own && b.own });
    }
  }
  return [...out.values()];
}

export interface UpstreamResult {
  /** Mine aggregates added, by mineral. */
  aggregates: Map<string, FacilityNode[]>;
  /** Published world totals of the mine stage, by mineral and year, with their citation. */
  worldTotals: Map<string, { tonnes: Record<string, number>; source: Record<string, string> }>;
  flows: number;
}

/** Country rows of one series set, summed per (country, year) over the series (ilmenite + rutile). */
function countryFigures(figures: readonly McsEditionFigure[], spec: { series: readonly string[]; editions?: readonly number[] }) {
  const byKey = new Map<string, McsEditionFigure[]>();
  for (const f of figures) {
    if (!spec.series.includes(f.series) || f.measure !== 'production' || f.country === WORLD) continue;
    if (spec.editions && !spec.editions.includes(f.edition)) continue;
    const key = `${f.country}|${f.year}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  return byKey;
}

/**
 * Adds the mine aggregates and feed flows of UPSTREAM_STAGES. `figures` = latestEditionFigures(readMcsEditions(...)),
 * `all` = the raw edition figures (for the combined ilmenite-and-rutile world total the revision rule merges away).
 */
export function addUpstreamStages(
  builder: DatasetBuilder,
  countries: CountryIndex,
  tables: Map<string, WorldTable>,
  figures: readonly McsEditionFigure[],
  all: readonly McsEditionFigure[],
): UpstreamResult {
  const result: UpstreamResult = { aggregates: new Map(), worldTotals: new Map(), flows: 0 };
  for (const spec of UPSTREAM_STAGES) {
    const table = tables.get(spec.mineral);
    if (!table) continue;
    const nodes = new Map<string, FacilityNode>();
    for (const [key, list] of [...countryFigures(figures, spec)].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [iso3, y] = key.split('|') as [string, string];
      const known = list.filter((f) => f.tonnes !== null);
      let node = nodes.get(iso3);
      if (!node) {
        const place = iso3 === OTHER ? 'Other countries' : (countries.nodes.get(iso3)?.name ?? list[0]!.countryName);
        node = {
          id: aggregateId('mine', iso3, spec.mineral),
          kind: 'mine',
          name: `${place} ${spec.label} (aggregate)`,
          country: iso3,
          minerals: [spec.mineral],
          aggregate: true,
          mineral: spec.mineral,
          stage: 'mine',
          notes: [`upstream stage of ${spec.mineral}: ${list[0]!.basis}; figures from the USGS MCS ${[...new Set(list.map((f) => f.edition))].join('/')} data release (no such table in our MCS 2026 transcription)`],
          source: list[0]!.source,
          year: Number(y),
        };
        nodes.set(iso3, node);
      }
      if (Number(y) >= node.year) {
        node.year = Number(y);
        node.source = list[0]!.source;
      }
      if (known.length) node.output = { ...(node.output ?? {}), [y]: round(known.reduce((s, f) => s + f.tonnes!, 0)) };
      else node.raw = { ...(node.raw ?? {}), [`output${y}`]: list.map((f) => f.raw.replace(/ [A-Za-z]+$/, '')).join(' + ') };
      node.yearSource = { ...(node.yearSource ?? {}), [y]: [...new Set(list.map((f) => f.source))].join('; ') };
      const rule = list.find((f) => f.estimated)?.rule;
      if (rule) node.yearEstimated = { ...(node.yearEstimated ?? {}), [y]: rule };
    }
    const added = [...nodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const node of added) {
      builder.addNode(node);
      if (node.country !== OTHER) builder.addLink({ type: 'LOCATED_IN', from: node.id, to: `country:${node.country}`, source: node.source, year: node.year });
    }
    result.aggregates.set(spec.mineral, added);
    result.worldTotals.set(spec.mineral, worldTotalsOf(spec, all));

    // Feed flows, for every year with both mine and refined output.
    const years = [...new Set(added.flatMap((n) => Object.keys(n.output ?? {})))].map(Number).sort();
    const via = spec.via ? countryFigures(figures, { series: [spec.via.series] }) : undefined;
    for (const year of years) {
      const y = String(year);
      const sources = added.filter((n) => (n.output?.[y] ?? 0) > 0).map((n) => ({ id: n.id, iso3: n.country, tonnes: n.output![y]! }));
      const refiners = [...table.aggregates.values()].filter((n) => (n.output?.[y] ?? 0) > 0).sort((a, b) => (a.id < b.id ? -1 : 1));
      const sinks = refiners.map((n) => ({ id: n.id, iso3: n.country, tonnes: n.output![y]! }));
      let allocations: Allocation[];
      let note = spec.factorNote;
      if (spec.via && via) {
        const mids = [...via].filter(([k, list]) => k.endsWith(`|${y}`) && list.some((f) => (f.tonnes ?? 0) > 0))
          .map(([k, list]) => ({ id: `alumina:${k.split('|')[0]}`, iso3: k.split('|')[0]!, tonnes: list.reduce((s, f) => s + (f.tonnes ?? 0), 0) }))
          .sort((a, b) => (a.id < b.id ? -1 : 1));
        if (!mids.length) continue;
        allocations = compose(allocateFeed(sources, mids, spec.factor), allocateFeed(mids, sinks, spec.via.factor));
        note = `${spec.factorNote}; then ${spec.via.factorNote}; composed through the MCS ${spec.via.label} table (no ${spec.via.label} nodes)`;
      } else {
        allocations = allocateFeed(sources, sinks, spec.factor);
      }
      for (const a of allocations) {
        const t = round(a.tonnes);
        if (t <= 0) continue;
        const mine = builder.facility(a.from)!;
        const refiner = builder.facility(a.to)!;
        builder.addFlow({
          from: a.from,
          to: a.to,
          mineral: spec.mineral,
          stage: 'mine',
          tonnes: t,
          share: round(t / mine.output![y]!),
          year,
          source: `${figureSource(mine, year)}; ${figureSource(refiner, year)}`,
          estimated: true,
          rule: a.own ? OWN_RULE(year, note) : REST_RULE(year, note),
        });
        result.flows++;
      }
    }
  }
  return result;
}

/** Published world totals of the stage (the combined ilmenite-and-rutile row for titanium), latest edition per year. */
function worldTotalsOf(spec: UpstreamSpec, all: readonly McsEditionFigure[]) {
  const rows = all.filter(
    (f) =>
      spec.series.includes(f.series) &&
      f.measure === 'production' &&
      f.country === WORLD &&
      f.tonnes !== null &&
      (!spec.editions || spec.editions.includes(f.edition)) &&
      (spec.series.length === 1 || /ilmenite and rutile|ilmentite and rutile/i.test(f.countryName)),
  );
  const tonnes: Record<string, number> = {};
  const source: Record<string, string> = {};
  const edition: Record<string, number> = {};
  for (const f of rows) {
    const y = String(f.year);
    if ((edition[y] ?? 0) > f.edition) continue;
    edition[y] = f.edition;
    tonnes[y] = f.tonnes!;
    source[y] = f.source;
  }
  return { tonnes, source };
}

/** Writes the mine stage onto the mineral nodes: world totals, unit, and what the stage is (after addMineralNodes). */
export function annotateMineralNodes(builder: DatasetBuilder, upstream: UpstreamResult): void {
  for (const spec of UPSTREAM_STAGES) {
    const node = builder.node(`mineral:${spec.mineral}`) as MineralNode | undefined;
    const totals = upstream.worldTotals.get(spec.mineral);
    if (!node || !totals) continue;
    const stage: Stage = 'mine';
    node.units = { ...(node.units ?? {}), [stage]: spec.units };
    if (Object.keys(totals.tonnes).length) node.worldTotal = { ...(node.worldTotal ?? {}), [stage]: totals.tonnes };
    node.upstream = {
      stage,
      what: spec.label,
      series: [...spec.series, ...(spec.via ? [spec.via.series] : [])],
      worldTotalSource: totals.source,
      rule: `${FEED_RULE_SHORT}: ${spec.factorNote}${spec.via ? `; ${spec.via.factorNote}` : ''}`,
    };
  }
}
