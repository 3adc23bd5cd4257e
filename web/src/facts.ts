// Pure facts of the details panel, kept out of the DOM code so they are tested in Node: the supply share that agrees
// with the chokepoint ranking (the API's production share of the mineral on screen) and the suppliers / customers
// that follow the filter.
import type { FlowPeer, NodeDetails } from './api.ts';
import type { ViewGraph, ViewNodeAttributes } from './graph.ts';
import { graphPeers } from './peers.ts';
import type { StageFilter } from './state.ts';

export interface ShareFact {
  share: number;
  mineral: string | null;
  stage: string | null;
  year: number | null;
  /** 'production': the API's share of world production (what the ranking shows); 'flows': share of the drawn supply. */
  basis: 'production' | 'flows';
}

/**
 * The node's share of the mineral on screen (over all minerals: of the mineral it weighs most in). The API's production
 * share for that mineral, stage and year comes first, as the chokepoint ranking uses it; before it arrives (or for a
 * node with no production of its own) the share of the drawn supply, which for a country includes its producers.
 */
export function supplyShareFact(opts: {
  production: NodeDetails['metrics']['production'] | null | undefined;
  attrs: Pick<ViewNodeAttributes, 'supplyShare' | 'supplyShareMineral'> | null;
  mineral: string;
  stage: StageFilter;
  year: number | null;
}): ShareFact | null {
  const { attrs, stage } = opts;
  const rows = opts.production ?? [];
  const latest = rows.reduce((y, r) => Math.max(y, r.year), -Infinity);
  const year = opts.year ?? (Number.isFinite(latest) ? latest : null);
  const inYear = rows.filter((r) => r.year === year && (stage === 'all' || stage === 'trade' || r.stage === stage));
  const mineral =
    opts.mineral !== 'all'
      ? opts.mineral
      : (attrs?.supplyShareMineral ?? inYear.reduce<(typeof rows)[number] | null>((b, r) => (!b || r.share > b.share ? r : b), null)?.mineral ?? null);
  let best: (typeof rows)[number] | null = null;
  for (const r of inYear) if (r.mineral === mineral && (!best || r.share > best.share)) best = r;
  if (best) return { share: best.share, mineral: best.mineral, stage: best.stage, year: best.year, basis: 'production' };
  if (attrs && typeof attrs.supplyShare === 'number' && (mineral === null || attrs.supplyShareMineral === mineral)) {
    return { share: attrs.supplyShare, mineral: attrs.supplyShareMineral, stage: null, year: opts.year, basis: 'flows' };
  }
  return null;
}

/**
 * Suppliers or customers for the panel: from the drawn graph when the node is drawn (so they follow the mineral, stage
 * and year, and a country's include its mines' and refiners'), else the API's list kept to the mineral on screen.
 */
export function detailPeers(
  graph: ViewGraph | null,
  id: string,
  details: Pick<NodeDetails, 'suppliers' | 'customers'> | null,
  direction: 'in' | 'out',
  mineral: string,
  limit = 8,
): FlowPeer[] {
  if (graph?.hasNode(id)) return graphPeers(graph, id, direction, limit);
  const list = (direction === 'in' ? details?.suppliers : details?.customers) ?? [];
  return list.filter((p) => mineral === 'all' || p.mineral === mineral).slice(0, limit);
}
