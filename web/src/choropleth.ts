// The what-if choropleth: each consumer country's share of supply lost (impact result, reducers.ts lossByNode) as the
// fill of its shape on the world map, keyed by the country's UN M49 code (the world-atlas feature id). Pure: the
// world layer (layout/world.ts) draws what this returns. O(consumers).
import type { ViewGraph } from './graph.ts';
import { lossColor } from './colors.ts';

/** M49 id -> fill colour for every drawn country that lost supply; aggregates (country:ROW) have no shape. */
export function choroplethFills(graph: ViewGraph, lossByNode: ReadonlyMap<string, number>, colorBy: 'kind' | 'risk' = 'kind'): Map<string, string> {
  const fills = new Map<string, string>();
  for (const [id, loss] of lossByNode) {
    if (!(loss > 0) || !graph.hasNode(id)) continue;
    const a = graph.getNodeAttributes(id);
    if (a.kind !== 'country' || a.aggregate) continue;
    const m49 = typeof a.m49 === 'string' ? a.m49 : undefined;
    if (m49) fills.set(m49, lossColor(loss, colorBy));
  }
  return fills;
}
