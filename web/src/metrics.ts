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
 * Share of a mineral's world supply passing through each node: throughput (the larger of its in- and out-tonnes of
 * the mineral) over the mineral's final supply (tonnes reaching nodes with no onward flow of that mineral, i.e. the
 * consumers). A node's score is its largest share over minerals. Flows with unknown tonnes count as 0.
 */
export function supplyShares(edges: Iterable<ShareEdge>): Map<string, number> {
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
  const shares = new Map<string, number>();
  for (const { inT, outT } of byMineral.values()) {
    let finalSupply = 0;
    for (const [node, t] of inT) if (!outT.has(node)) finalSupply += t;
    if (finalSupply <= 0) continue;
    const nodes = new Set([...inT.keys(), ...outT.keys()]);
    for (const node of nodes) {
      const share = Math.max(inT.get(node) ?? 0, outT.get(node) ?? 0) / finalSupply;
      if (share > (shares.get(node) ?? 0)) shares.set(node, Math.min(1, share));
    }
  }
  return shares;
}
