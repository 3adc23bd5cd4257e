// Scores the view computes itself from the graph it was sent (the API computes PageRank and betweenness):
// governance risk G_i (seed 003 eq. 4-5, DOMAIN.md) and each node's share of a mineral's world supply. Pure, O(n + m).
import { WGI_INDICATORS, type WgiScores } from '../../src/domain/model.ts';

/**
 * Country governance risk G_i: for each of the six WGI indicators G'_j = 1 - (WGI_j + 3.5) / 7, then the geometric
 * mean of the six (seed 003 eq. 4-5). Uses the latest WGI year <= `year` that has all six indicators; null if none.
 */
export function governanceRisk(wgi: Record<string, WgiScores> | undefined, year: number | null): number | null {
  if (!wgi) return null;
  const years = Object.keys(wgi)
    .map(Number)
    .filter((y) => Number.isInteger(y) && (year === null || y <= year))
    .sort((a, b) => b - a);
  for (const y of years) {
    const scores = wgi[String(y)];
    if (!scores) continue;
    let logSum = 0;
    let complete = true;
    for (const indicator of WGI_INDICATORS) {
      const v = scores[indicator];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        complete = false;
        break;
      }
      const g = 1 - (v + 3.5) / 7;
      logSum += Math.log(g);
    }
    if (complete) return Math.exp(logSum / WGI_INDICATORS.length);
  }
  return null;
}

export interface ShareEdge {
  source: string;
  target: string;
  mineral: string;
  tonnes: number | null | undefined;
}

/**
 * Share of a mineral's world supply passing through each node, per mineral: throughput (the larger of its in- and
 * out-tonnes of the mineral) over the mineral's final supply (tonnes reaching nodes with no onward flow of that
 * mineral, i.e. the consumers). Flows with unknown tonnes count as 0; minerals with no known final supply are left out.
 */
export function supplySharesByMineral(edges: Iterable<ShareEdge>): Map<string, Map<string, number>> {
  const byMineral = new Map<string, { inT: Map<string, number>; outT: Map<string, number> }>();
  for (const e of edges) {
    const t = typeof e.tonnes === 'number' && Number.isFinite(e.tonnes) && e.tonnes > 0 ? e.tonnes : 0;
    let m = byMineral.get(e.mineral);
    if (!m) byMineral.set(e.mineral, (m = { inT: new Map(), outT: new Map() }));
    m.outT.set(e.source, (m.outT.get(e.source) ?? 0) + t);
    m.inT.set(e.target, (m.inT.get(e.target) ?? 0) + t);
    // Make sure the source also appears as a potential consumer key (it has out-flow, so it is not one).
    if (!m.inT.has(e.source)) m.inT.set(e.source, 0);
  }
  const shares = new Map<string, Map<string, number>>();
  for (const [mineral, { inT, outT }] of byMineral) {
    let finalSupply = 0;
    for (const [node, t] of inT) if (!outT.has(node)) finalSupply += t;
    if (finalSupply <= 0) continue;
    const nodes = new Set([...inT.keys(), ...outT.keys()]);
    for (const node of nodes) {
      const share = Math.min(1, Math.max(inT.get(node) ?? 0, outT.get(node) ?? 0) / finalSupply);
      let byNode = shares.get(node);
      if (!byNode) shares.set(node, (byNode = new Map()));
      byNode.set(mineral, share);
    }
  }
  return shares;
}

/** A node's score: its largest share over minerals (supplySharesByMineral). */
export function supplyShares(edges: Iterable<ShareEdge>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [node, byMineral] of supplySharesByMineral(edges)) {
    let best = 0;
    for (const share of byMineral.values()) if (share > best) best = share;
    if (best > 0) out.set(node, best);
  }
  return out;
}

export interface LocatedProducer {
  id: string;
  kind: string;
  /** ISO3 of the country it is located in. */
  country?: string | undefined;
  aggregate?: boolean | undefined;
  stage?: string | undefined;
}

/**
 * A country's share of each mineral's supply, from what is located in it: per stage, its country-level aggregate
 * (which already totals its facilities, so they are not added again) or, with no aggregate, the sum of its
 * facilities; the larger stage wins. So a country whose mine output flows through an aggregate node is as large as
 * that output (Brazil: ~93% of niobium) rather than as its own, often empty, trade flows. O(n).
 */
export function countryShares(
  nodes: Iterable<LocatedProducer>,
  byMineral: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Map<string, Map<string, number>> {
  // iso3 -> mineral -> stage -> {aggregate share, facility sum}
  const acc = new Map<string, Map<string, Map<string, { agg: number | null; facilities: number }>>>();
  for (const n of nodes) {
    if (!n.country || (n.kind !== 'mine' && n.kind !== 'refiner')) continue;
    const shares = byMineral.get(n.id);
    if (!shares) continue;
    const stage = n.stage ?? (n.kind === 'refiner' ? 'refined' : 'mine');
    let country = acc.get(n.country);
    if (!country) acc.set(n.country, (country = new Map()));
    for (const [mineral, share] of shares) {
      let stages = country.get(mineral);
      if (!stages) country.set(mineral, (stages = new Map()));
      const s = stages.get(stage) ?? { agg: null, facilities: 0 };
      if (n.aggregate) s.agg = Math.max(s.agg ?? 0, share);
      else s.facilities += share;
      stages.set(stage, s);
    }
  }
  const out = new Map<string, Map<string, number>>();
  for (const [iso3, minerals] of acc) {
    const byM = new Map<string, number>();
    for (const [mineral, stages] of minerals) {
      let best = 0;
      for (const s of stages.values()) best = Math.max(best, Math.min(1, s.agg ?? s.facilities));
      byM.set(mineral, best);
    }
    out.set(`country:${iso3}`, byM);
  }
  return out;
}
