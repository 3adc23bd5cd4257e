// Labels that never overprint: sigma draws forced labels (what-if, selection) wherever their node is, so a removal or
// a cluster of suppliers piled them into an unreadable clump. Here forced labels are placed first, by priority (the
// node's zIndex, then its size), on the right of their node or else on its left or a line above or below, and dropped
// when every place hits a label already placed; sigma's own (grid) labels are then drawn only where they hit nothing,
// on the left of their node when the right would run past the stage's edge (no label clipped at the right border).
// Greedy, O(k^2) per frame for the k labels considered (a few dozen).
import type Sigma from 'sigma';
import type { NodeDisplayData } from 'sigma/types';
import type { Settings } from 'sigma/settings';

export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Beside the node (sigma's place), on its left, or a line above or below either. */
export type Side = 'right' | 'left' | 'right-above' | 'right-below' | 'left-above' | 'left-below';
export const SIDES: readonly Side[] = ['right', 'left', 'right-above', 'right-below', 'left-above', 'left-below'];

export interface LabelCandidate {
  id: string;
  /** Node centre and radius, viewport pixels. */
  x: number;
  y: number;
  size: number;
  /** Label text width, pixels. */
  width: number;
  /** Width of the label's short form (the text before " · "), when it has one: used where the whole does not fit. */
  shortWidth?: number;
  priority: number;
}

/** A label's detail follows this separator ("✕ Brazil · 3 mines, 1 national total"); it is dropped for room. */
export const DETAIL_SEPARATOR = ' · ';

export function shortLabel(label: string): string {
  const i = label.indexOf(DETAIL_SEPARATOR);
  return i < 0 ? label : label.slice(0, i);
}

export interface Placement {
  side: Side;
  box: LabelBox;
  /** Drawn in its short form. */
  short: boolean;
}

/** Gap between a node's disc and its label, as sigma's default label drawer leaves it. */
export const LABEL_GAP = 3;

/**
 * Where a label of `height` px (the font size) sits for a side of its node. Beside it, the text baseline is at
 * y + height / 3 as sigma draws it, i.e. at the box's bottom (box.y + height); above and below shift it by a line.
 */
export function labelBox(c: Pick<LabelCandidate, 'x' | 'y' | 'size' | 'width'>, side: Side, height: number): LabelBox {
  const x = side.startsWith('right') ? c.x + c.size + LABEL_GAP : c.x - c.size - LABEL_GAP - c.width;
  const dy = side.endsWith('above') ? -height : side.endsWith('below') ? height : 0;
  return { x, y: c.y - (2 * height) / 3 + dy, width: c.width, height };
}

export function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export interface PlaceOptions {
  /** The stage (viewport pixels): a label is kept inside it when any of its places fits. */
  bounds?: { width: number; height: number };
  /** What labels must not cover: the legend, the zoom buttons. */
  obstacles?: readonly LabelBox[];
  /** From this priority up (a removal, a loss, the selection), a label that fits nowhere inside is drawn clipped. */
  clipFrom?: number;
}

/** Priority of the labels the what-if cannot do without (reducers' zIndex 3: removals and losses). */
export const ESSENTIAL_PRIORITY = 3;

/**
 * Places candidates highest priority first (then larger node, then id, so the same view always gives the same
 * picture): right of the node, else left, else a line above or below, inside the stage and off the obstacles, never
 * over another label or labelled node; else not at all (essential ones: clipped at the stage's edge).
 */
export function placeLabels(candidates: readonly LabelCandidate[], height: number, opts: PlaceOptions = {}): Map<string, Placement> {
  const order = [...candidates].sort((a, b) => b.priority - a.priority || b.size - a.size || a.id.localeCompare(b.id));
  const placed = new Map<string, Placement>();
  const boxes: LabelBox[] = [...(opts.obstacles ?? [])];
  // The labelled nodes' own discs: a label written over another labelled node would hide what it names.
  const discs = candidates.map((c) => ({ id: c.id, box: { x: c.x - c.size, y: c.y - c.size, width: 2 * c.size, height: 2 * c.size } }));
  const inside = (b: LabelBox) => !opts.bounds || (b.x >= 0 && b.y >= 0 && b.x + b.width <= opts.bounds.width && b.y + b.height <= opts.bounds.height);
  const clipFrom = opts.clipFrom ?? ESSENTIAL_PRIORITY;
  for (const c of order) {
    const spots = (short: boolean, width: number) =>
      SIDES.map((side) => ({ side, short, box: labelBox({ ...c, width }, side, height) })).filter(
        ({ box }) => !boxes.some((b) => overlaps(b, box)) && !discs.some((d) => d.id !== c.id && overlaps(d.box, box)),
      );
    const full = spots(false, c.width);
    const short = c.shortWidth !== undefined && c.shortWidth < c.width ? spots(true, c.shortWidth) : [];
    // Whole and inside, else short and inside, else (essential labels only) the most visible of either, clipped.
    const spot =
      full.find(({ box }) => inside(box)) ??
      short.find(({ box }) => inside(box)) ??
      (c.priority >= clipFrom ? mostVisible([...short, ...full], opts.bounds) : undefined);
    if (!spot) continue;
    placed.set(c.id, spot);
    boxes.push(spot.box);
  }
  return placed;
}

/** The place showing most of its label inside the stage, if any shows at all. */
function mostVisible<T extends { box: LabelBox }>(spots: readonly T[], bounds: PlaceOptions['bounds']): T | undefined {
  if (!bounds) return spots[0];
  let best: T | undefined;
  let bestArea = 0;
  for (const s of spots) {
    const w = Math.min(bounds.width, s.box.x + s.box.width) - Math.max(0, s.box.x);
    const h = Math.min(bounds.height, s.box.y + s.box.height) - Math.max(0, s.box.y);
    const area = w > 0 && h > 0 ? w * h : 0;
    if (area > bestArea) [best, bestArea] = [s, area];
  }
  return best;
}

/**
 * The side of one of sigma's own labels: on the right of its node as sigma draws it, unless it would run past the
 * stage's right edge (a node near the right border, the layered layout's consumer column) and fits on the left.
 */
export function ownLabelSide(c: Pick<LabelCandidate, 'x' | 'y' | 'size' | 'width'>, height: number, stageWidth: number | undefined): Side {
  if (stageWidth === undefined) return 'right';
  const right = labelBox(c, 'right', height);
  if (right.x + right.width <= stageWidth) return 'right';
  return labelBox(c, 'left', height).x >= 0 ? 'left' : 'right';
}

type LabelData = NodeDisplayData & { key: string };

/**
 * Installs the placement on one sigma renderer (the screen's, or the PNG export's temporary one): its label drawer
 * computes the forced labels' places once per frame, at the first label it is asked for, when the camera matrix of
 * that frame is known.
 */
export class LabelPlacer {
  private forced: string[] = [];
  private placed = new Map<string, Placement>();
  private drawn: LabelBox[] = [];
  /** Sigma's own labels drawn in the current frame and where (the forced ones are in `placed`). */
  private own = new Map<string, { side: Side; box: LabelBox }>();
  private stale = true;
  private readonly onProcess = () => this.collect();
  private readonly onRender = () => (this.stale = true);

  /** `obstacles` gives, in the stage's pixels, what labels must keep off (HTML drawn over the graph). */
  constructor(
    private readonly sigma: Sigma,
    private readonly obstacles: () => LabelBox[] = () => [],
  ) {
    sigma.on('afterProcess', this.onProcess);
    sigma.on('beforeRender', this.onRender);
    sigma.setSetting('defaultDrawNodeLabel', (ctx, data, settings) => this.draw(ctx, data as LabelData, settings));
    this.collect();
  }

  /** Node ids drawn with a forced label, in any order (after each process of the graph). */
  private collect(): void {
    const forced: string[] = [];
    this.sigma.getGraph().forEachNode((node) => {
      const d = this.sigma.getNodeDisplayData(node);
      if (d?.forceLabel && !d.hidden && d.label) forced.push(node);
    });
    this.forced = forced;
    this.stale = true;
  }

  private place(ctx: CanvasRenderingContext2D, settings: Settings): void {
    const height = settings.labelSize;
    ctx.font = `${settings.labelWeight} ${height}px ${settings.labelFont}`;
    const candidates: LabelCandidate[] = [];
    for (const node of this.forced) {
      const d = this.sigma.getNodeDisplayData(node);
      if (!d || d.hidden || !d.label) continue;
      const p = this.sigma.framedGraphToViewport(d);
      const short = shortLabel(d.label);
      candidates.push({
        id: node,
        x: p.x,
        y: p.y,
        size: this.sigma.scaleSize(d.size),
        width: ctx.measureText(d.label).width,
        shortWidth: short === d.label ? undefined : ctx.measureText(short).width,
        priority: d.zIndex,
      });
    }
    const obstacles = this.obstacles();
    this.placed = placeLabels(candidates, height, { bounds: this.sigma.getDimensions(), obstacles });
    this.drawn = [...obstacles, ...[...this.placed.values()].map((p) => p.box)];
    this.own = new Map();
    this.stale = false;
  }

  private draw(ctx: CanvasRenderingContext2D, data: LabelData, settings: Settings): void {
    if (!data.label) return;
    if (this.stale) this.place(ctx, settings);
    const height = settings.labelSize;
    ctx.font = `${settings.labelWeight} ${height}px ${settings.labelFont}`;
    let box: LabelBox;
    let text = data.label;
    if (data.forceLabel) {
      const spot = this.placed.get(data.key);
      if (!spot) return;
      if (spot.short) text = shortLabel(text);
      // Placed from the frame's display data; recomputed here from what sigma hands over, which is the same node.
      box = labelBox({ x: data.x, y: data.y, size: data.size, width: spot.box.width }, spot.side, height);
    } else {
      const c = { x: data.x, y: data.y, size: data.size, width: ctx.measureText(data.label).width };
      const side = ownLabelSide(c, height, this.sigma.getDimensions().width);
      box = labelBox(c, side, height);
      if (this.drawn.some((b) => overlaps(b, box))) return;
      this.drawn.push(box);
      this.own.set(data.key, { side, box });
    }
    ctx.fillStyle = settings.labelColor.attribute
      ? ((data as unknown as Record<string, string>)[settings.labelColor.attribute] ?? settings.labelColor.color ?? '#000')
      : (settings.labelColor.color ?? '#000');
    ctx.fillText(text, box.x, box.y + height);
  }

  /** The forced labels of the last frame and where they went (for the end-to-end tests and the console). */
  placements(): ReadonlyMap<string, Placement> {
    return this.placed;
  }

  /** Sigma's own (unforced) labels of the last frame, their side and box in the stage's pixels. */
  ownLabels(): ReadonlyMap<string, { side: Side; box: LabelBox }> {
    return this.own;
  }

  kill(): void {
    this.sigma.off('afterProcess', this.onProcess);
    this.sigma.off('beforeRender', this.onRender);
  }
}
