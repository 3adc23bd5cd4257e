import { describe, expect, it } from 'vitest';
import { LABEL_GAP, labelBox, overlaps, ownLabelSide, placeLabels, shortLabel } from '../../web/src/labels.ts';

const H = 14;

describe('labelBox / overlaps', () => {
  it('puts the label beside the node disc, on either side', () => {
    expect(labelBox({ x: 100, y: 50, size: 5, width: 40 }, 'right', H)).toEqual({ x: 100 + 5 + LABEL_GAP, y: 50 - (2 * H) / 3, width: 40, height: H });
    expect(labelBox({ x: 100, y: 50, size: 5, width: 40 }, 'left', H).x).toBe(100 - 5 - LABEL_GAP - 40);
  });

  it('boxes that only touch do not overlap', () => {
    expect(overlaps({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 10, height: 10 })).toBe(false);
    expect(overlaps({ x: 0, y: 0, width: 10, height: 10 }, { x: 9, y: 9, width: 10, height: 10 })).toBe(true);
  });
});

describe('placeLabels', () => {
  it('never writes a label over another labelled node', () => {
    // "Rest of world" (big, first) would cover the small "other countries" node 30 px to its right: it goes left.
    const placed = placeLabels(
      [
        { id: 'row', x: 100, y: 300, size: 16, width: 120, priority: 3 },
        { id: 'oth', x: 160, y: 300, size: 3, width: 80, priority: 2 },
      ],
      H,
    );
    expect(placed.get('row')?.side).toBe('left');
    expect(placed.get('oth')?.side).toBe('right');
  });

  it('the higher priority keeps the right side; others move left, then a line up or down, then drop out', () => {
    // "Rest of world −95%" (a loss, zIndex 3) at x 100; five small suppliers drawn on one spot at x 300 (size 0).
    const at = (id: string) => ({ id, x: 300, y: 300, size: 0, width: 150, priority: 2 });
    const placed = placeLabels([at('a'), { id: 'row', x: 100, y: 300, size: 16, width: 120, priority: 3 }, at('b'), at('c'), at('d'), at('e'), at('f')], H);
    expect(placed.get('row')?.side).toBe('right'); // 119..239
    expect(placed.get('a')?.side).toBe('right'); // same priority and size: by id
    // b: right is a's; left (147..297) crosses row's label: one line up, on the right
    expect(placed.get('b')?.side).toBe('right-above');
    expect(placed.get('c')?.side).toBe('right-below');
    expect(placed.get('d')?.side).toBe('left-above');
    expect(placed.get('e')?.side).toBe('left-below');
    expect(placed.has('f')).toBe(false); // every place taken
    const boxes = [...placed.values()].map((p) => p.box);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
  });

  it('labels far apart all keep the right side; the same input gives the same placement', () => {
    const input = [
      { id: 'a', x: 0, y: 0, size: 4, width: 50, priority: 2 },
      { id: 'b', x: 0, y: 40, size: 4, width: 50, priority: 2 },
    ];
    const placed = placeLabels(input, H);
    expect([...placed.values()].map((p) => p.side)).toEqual(['right', 'right']);
    expect(placeLabels([...input].reverse(), H)).toEqual(placed);
  });
});

describe('placeLabels inside the stage', () => {
  it('moves a label off the stage edge and off the legend; an essential one that fits nowhere is clipped, others drop', () => {
    const bounds = { width: 400, height: 300 };
    const legend = { x: 0, y: 200, width: 150, height: 100 };
    const placed = placeLabels(
      [
        { id: 'edge', x: 380, y: 50, size: 4, width: 60, priority: 2 }, // right side would leave the stage
        { id: 'legend', x: 100, y: 190, size: 4, width: 60, priority: 2 }, // a line below would cover the legend
        { id: 'tiny', x: 300, y: 110, size: 4, width: 450, priority: 2 }, // nowhere inside, not essential
        { id: 'brazil', x: 300, y: 150, size: 4, width: 500, priority: 3 }, // nowhere inside, essential
        { id: 'lost', x: 5, y: 294, size: 4, width: 500, priority: 3 }, // essential, but visible only over the legend
      ],
      H,
      { bounds, obstacles: [legend] },
    );
    expect(placed.get('edge')?.side).toBe('left');
    expect(placed.get('legend')?.side).toBe('right');
    expect(placed.get('legend')!.box.y + H).toBeLessThanOrEqual(legend.y);
    expect(placed.has('tiny')).toBe(false);
    // right shows 93 px of it, left 293 px: left, clipped at the stage's edge
    expect(placed.get('brazil')?.side).toBe('left');
    expect(placed.has('lost')).toBe(false);
  });
});

describe('short labels', () => {
  it('drops the detail after " · " where the whole label does not fit inside the stage', () => {
    expect(shortLabel('✕ Brazil · 3 mines, 1 national total')).toBe('✕ Brazil');
    expect(shortLabel('Canada')).toBe('Canada');
    // Brazil in the middle of a 390 px phone: 230 px do not fit on either side, its 60 px short form does.
    const placed = placeLabels([{ id: 'bra', x: 172, y: 200, size: 20, width: 230, shortWidth: 60, priority: 3 }], H, { bounds: { width: 390, height: 500 } });
    expect(placed.get('bra')).toMatchObject({ side: 'right', short: true });
    const wide = placeLabels([{ id: 'bra', x: 172, y: 200, size: 20, width: 230, shortWidth: 60, priority: 3 }], H, { bounds: { width: 1000, height: 500 } });
    expect(wide.get('bra')).toMatchObject({ side: 'right', short: false });
  });
});

describe("sigma's own labels near the right edge", () => {
  it('go left of the node when the right would run past the stage, and stay right otherwise', () => {
    const node = { y: 50, size: 5, width: 60 };
    expect(ownLabelSide({ ...node, x: 100 }, H, 800)).toBe('right');
    // 780 + 5 + gap + 60 > 800: on the right it would be clipped.
    expect(ownLabelSide({ ...node, x: 780 }, H, 800)).toBe('left');
    const left = labelBox({ ...node, x: 780 }, 'left', H);
    expect(left.x + left.width).toBeLessThanOrEqual(800);
    // Exactly fitting stays right; a stage too narrow for either side keeps sigma's place.
    expect(ownLabelSide({ ...node, x: 800 - 60 - 5 - LABEL_GAP }, H, 800)).toBe('right');
    expect(ownLabelSide({ ...node, x: 40 }, H, 80)).toBe('right');
    expect(ownLabelSide({ ...node, x: 780 }, H, undefined)).toBe('right');
  });
});
