// What the legend says, as data: drawn as HTML beside the graph and onto the exported PNG from the same model, and
// built from the same palettes the reducers use (colors.ts).
import { KIND_COLORS, KIND_LABELS, REMOVED_COLOR, RISK_STOPS, STAGE_COLORS, LOSS_PATH_EDGE, UNKNOWN_COLOR, lossStops } from './colors.ts';
import type { ColorMode, SizeMode } from './state.ts';

export type LegendItem =
  | { type: 'dot'; color: string; label: string }
  | { type: 'line'; color: string; label: string }
  | { type: 'ramp'; stops: readonly string[]; from: string; to: string; label: string }
  | { type: 'text'; label: string };

export interface LegendSection {
  title: string;
  items: LegendItem[];
}

export const SIZE_LABELS: Record<SizeMode, string> = {
  share: 'share of the mineral’s world supply passing through the node',
  pagerank: 'PageRank (tonnes as strength)',
  betweenness: 'betweenness (cost 1/share, never tonnes as distance)',
};

export function legendModel(opts: { colorBy: ColorMode; sizeBy: SizeMode; impact: boolean; removed: number }): LegendSection[] {
  const sections: LegendSection[] = [];
  if (opts.colorBy === 'kind') {
    sections.push({
      title: 'Nodes',
      // Mineral nodes carry no flow, so the view never draws them: no legend entry.
      items: (['country', 'consumer', 'mine', 'refiner'] as const).map((k) => ({ type: 'dot', color: KIND_COLORS[k], label: KIND_LABELS[k] })),
    });
  } else {
    sections.push({
      // With an impact on screen the consumers that lost supply wear the loss scale (What-if below), the rest this one.
      title: opts.impact ? 'Supply risk (all other nodes)' : 'Supply risk',
      items: [
        { type: 'ramp', stops: RISK_STOPS, from: 'low', to: 'high', label: 'governance risk G of the location (WGI, seed 003 eq. 4-5); minerals: R' },
        { type: 'dot', color: UNKNOWN_COLOR, label: 'no WGI data' },
      ],
    });
  }
  sections.push({ title: 'Size', items: [{ type: 'text', label: SIZE_LABELS[opts.sizeBy] }] });
  sections.push({
    title: 'Flows (thickness: tonnes)',
    items: [
      { type: 'line', color: STAGE_COLORS.mine, label: 'mine output' },
      { type: 'line', color: STAGE_COLORS.refined, label: 'refined output' },
      { type: 'line', color: STAGE_COLORS.trade, label: 'trade' },
    ],
  });
  if (opts.removed > 0) {
    const items: LegendItem[] = [{ type: 'dot', color: REMOVED_COLOR, label: '✕ removed (struck through)' }];
    if (opts.impact) {
      items.push({ type: 'ramp', stops: lossStops(opts.colorBy), from: '0%', to: '100%', label: 'consumer: share of supply lost' });
      items.push({ type: 'line', color: LOSS_PATH_EDGE, label: 'path of the lost supply' });
      items.push({ type: 'text', label: 'labelled: the largest remaining suppliers of those consumers' });
    }
    sections.push({ title: 'What-if', items });
  }
  return sections;
}
