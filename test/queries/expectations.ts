// What each library query must return, computed independently in plain TypeScript from the same Dataset: the
// Cypher (Neo4j and LadybugDB variants alike) is checked against these, row by row, by the embedded and Neo4j
// tests. Each function follows the query header's definition, not the Cypher.
import { expect } from 'vitest';
import type { ByProductRecord, CountryNode, Dataset, FacilityNode, FlowRecord, MineralNode, RelianceRecord, SupplyNode } from '../../src/domain/model.ts';
import { latestGovernanceRisk } from '../../src/store/records.ts';

type Row = Record<string, unknown>;
type Params = Record<string, unknown>;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

class Index {
  readonly byId: Map<string, SupplyNode>;
  constructor(readonly dataset: Dataset) {
    this.byId = new Map(dataset.nodes.map((n) => [n.id, n]));
  }
  node(id: string): SupplyNode {
    return this.byId.get(id)!;
  }
  /** The country a flow leaves from: a facility's country, or the trading country itself. */
  countryOf(id: string): string {
    const n = this.node(id);
    return n.kind === 'country' ? n.iso3 : n.kind === 'mineral' ? '' : n.country;
  }
  isCountry(id: string): boolean {
    return this.node(id).kind === 'country';
  }
  flows(filter: (f: FlowRecord) => boolean): FlowRecord[] {
    return this.dataset.flows.filter(filter);
  }
  aggregates(filter: (n: FacilityNode) => boolean): FacilityNode[] {
    return this.dataset.nodes.filter((n): n is FacilityNode => (n.kind === 'mine' || n.kind === 'refiner') && n.aggregate === true && filter(n));
  }
}

const tonnesOf = (f: FlowRecord): number => f.tonnes ?? 0;
const groupSum = <K>(items: Iterable<[K, number]>): Map<K, number> => {
  const out = new Map<K, number>();
  for (const [k, v] of items) out.set(k, (out.get(k) ?? 0) + v);
  return out;
};

export const EXPECTATIONS: Record<string, (dataset: Dataset, params: Params) => Row[]> = {
  'top-producers'(dataset, { mineral, stage, year, limit }) {
    const ix = new Index(dataset);
    const producers = ix
      .aggregates((n) => n.mineral === mineral && n.stage === stage)
      .map((n) => ({ country: n.country, producer: n.name, tonnes: n.output?.[String(year)] }))
      .filter((p): p is { country: string; producer: string; tonnes: number } => typeof p.tonnes === 'number');
    const world = producers.reduce((s, p) => s + p.tonnes, 0);
    return producers
      .sort((a, b) => b.tonnes - a.tonnes || cmp(a.country, b.country))
      .slice(0, Number(limit))
      .map((p) => ({ ...p, share: p.tonnes / world, worldTonnes: world }));
  },

  'concentration-by-mineral'(dataset, { stage, year }) {
    const ix = new Index(dataset);
    const byMineral = new Map<string, FacilityNode[]>();
    for (const n of ix.aggregates((n) => n.stage === stage && (n.output?.[String(year)] ?? 0) > 0)) {
      byMineral.set(n.mineral!, [...(byMineral.get(n.mineral!) ?? []), n]);
    }
    const rows: Row[] = [];
    for (const [mineral, nodes] of byMineral) {
      const t = (n: FacilityNode): number => n.output![String(year)]!;
      const world = nodes.reduce((s, n) => s + t(n), 0);
      const named = nodes.filter((n) => n.country !== 'OTH');
      if (!named.length) continue;
      const top = Math.max(...named.map(t));
      const hhi = named.reduce((s, n) => s + ((100 * t(n)) / world) ** 2, 0);
      const topCountry = named.filter((n) => t(n) === top).map((n) => n.country).sort(cmp)[0];
      rows.push({ mineral, worldTonnes: world, producers: named.length, topCountry, topShare: top / world, hhi, highlyConcentrated: hhi > 5000 });
    }
    return rows.sort((a, b) => Math.round(b.hhi as number) - Math.round(a.hhi as number) || cmp(a.mineral as string, b.mineral as string));
  },

  'single-supplier-dependence'(dataset, { year, threshold }) {
    const ix = new Index(dataset);
    const sums = groupSum(
      ix
        .flows((f) => f.year === year && tonnesOf(f) > 0 && ix.isCountry(f.to) && ix.countryOf(f.from) !== ix.countryOf(f.to))
        .map((f) => [`${f.to}\u0000${f.mineral}\u0000${ix.countryOf(f.from)}`, tonnesOf(f)] as [string, number]),
    );
    const totals = groupSum([...sums].map(([k, v]) => [k.split('\u0000').slice(0, 2).join('\u0000'), v] as [string, number]));
    const rows: Row[] = [];
    for (const [key, tonnes] of sums) {
      const [to, mineral, supplier] = key.split('\u0000') as [string, string, string];
      const total = totals.get(`${to}\u0000${mineral}`)!;
      if (tonnes / total > Number(threshold)) {
        rows.push({ consumer: ix.node(to).name, mineral, supplier, tonnes, share: tonnes / total, foreignSupplyTonnes: total });
      }
    }
    return rows.sort(
      (a, b) =>
        Math.round((b.share as number) * 1000) - Math.round((a.share as number) * 1000) ||
        cmp(a.consumer as string, b.consumer as string) ||
        cmp(a.mineral as string, b.mineral as string),
    );
  },

  'supply-paths'(dataset, { mineral, year, limit }) {
    const ix = new Index(dataset);
    const ofYear = ix.flows((f) => f.mineral === mineral && f.year === year);
    const input = groupSum(ofYear.filter((f) => ix.node(f.to).kind === 'refiner').map((f) => [f.to, tonnesOf(f)] as [string, number]));
    const rows: Row[] = [];
    for (const f1 of ofYear.filter((f) => ix.node(f.from).kind === 'mine' && ix.node(f.to).kind === 'refiner' && (input.get(f.to) ?? 0) > 0)) {
      for (const f2 of ofYear.filter((f) => f.from === f1.to && ix.isCountry(f.to))) {
        rows.push({
          mine: ix.node(f1.from).name,
          refiner: ix.node(f1.to).name,
          consumer: ix.node(f2.to).name,
          pathTonnes: (tonnesOf(f2) * tonnesOf(f1)) / input.get(f1.to)!,
        });
      }
    }
    return rows
      .sort(
        (a, b) =>
          Math.round((b.pathTonnes as number) * 10) - Math.round((a.pathTonnes as number) * 10) ||
          cmp(a.mine as string, b.mine as string) ||
          cmp(a.refiner as string, b.refiner as string) ||
          cmp(a.consumer as string, b.consumer as string),
      )
      .slice(0, Number(limit));
  },

  'country-removal-cut'(dataset, { country, year }) {
    const ix = new Index(dataset);
    const inflow = (refiner: string, mineral: string): FlowRecord[] => ix.flows((f) => f.to === refiner && f.mineral === mineral && f.year === year);
    const lost = new Map<string, { supply: number; lost: number }>();
    for (const f of ix.flows((f) => f.year === year && ix.isCountry(f.to) && ix.countryOf(f.to) !== country && tonnesOf(f) > 0)) {
      let loss = 0;
      if (ix.countryOf(f.from) === country) loss = tonnesOf(f);
      else if (ix.node(f.from).kind === 'refiner') {
        const ins = inflow(f.from, f.mineral);
        const total = ins.reduce((s, x) => s + tonnesOf(x), 0);
        const fromCountry = ins.filter((x) => ix.countryOf(x.from) === country).reduce((s, x) => s + tonnesOf(x), 0);
        if (total > 0) loss = (tonnesOf(f) * fromCountry) / total;
      }
      const key = `${f.to}\u0000${f.mineral}`;
      const acc = lost.get(key) ?? { supply: 0, lost: 0 };
      acc.supply += tonnesOf(f);
      acc.lost += loss;
      lost.set(key, acc);
    }
    return [...lost]
      .filter(([, v]) => v.lost > 0)
      .map(([key, v]) => {
        const [to, mineral] = key.split('\u0000') as [string, string];
        return { consumer: ix.node(to).name, mineral, tonnesLost: v.lost, supplyTonnes: v.supply, shareLost: v.lost / v.supply };
      })
      .sort(
        (a, b) =>
          Math.round(b.shareLost * 1e4) - Math.round(a.shareLost * 1e4) ||
          Math.round(b.tonnesLost * 10) - Math.round(a.tonnesLost * 10) ||
          cmp(a.consumer, b.consumer) ||
          cmp(a.mineral, b.mineral),
      );
  },

  'us-import-sources'(dataset, { mineral, year }) {
    const ix = new Index(dataset);
    const flows = ix.flows((f) => f.to === 'country:USA' && f.mineral === mineral && f.year === year && ix.countryOf(f.from) !== 'USA');
    const tonnes = groupSum(flows.map((f) => [ix.countryOf(f.from), tonnesOf(f)] as [string, number]));
    const imports = [...tonnes.values()].reduce((s, t) => s + t, 0);
    return [...tonnes]
      .map(([supplier, t]) => ({ supplier, tonnes: t, shareOfImports: imports > 0 ? t / imports : null }))
      .sort((a, b) => Math.round(b.tonnes * 100) - Math.round(a.tonnes * 100) || cmp(a.supplier, b.supplier));
  },

  'importers-of-exports'(dataset, { country, mineral, year }) {
    const ix = new Index(dataset);
    const flows = ix.flows(
      (f) => f.mineral === mineral && f.year === year && ix.isCountry(f.to) && ix.countryOf(f.from) === country && ix.countryOf(f.to) !== country && f.to !== 'country:ROW',
    );
    const tonnes = groupSum(flows.map((f) => [ix.countryOf(f.to), tonnesOf(f)] as [string, number]));
    const valued = flows.filter((f) => typeof f.valueUsd === 'number');
    const value = groupSum(valued.map((f) => [ix.countryOf(f.to), f.valueUsd!] as [string, number]));
    const exported = [...tonnes.values()].reduce((s, t) => s + t, 0);
    return [...tonnes]
      .map(([importer, t]) => ({
        importer,
        importerName: ix.node(`country:${importer}`).name,
        tonnes: t,
        shareOfExports: exported > 0 ? t / exported : null,
        valueUsd: value.has(importer) ? Math.round(value.get(importer)!) : null,
      }))
      .sort((a, b) => Math.round(b.tonnes * 100) - Math.round(a.tonnes * 100) || cmp(a.importer, b.importer));
  },

  'export-ban-exposure'(dataset, { country, mineral, year }) {
    const ix = new Index(dataset);
    const into = ix.flows(
      (f) => f.mineral === mineral && f.year === year && ix.isCountry(f.to) && f.to !== 'country:ROW' && ix.countryOf(f.to) !== country && ix.countryOf(f.from) !== ix.countryOf(f.to),
    );
    const imports = groupSum(into.map((f) => [ix.countryOf(f.to), tonnesOf(f)] as [string, number]));
    const banned = groupSum(into.filter((f) => ix.countryOf(f.from) === country).map((f) => [ix.countryOf(f.to), tonnesOf(f)] as [string, number]));
    return [...banned]
      .filter(([, t]) => t > 0)
      .map(([importer, t]) => ({ importer, tonnesFromCountry: t, importTonnes: imports.get(importer)!, directExposure: t / imports.get(importer)! }))
      .sort(
        (a, b) =>
          Math.round(b.directExposure * 1e4) - Math.round(a.directExposure * 1e4) ||
          Math.round(b.tonnesFromCountry * 100) - Math.round(a.tonnesFromCountry * 100) ||
          cmp(a.importer, b.importer),
      );
  },

  'refiners-fed-by-country'(dataset, { country, year }) {
    const ix = new Index(dataset);
    const fed = groupSum(
      ix
        .flows((f) => f.year === year && ix.node(f.to).kind === 'refiner' && f.from !== f.to && ix.node(f.from).kind !== 'country' && ix.countryOf(f.from) === country)
        .map((f) => [`${f.to}\u0000${f.mineral}`, tonnesOf(f)] as [string, number]),
    );
    return [...fed]
      .map(([key, tonnes]) => {
        const [refiner, mineral] = key.split('\u0000') as [string, string];
        const input = ix.flows((f) => f.to === refiner && f.mineral === mineral && f.year === year).reduce((s, f) => s + tonnesOf(f), 0);
        return { refiner: ix.node(refiner).name, refinerCountry: ix.countryOf(refiner), mineral, tonnes, shareOfRefinerInput: input > 0 ? tonnes / input : null };
      })
      .sort((a, b) => Math.round(b.tonnes * 10) - Math.round(a.tonnes * 10) || cmp(a.refiner, b.refiner));
  },

  'minerals-on-all-lists'(dataset) {
    return dataset.nodes
      .filter((n): n is MineralNode => n.kind === 'mineral' && !!n.lists?.us2022 && !!n.lists?.eu2023 && !!n.lists?.cn2016)
      .map((m) => {
        const us = dataset.links.filter((l): l is RelianceRecord => l.type === 'RELIES_ON' && l.from === 'country:USA' && l.to === m.id);
        const latest = us.length ? Math.max(...us.map((l) => l.year)) : null;
        const r = us.find((l) => l.year === latest);
        return { mineral: m.name, slug: m.slug, usNir: r?.nir ?? null, usNirYear: latest };
      })
      .sort((a, b) => cmp(a.mineral, b.mineral));
  },

  'country-reliance'(dataset, { country, year, threshold }) {
    const minerals = new Map(dataset.nodes.map((n) => [n.id, n]));
    return dataset.links
      .filter((l): l is RelianceRecord => l.type === 'RELIES_ON' && l.from === `country:${country}` && l.year === year && ((l as RelianceRecord).nir ?? -1) > Number(threshold))
      .map((l) => ({ mineral: minerals.get(l.to)!.name, nir: l.nir }))
      .sort((a, b) => b.nir! - a.nir! || cmp(a.mineral, b.mineral));
  },

  'companions-of-host'(dataset, { host }) {
    return dataset.links
      .filter((l): l is ByProductRecord => l.type === 'BY_PRODUCT_OF' && l.to === `mineral:${host}`)
      .map((l) => ({
        companion: l.from.slice('mineral:'.length),
        host,
        share: l.share,
        shareLow: l.shareRange?.[0] ?? null,
        shareHigh: l.shareRange?.[1] ?? null,
        estimated: l.estimated === true,
        source: l.source,
      }))
      .sort((a, b) => b.share - a.share || cmp(a.companion, b.companion));
  },

  'hot-spots'(dataset, { usYear, threshold }) {
    const nir = (from: string, mineral: string, year?: number): number | null => {
      const values = dataset.links
        .filter((l): l is RelianceRecord => l.type === 'RELIES_ON' && l.from === from && l.to === mineral && (year === undefined || l.year === year))
        .map((l) => l.nir)
        .filter((v): v is number => typeof v === 'number');
      return values.length ? Math.max(...values) : null;
    };
    const t = Number(threshold);
    const rows: Row[] = [];
    for (const m of dataset.nodes.filter((n) => n.kind === 'mineral')) {
      const us = nir('country:USA', m.id, Number(usYear));
      const cn = nir('country:CHN', m.id);
      const hotSpot =
        us !== null && us > t && cn !== null && cn > t ? 'both-dependent' : us !== null && us > t ? 'us-dependent' : cn !== null && cn > t ? 'china-dependent' : null;
      if (hotSpot) rows.push({ mineral: m.name, hotSpot, usNir: us, chinaNir: cn });
    }
    return rows.sort((a, b) => cmp(a.hotSpot as string, b.hotSpot as string) || cmp(a.mineral as string, b.mineral as string));
  },

  'facilities-in-country'(dataset, { country }) {
    const located = new Set(dataset.links.filter((l) => l.type === 'LOCATED_IN' && l.to === `country:${country}`).map((l) => l.from));
    return dataset.nodes
      .filter((n): n is FacilityNode => located.has(n.id) && (n.kind === 'mine' || n.kind === 'refiner') && !n.aggregate)
      .map((f) => ({
        id: f.id,
        facility: f.name,
        kind: f.kind,
        minerals: [...new Set(dataset.flows.filter((x) => x.from === f.id).map((x) => x.mineral))].sort(cmp),
      }))
      .sort((a, b) => cmp(a.facility, b.facility) || cmp(a.id, b.id));
  },

  'governance-risk-facilities'(dataset, { mineral, minRisk }) {
    const ix = new Index(dataset);
    const producing = new Set(dataset.flows.filter((f) => f.mineral === mineral).map((f) => f.from));
    const rows: Row[] = [];
    for (const link of dataset.links.filter((l) => l.type === 'LOCATED_IN')) {
      const f = ix.node(link.from) as FacilityNode;
      const c = ix.node(link.to) as CountryNode;
      const risk = latestGovernanceRisk(c.wgi).govRisk;
      if (f.aggregate || risk === null || risk < Number(minRisk) || !producing.has(f.id)) continue;
      rows.push({ id: f.id, facility: f.name, kind: f.kind, country: c.name, governanceRisk: risk });
    }
    return rows.sort(
      (a, b) =>
        Math.round((b.governanceRisk as number) * 1000) - Math.round((a.governanceRisk as number) * 1000) ||
        cmp(a.country as string, b.country as string) ||
        cmp(a.facility as string, b.facility as string) ||
        cmp(a.id as string, b.id as string),
    );
  },

  'sole-supplier-consumers'(dataset, { year }) {
    const ix = new Index(dataset);
    const bySupplier = groupSum(
      ix
        .flows((f) => f.year === year && tonnesOf(f) > 0 && ix.isCountry(f.to) && ix.countryOf(f.from) !== ix.countryOf(f.to))
        .map((f) => [`${f.to}\u0000${f.mineral}\u0000${ix.countryOf(f.from)}`, tonnesOf(f)] as [string, number]),
    );
    const groups = new Map<string, Array<[string, number]>>();
    for (const [key, tonnes] of bySupplier) {
      const [to, mineral, supplier] = key.split('\u0000') as [string, string, string];
      groups.set(`${to}\u0000${mineral}`, [...(groups.get(`${to}\u0000${mineral}`) ?? []), [supplier, tonnes]]);
    }
    return [...groups]
      .filter(([, suppliers]) => suppliers.length === 1)
      .map(([key, [[supplier, tonnes]]]) => {
        const [to, mineral] = key.split('\u0000') as [string, string];
        return { consumer: ix.node(to).name, mineral, onlySupplier: supplier, tonnes };
      })
      .sort((a, b) => cmp(a.consumer, b.consumer) || cmp(a.mineral, b.mineral));
  },

  'downstream-reach'(dataset, { node, mineral, year }) {
    const ix = new Index(dataset);
    const rows: Row[] = [];
    const walk = (route: string[]): void => {
      if (route.length > 3) return;
      for (const f of ix.flows((f) => f.from === route[route.length - 1] && f.mineral === mineral && f.year === year)) {
        const next = [...route, f.to];
        if (ix.isCountry(f.to)) rows.push({ consumer: ix.node(f.to).name, hops: next.length - 1, route: next });
        walk(next);
      }
    };
    walk([String(node)]);
    const byRoute = (a: string[], b: string[]): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return cmp(a[i]!, b[i]!);
      return a.length - b.length;
    };
    return rows.sort(
      (a, b) => (a.hops as number) - (b.hops as number) || cmp(a.consumer as string, b.consumer as string) || byRoute(a.route as string[], b.route as string[]),
    );
  },
};

/** How far a returned number may be from the computed one: the rounding the query applies to that column. */
function toleranceOf(key: string): number {
  if (/share|Share|Risk|nir|Nir/.test(key)) return 0.00051;
  if (key === 'hhi') return 0.51;
  return 0.051;
}

/** Checks `actual` rows against `expected` ones, in order: every key of an expected row must match. */
export function expectRows(name: string, actual: Row[], expected: Row[]): void {
  expect(actual.length, `${name}: row count`).toBe(expected.length);
  expected.forEach((want, i) => {
    const got = actual[i]!;
    for (const [key, value] of Object.entries(want)) {
      const where = `${name} row ${i} ${key}`;
      if (typeof value === 'number' && typeof got[key] === 'number') {
        const bound = Math.max(toleranceOf(key), Math.abs(value) * 1e-9);
        expect(Math.abs((got[key] as number) - value), `${where}: ${String(got[key])} vs ${value}`).toBeLessThanOrEqual(bound);
      } else if (Array.isArray(value) && key === 'minerals') {
        expect([...(got[key] as string[])].sort(cmp), where).toEqual(value);
      } else {
        expect(got[key], where).toEqual(value);
      }
    }
  });
}
