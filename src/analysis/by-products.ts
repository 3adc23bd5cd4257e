// By-product coupling (issue 13, item 2): a loss of a host mineral's supply takes the companions recovered with it
// (gallium with alumina/aluminium, germanium and indium with zinc, rhenium with molybdenum ...) down in proportion.
// The couplings are data: BY_PRODUCT_OF links companion -> host with `share`, the fraction of the companion's world
// primary production that comes with that host (src/data/sources/by-products.ts, carried on the graph's attributes).
// Model: companion share lost = 1 - prod over its hosts h of (1 - share_h x hostLoss_h), where hostLoss_h is the
// share of the host's world output the removal takes (productionShareLost, else the share of supply reaching
// consumers lost). Couplings are global shares, so the companion loss is spread over its consumers in proportion to
// what each receives. O(links + companion consumers) after the host impacts are known.
import type { SupplyGraph } from '../domain/graph.ts';
import type { ByProductRecord } from '../domain/model.ts';
import { mineralYearIndex } from './flow-index.ts';
import type { ByProductImpact, MineralImpact } from './types.ts';

/** The BY_PRODUCT_OF links of a graph (empty for a graph built without them). */
export function byProductLinks(graph: SupplyGraph): ByProductRecord[] {
  return graph.getAttribute('byProducts') ?? [];
}

/** Companions of one host mineral with their shares, largest first (the `companions` question of the Cypher library). */
export function companionsOf(graph: SupplyGraph, host: string): ByProductRecord[] {
  return byProductLinks(graph)
    .filter((l) => l.to === `mineral:${host}`)
    .sort((a, b) => b.share - a.share || a.from.localeCompare(b.from));
}

/** The share of a host's output a removal takes, with its range: world production lost where known, else supply. */
function hostLoss(mi: MineralImpact): { point: number; range: [number, number] } {
  const point = mi.productionShareLost ?? mi.shareLost;
  const range = mi.productionShareLost !== undefined ? (mi.productionShareLostRange ?? [point, point]) : (mi.shareLostRange ?? [point, point]);
  return { point, range: [Math.min(range[0], point), Math.max(range[1], point)] };
}

/**
 * The companion losses implied by the host losses of an impact (one entry per companion, hosts under `via`), for
 * `year`. A companion without flows that year gets tonnes 0 and a note. Empty when no removed host has companions.
 */
export function byProductImpacts(graph: SupplyGraph, minerals: readonly MineralImpact[], year: number, notes: Set<string>): ByProductImpact[] {
  const links = byProductLinks(graph);
  if (!links.length) return [];
  const lostHosts = new Map(minerals.filter((m) => (m.productionShareLost ?? m.shareLost) > 0).map((m) => [m.mineral, m] as const));
  const byCompanion = new Map<string, ByProductRecord[]>();
  for (const link of links) {
    const host = link.to.slice('mineral:'.length);
    if (!lostHosts.has(host)) continue;
    const companion = link.from.slice('mineral:'.length);
    byCompanion.set(companion, [...(byCompanion.get(companion) ?? []), link]);
  }
  const out: ByProductImpact[] = [];
  for (const [companion, hostLinks] of [...byCompanion].sort((a, b) => a[0].localeCompare(b[0]))) {
    let left = 1;
    let leftLow = 1; // what is left at the low end of the loss
    let leftHigh = 1;
    const via: ByProductImpact['via'] = [];
    for (const link of hostLinks.sort((a, b) => a.to.localeCompare(b.to))) {
      const host = link.to.slice('mineral:'.length);
      const loss = hostLoss(lostHosts.get(host)!);
      const [sLow, sHigh] = link.shareRange ?? [link.share, link.share];
      const lost = link.share * loss.point;
      left *= 1 - lost;
      leftLow *= 1 - Math.min(sLow, link.share) * loss.range[0];
      leftHigh *= 1 - Math.max(sHigh, link.share) * loss.range[1];
      via.push({
        host,
        share: link.share,
        shareRange: [Math.min(sLow, link.share), Math.max(sHigh, link.share)],
        hostShareLost: loss.point,
        shareLost: lost,
        path: [link.to, link.from],
        source: link.source,
        ...(link.estimated ? { estimated: true, rule: link.rule ?? 'estimated (no rule recorded)' } : {}),
      });
    }
    const shareLost = 1 - left;
    const shareLostRange: [number, number] = [1 - leftLow, 1 - leftHigh];
    const idx = mineralYearIndex(graph, companion, year);
    const before = idx.totalBefore;
    if (!(before > 0)) notes.add(`${companion}: by-product of ${via.map((v) => v.host).join(', ')}, but the dataset has no ${companion} flows in ${year}: share lost only, tonnes 0`);
    const consumers: ByProductImpact['consumers'] = [];
    for (let k = 0; k < idx.consumers.length; k++) {
      const c = idx.consumers[k]!;
      const t = idx.consumedBefore[c]!;
      if (!(t > 0)) continue;
      consumers.push({ country: idx.ids[c]!, tonnesBefore: t, tonnesLost: t * shareLost, tonnesLostRange: [t * shareLostRange[0], t * shareLostRange[1]] });
    }
    consumers.sort((a, b) => b.tonnesLost - a.tonnesLost || a.country.localeCompare(b.country));
    out.push({
      mineral: companion,
      tonnesBefore: before,
      tonnesLost: before * shareLost,
      tonnesLostRange: [before * shareLostRange[0], before * shareLostRange[1]],
      shareLost,
      shareLostRange,
      via,
      consumers,
    });
  }
  if (out.length) {
    notes.add(
      `by-products: ${out.map((b) => `${b.mineral} (via ${b.via.map((v) => v.host).join(', ')})`).join('; ')} lose supply with their host in proportion to the share of their ` +
        'primary production that comes with it (BY_PRODUCT_OF links; shares are ranges read from qualitative statements, see byProducts[].via[].rule); ' +
        'spread over consumers in proportion to what each receives. An export ban counts the host output that no longer leaves the country as lost, ' +
        'so the companion loss is an upper bound there: the banning country may keep refining the host, and recovering the companion, for its own use',
    );
  }
  return out;
}
