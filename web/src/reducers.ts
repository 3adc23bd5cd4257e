// Pure node/edge reducers: view state (selection, hover, removals, impact, size and colour modes) -> what sigma draws,
// without touching the graph (sigma storybook "use reducers"; STYLE.md habit 9). deriveContext is O(n + m) once per
// state change; each reducer call is O(1).
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import {
  DIM_EDGE,
  DIM_NODE,
  KIND_COLORS,
  LOSS_PATH_EDGE,
  REMOVED_COLOR,
  REMOVED_EDGE,
  RISK_STOPS,
  STAGE_COLORS,
  lossColor,
  ramp,
  riskColor,
} from './colors.ts';
import { focusOf, maxNodeValue, type ViewEdgeAttributes, type ViewGraph, type ViewNodeAttributes } from './graph.ts';
import { DETAIL_SEPARATOR } from './labels.ts';
import type { SizeMode, ViewState } from './state.ts';

export const MIN_NODE_SIZE = 3;
export const MAX_NODE_SIZE = 16;
export const MIN_EDGE_SIZE = 0.6;
export const MAX_EDGE_SIZE = 6;
/** A selection's neighbours all get labels only when there are at most this many. */
export const MAX_FORCED_LABELS = 25;
/** At most this many remaining suppliers get a forced label (the largest by supply share). */
export const MAX_REMAINING_LABELS = 8;

export interface ReducerContext {
  selected: string | null;
  hovered: string | null;
  /** The selected node, what is located in it (for a country), and their neighbours; empty with no selection. */
  neighbours: ReadonlySet<string>;
  /** The selected node and what is located in it: edges touching these stay visible. */
  focus: ReadonlySet<string>;
  /** Nodes drawn as removed: the removal ids themselves and, for a removed country, everything located in it. */
  removedNodes: ReadonlySet<string>;
  /**
   * The one label each removal gets, on the node the user chose (or, when that is not drawn, the largest node it took
   * away): "✕ B̶r̶a̶z̶i̶l̶ · 3 mines, 1 national total". Everything else it took away is drawn removed but unlabelled,
   * so a removed country never piles a dozen struck-through labels on one spot.
   */
  removedLabels: ReadonlyMap<string, string>;
  /** Consumer node -> largest share of supply it lost (0..1), from the impact result. */
  lossByNode: ReadonlyMap<string, number>;
  /** The largest remaining suppliers of the consumers that lost supply: labelled, they are the answer's other half. */
  remainingSuppliers: ReadonlySet<string>;
  /** Aggregates whose country carries a what-if label: their own label would repeat it. */
  quiet: ReadonlySet<string>;
  /**
   * The what-if's answer: consumers that lost supply, every remaining supplier of theirs and what is located in those.
   * A selection dims the rest of the graph but not these, nor the flows into those consumers.
   */
  answer: ReadonlySet<string>;
  /** Edges along which a loss travelled. */
  lossEdges: ReadonlySet<string>;
  sizeBy: SizeMode;
  colorBy: ViewState['colorBy'];
  maxMetric: number;
  maxTonnes: number;
}

const SIZE_ATTRIBUTE = { share: 'supplyShare', pagerank: 'pagerank', betweenness: 'betweenness' } as const;

/** `country:CHN/gallium` (an export ban) removes China's gallium; plain ids remove the node. */
export function parseRemoval(id: string): { node: string; mineral: string | null } {
  const slash = id.indexOf('/');
  return slash < 0 ? { node: id, mineral: null } : { node: id.slice(0, slash), mineral: id.slice(slash + 1) };
}

export function deriveContext(graph: ViewGraph, state: ViewState): ReducerContext {
  const selected = state.selected && graph.hasNode(state.selected) ? state.selected : null;
  // A selected country stands for itself and what is located in it (its mines, refiners and aggregates).
  const focus = selected ? focusOf(graph, selected) : new Set<string>();
  const neighbours = new Set<string>(focus);
  for (const n of focus) graph.forEachNeighbor(n, (m) => neighbours.add(m));

  const removedNodes = new Set<string>();
  const removedCountries = new Map<string, string | null>();
  for (const id of state.removed) {
    const { node, mineral } = parseRemoval(id);
    if (node.startsWith('country:')) removedCountries.set(node.slice('country:'.length), mineral);
    if (mineral === null && graph.hasNode(node)) removedNodes.add(node);
  }
  if (removedCountries.size) {
    graph.forEachNode((node, a) => {
      if (!a.country || !removedCountries.has(a.country)) return;
      const mineral = removedCountries.get(a.country);
      if (mineral === null || a.mineral === mineral || a.minerals?.includes(mineral!)) removedNodes.add(node);
    });
  }

  const removedLabels = removalLabels(graph, state.removed, removedNodes);

  const lossByNode = new Map<string, number>();
  const lossEdges = new Set<string>();
  const remaining = new Set<string>();
  const impact = state.impactStatus === 'ready' ? state.impact : null;
  if (impact) {
    for (const c of impact.consumers) {
      if (c.tonnesLost <= 0 && c.shareLost <= 0) continue;
      if (c.shareLost > (lossByNode.get(c.country) ?? 0)) lossByNode.set(c.country, c.shareLost);
      for (const r of c.remainingSuppliers) if (graph.hasNode(r) && !removedNodes.has(r)) remaining.add(r);
      for (const path of c.paths) {
        for (let i = 0; i + 1 < path.nodes.length; i++) {
          const [u, v] = [path.nodes[i]!, path.nodes[i + 1]!];
          if (!graph.hasNode(u) || !graph.hasNode(v)) continue;
          for (const e of graph.edges(u, v)) if (graph.getEdgeAttribute(e, 'mineral') === c.mineral) lossEdges.add(e);
        }
      }
    }
  }

  for (const n of lossByNode.keys()) remaining.delete(n);
  const share = (n: string) => graph.getNodeAttribute(n, 'supplyShare') ?? 0;
  const remainingSuppliers = new Set([...remaining].sort((a, b) => share(b) - share(a) || a.localeCompare(b)).slice(0, MAX_REMAINING_LABELS));

  // A country labelled by the what-if speaks for its aggregates ("Canada" and "Canada niobium mine output").
  const labelledCountries = new Set<string>();
  for (const n of [...removedLabels.keys(), ...lossByNode.keys(), ...remainingSuppliers]) {
    if (n.startsWith('country:') && graph.hasNode(n)) labelledCountries.add(n.slice('country:'.length));
  }
  const quiet = new Set<string>();
  const answer = new Set<string>([...lossByNode.keys(), ...remaining]);
  const supplierCountries = new Set([...remaining].filter((n) => n.startsWith('country:')).map((n) => n.slice('country:'.length)));
  if (labelledCountries.size || supplierCountries.size) {
    graph.forEachNode((n, a) => {
      if (a.kind === 'country' || !a.country) return;
      if (a.aggregate && labelledCountries.has(a.country)) quiet.add(n);
      if (supplierCountries.has(a.country) && !removedNodes.has(n)) answer.add(n);
    });
  }

  return {
    selected,
    focus,
    hovered: state.hovered && graph.hasNode(state.hovered) ? state.hovered : null,
    neighbours,
    removedNodes,
    removedLabels,
    lossByNode,
    remainingSuppliers,
    quiet,
    answer,
    lossEdges,
    sizeBy: state.sizeBy,
    colorBy: state.colorBy,
    maxMetric: maxNodeValue(graph, SIZE_ATTRIBUTE[state.sizeBy]),
    maxTonnes: graph.getAttribute('maxTonnes') ?? 0,
  };
}

/** Size from a score on a square-root scale (area proportional to the score); unknown scores get the minimum. */
export function nodeSize(value: number | null | undefined, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || max <= 0) return MIN_NODE_SIZE;
  return MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt(Math.min(1, value / max));
}

export function edgeSize(tonnes: number | null | undefined, maxTonnes: number): number {
  if (typeof tonnes !== 'number' || !Number.isFinite(tonnes) || tonnes <= 0 || maxTonnes <= 0) return MIN_EDGE_SIZE;
  return MIN_EDGE_SIZE + (MAX_EDGE_SIZE - MIN_EDGE_SIZE) * Math.sqrt(Math.min(1, tonnes / maxTonnes));
}

/** "3 mines, 1 national total": what a removal took away besides the node it names. */
export function removalSummary(kinds: Iterable<{ kind: string; aggregate?: boolean | undefined }>): string {
  const counts = new Map<string, number>();
  for (const k of kinds) {
    const key = k.aggregate ? 'national total' : k.kind === 'country' ? 'country' : k.kind;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const plural: Record<string, string> = { mine: 'mines', refiner: 'refiners', 'national total': 'national totals', country: 'countries' };
  const order = Object.keys(plural);
  return [...counts]
    .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([k, n]) => `${n} ${n > 1 ? (plural[k] ?? `${k}s`) : k}`)
    .join(', ');
}

/** One label per removal id, on its own node when drawn, else on the largest node it took away. */
function removalLabels(graph: ViewGraph, removed: readonly string[], removedNodes: ReadonlySet<string>): Map<string, string> {
  const labels = new Map<string, string>();
  for (const id of removed) {
    const { node, mineral } = parseRemoval(id);
    const iso3 = node.startsWith('country:') ? node.slice('country:'.length) : null;
    const members: string[] = [];
    if (iso3) {
      for (const n of removedNodes) {
        const a = graph.getNodeAttributes(n);
        if (n !== node && a.country === iso3 && (mineral === null || a.mineral === mineral || a.minerals?.includes(mineral))) members.push(n);
      }
    }
    let carrier = graph.hasNode(node) ? node : null;
    if (!carrier && members.length) {
      carrier = members.reduce((best, n) => ((graph.getNodeAttribute(n, 'supplyShare') ?? 0) > (graph.getNodeAttribute(best, 'supplyShare') ?? 0) ? n : best));
    }
    if (!carrier || labels.has(carrier)) continue;
    const others = members.filter((n) => n !== carrier).map((n) => graph.getNodeAttributes(n));
    // The chosen node is drawn, or else (a country outside the drawn graph) named by its code.
    const name = carrier === node ? graph.getNodeAttribute(carrier, 'label') : (iso3 ?? carrier);
    const what = mineral ? ` ${mineral} exports` : '';
    // The count is a detail the label placement may drop for room (labels.ts DETAIL_SEPARATOR).
    labels.set(carrier, `✕ ${strike(name)}${what}${others.length ? `${DETAIL_SEPARATOR}${removalSummary(others)}` : ''}`);
  }
  return labels;
}

/** U+0336 after each character: a struck-through label that canvas text draws without any custom renderer. */
export function strike(text: string): string {
  return [...text].map((c) => c + '\u0336').join('');
}

export function baseNodeColor(attrs: ViewNodeAttributes, colorBy: ViewState['colorBy']): string {
  if (colorBy === 'risk') {
    // Mineral nodes carry R (already min-max normalised 0..1); places carry G on the WGI-derived 1/7..6/7 scale.
    if (attrs.kind === 'mineral') return attrs.risk === null ? riskColor(null) : ramp(RISK_STOPS, attrs.risk);
    return riskColor(attrs.risk);
  }
  if (attrs.kind === 'country' && attrs.aggregate) return KIND_COLORS.consumer;
  return KIND_COLORS[attrs.kind] ?? KIND_COLORS.country;
}

export function makeNodeReducer(ctx: ReducerContext) {
  return (node: string, attrs: ViewNodeAttributes): Partial<NodeDisplayData> => {
    const value = attrs[SIZE_ATTRIBUTE[ctx.sizeBy]];
    const out: Partial<NodeDisplayData> = {
      x: attrs.x,
      y: attrs.y,
      label: attrs.label,
      size: nodeSize(value, ctx.maxMetric),
      color: baseNodeColor(attrs, ctx.colorBy),
      zIndex: 1,
    };
    const loss = ctx.lossByNode.get(node);
    const removedLabel = ctx.removedLabels.get(node);
    const pointed = node === ctx.selected || node === ctx.hovered;
    // Taken away with a removal but not the node the user chose: drawn removed, labelled only when pointed at.
    const silent = (ctx.removedNodes.has(node) && removedLabel === undefined) || ctx.quiet.has(node);
    if (ctx.removedNodes.has(node)) {
      out.color = REMOVED_COLOR;
      out.label = removedLabel ?? (pointed ? `✕ ${strike(attrs.label)}` : null);
      out.forceLabel = removedLabel !== undefined;
      out.zIndex = removedLabel !== undefined ? 3 : 2;
    } else if (removedLabel !== undefined) {
      // An export ban's country: it still ships its other minerals, so it keeps its colour and only carries the label.
      out.label = removedLabel;
      out.forceLabel = true;
      out.zIndex = 3;
    } else if (loss !== undefined) {
      out.color = lossColor(loss, ctx.colorBy);
      out.label = `${attrs.label} −${Math.round(loss * 100)}%`;
      out.forceLabel = true;
      out.zIndex = 3;
    } else if (ctx.selected && !ctx.neighbours.has(node) && !ctx.answer.has(node)) {
      out.color = DIM_NODE;
      out.label = null;
      out.zIndex = 0;
    } else if (ctx.remainingSuppliers.has(node)) {
      out.forceLabel = true;
      out.zIndex = 2;
    }
    if (silent && !pointed) {
      out.label = null;
      out.forceLabel = false;
    }
    if (ctx.selected && ctx.neighbours.has(node) && !silent) {
      // Beyond a few dozen, forced labels only pile up; sigma's label grid then picks the readable ones.
      out.forceLabel = ctx.neighbours.size <= MAX_FORCED_LABELS;
      out.zIndex = Math.max(out.zIndex ?? 0, 2);
    }
    if (pointed) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 4;
    }
    return out;
  };
}

export function makeEdgeReducer(ctx: ReducerContext, graph: ViewGraph) {
  return (edge: string, attrs: ViewEdgeAttributes): Partial<EdgeDisplayData> => {
    // While sigma swaps graphs it may ask a reducer built for the other graph: answer neutrally, never throw.
    if (!graph.hasEdge(edge)) return {};
    const out: Partial<EdgeDisplayData> = {
      size: edgeSize(attrs.tonnes, ctx.maxTonnes),
      color: STAGE_COLORS[attrs.stage] ?? STAGE_COLORS.trade,
      zIndex: 1,
    };
    const source = graph.source(edge);
    const target = graph.target(edge);
    if (ctx.lossEdges.has(edge)) {
      out.color = LOSS_PATH_EDGE;
      out.zIndex = 3;
      return out;
    }
    if (ctx.removedNodes.has(source) || ctx.removedNodes.has(target)) {
      out.color = REMOVED_EDGE;
      out.zIndex = 0;
      return out;
    }
    if (ctx.selected) {
      if (!ctx.focus.has(source) && !ctx.focus.has(target) && !(ctx.lossByNode.has(target) && ctx.answer.has(source))) {
        out.color = DIM_EDGE;
        out.hidden = true;
        out.zIndex = 0;
      } else out.zIndex = 2;
    }
    return out;
  };
}
