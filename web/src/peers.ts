// Top suppliers and customers of a node as drawn: flows that cross the border of the node (and, for a country, of
// what is located in it) in the displayed graph, so they follow the mineral, stage and year filter. O(n + degree).
import { focusOf, type ViewGraph } from './graph.ts';
import { shortName } from './ranking.ts';

export interface Peer {
  node: string;
  name: string;
  mineral: string;
  stage: string;
  tonnes: number | null;
}

/**
 * Flows into (`in`: suppliers) or out of (`out`: customers) the node's focus, summed per peer, mineral and stage,
 * largest first (unknown tonnes last). Flows inside the focus (a Brazilian mine feeding Brazil's aggregate) are
 * internal, not trade, and left out.
 */
export function graphPeers(graph: ViewGraph, id: string, direction: 'in' | 'out', limit = 8): Peer[] {
  const focus = focusOf(graph, id);
  const byKey = new Map<string, Peer>();
  for (const n of focus) {
    const each = direction === 'in' ? graph.forEachInEdge.bind(graph) : graph.forEachOutEdge.bind(graph);
    each(n, (_e, a, source, target) => {
      const peer = direction === 'in' ? source : target;
      if (focus.has(peer)) return;
      const key = `${peer}|${a.mineral}|${a.stage}`;
      const known = typeof a.tonnes === 'number' && Number.isFinite(a.tonnes);
      const row = byKey.get(key);
      if (row) {
        if (known) row.tonnes = (row.tonnes ?? 0) + a.tonnes!;
      } else {
        const name = shortName(graph.getNodeAttribute(peer, 'name') ?? peer);
        byKey.set(key, { node: peer, name, mineral: a.mineral, stage: a.stage, tonnes: known ? a.tonnes : null });
      }
    });
  }
  return [...byKey.values()]
    .sort((a, b) => (b.tonnes ?? -1) - (a.tonnes ?? -1) || a.name.localeCompare(b.name))
    .slice(0, limit);
}
