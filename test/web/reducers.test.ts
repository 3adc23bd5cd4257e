import { describe, expect, it } from 'vitest';
import type { ImpactResult } from '../../src/analysis/types.ts';
import { DIM_NODE, KIND_COLORS, LOSS_PATH_EDGE, LOSS_STOPS_ON_RISK, REMOVED_COLOR, REMOVED_EDGE, STAGE_COLORS, lossColor, ramp, riskColor } from '../../web/src/colors.ts';
import { buildViewGraph } from '../../web/src/graph.ts';
import {
  MAX_EDGE_SIZE,
  MAX_NODE_SIZE,
  MIN_EDGE_SIZE,
  MIN_NODE_SIZE,
  deriveContext,
  edgeSize,
  makeEdgeReducer,
  makeNodeReducer,
  nodeSize,
  parseRemoval,
  removalSummary,
  strike,
} from '../../web/src/reducers.ts';
import { DEFAULT_STATE, type ViewState } from '../../web/src/state.ts';
import { tinyApiGraph } from './fixtures.ts';

const graph = buildViewGraph(tinyApiGraph());
const state = (patch: Partial<ViewState> = {}): ViewState => ({ ...DEFAULT_STATE, ...patch });
const reducersFor = (s: ViewState) => {
  const ctx = deriveContext(graph, s);
  const node = makeNodeReducer(ctx);
  const edge = makeEdgeReducer(ctx, graph);
  return {
    ctx,
    node: (id: string) => node(id, graph.getNodeAttributes(id)),
    edge: (id: string) => edge(id, graph.getEdgeAttributes(id)),
  };
};

// Removing the refinery in 2025 cuts all 80 t of x: CCC loses 50 of its 50 t of x, ROW 30 of 30.
const impact: ImpactResult = {
  removed: ['refiner:bbb-x'],
  model: 'proportional',
  year: 2025,
  minerals: [{ mineral: 'x', tonnesBefore: 80, tonnesLost: 80, shareLost: 1, hhiBefore: 6250, hhiAfter: 0 }],
  consumers: [
    { country: 'country:CCC', mineral: 'x', tonnesBefore: 50, tonnesLost: 50, shareLost: 1, remainingSuppliers: [], paths: [{ nodes: ['mine:aaa-x', 'refiner:bbb-x', 'country:CCC'], tonnes: 37.5 }] },
    { country: 'country:CCC', mineral: 'y', tonnesBefore: 5, tonnesLost: 0, shareLost: 0, remainingSuppliers: ['mine:aaa-y'], paths: [] },
    { country: 'country:ROW', mineral: 'x', tonnesBefore: 30, tonnesLost: 12, shareLost: 0.4, remainingSuppliers: [], paths: [{ nodes: ['refiner:bbb-x', 'country:ROW'], tonnes: 12 }] },
  ],
  structure: { nodesDisconnected: [], articulationPoints: {} },
  notes: [],
};

describe('sizes', () => {
  it('scales node area with the score (square root), minimum for unknown', () => {
    expect(nodeSize(1, 1)).toBe(MAX_NODE_SIZE);
    expect(nodeSize(0.25, 1)).toBeCloseTo(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * 0.5, 12);
    expect(nodeSize(null, 1)).toBe(MIN_NODE_SIZE);
    expect(nodeSize(0.5, 0)).toBe(MIN_NODE_SIZE);
  });

  it('scales edge thickness with tonnes the same way', () => {
    expect(edgeSize(60, 60)).toBe(MAX_EDGE_SIZE);
    expect(edgeSize(15, 60)).toBeCloseTo(MIN_EDGE_SIZE + (MAX_EDGE_SIZE - MIN_EDGE_SIZE) * 0.5, 12);
    expect(edgeSize(null, 60)).toBe(MIN_EDGE_SIZE);
  });
});

describe('labels and ids', () => {
  it('strikes text through with U+0336', () => {
    expect(strike('ab')).toBe('a\u0336b\u0336');
  });

  it('reads export-ban removals', () => {
    expect(parseRemoval('country:CHN/gallium')).toEqual({ node: 'country:CHN', mineral: 'gallium' });
    expect(parseRemoval('mine:x')).toEqual({ node: 'mine:x', mineral: null });
  });
});

describe('nodeReducer', () => {
  it('colours by kind and sizes by supply share with no selection', () => {
    const r = reducersFor(state());
    expect(r.node('mine:aaa-x')).toMatchObject({ color: KIND_COLORS.mine, label: 'Aland x mine output' });
    expect(r.node('refiner:bbb-x')).toMatchObject({ color: KIND_COLORS.refiner, size: MAX_NODE_SIZE });
    expect(r.node('country:ROW').color).toBe(KIND_COLORS.consumer);
    expect(r.node('country:CCC').color).toBe(KIND_COLORS.country);
    expect(r.node('mine:bbb-x').size).toBeCloseTo(nodeSize(0.25, 1), 12);
  });

  it('colours by governance risk in risk mode', () => {
    const r = reducersFor(state({ colorBy: 'risk' }));
    expect(r.node('mine:aaa-x').color).toBe(riskColor(0.5));
    expect(r.node('country:CCC').color).toBe(riskColor(null));
  });

  it('dims all but the selection and its neighbours, and labels those', () => {
    const r = reducersFor(state({ selected: 'refiner:bbb-x' }));
    expect(r.ctx.neighbours).toEqual(new Set(['refiner:bbb-x', 'mine:aaa-x', 'mine:bbb-x', 'country:CCC', 'country:ROW']));
    expect(r.node('mine:aaa-y')).toMatchObject({ color: DIM_NODE, label: null });
    expect(r.node('country:CCC')).toMatchObject({ color: KIND_COLORS.country, forceLabel: true });
    expect(r.node('refiner:bbb-x')).toMatchObject({ highlighted: true, forceLabel: true });
  });

  it('a selected country brings what is located in it, and their flows, into focus', () => {
    const r = reducersFor(state({ selected: 'country:AAA' }));
    expect([...r.ctx.focus].sort()).toEqual(['country:AAA', 'mine:aaa-x', 'mine:aaa-y']);
    expect([...r.ctx.neighbours].sort()).toEqual(['country:AAA', 'country:CCC', 'mine:aaa-x', 'mine:aaa-y', 'refiner:bbb-x']);
    expect(r.node('mine:bbb-x').color).toBe(DIM_NODE);
    expect(r.edge('e1').hidden).toBeUndefined(); // from an Aland mine
    expect(r.edge('e3').hidden).toBe(true); // refinery -> Cland: not Aland's
  });

  it('ignores a selection that is not drawn (e.g. a country outside the filter)', () => {
    const r = reducersFor(state({ selected: 'country:BRA' }));
    expect(r.ctx.selected).toBeNull();
    expect(r.node('mine:aaa-y').color).toBe(KIND_COLORS.mine);
  });

  it('a removed country takes what is located in it, and only the country carries a label, with a count', () => {
    const r = reducersFor(state({ removed: ['country:BBB'] }));
    expect([...r.ctx.removedNodes].sort()).toEqual(['country:BBB', 'mine:bbb-x', 'refiner:bbb-x']);
    expect(r.node('country:BBB')).toMatchObject({ color: REMOVED_COLOR, label: `✕ ${strike('Bland')} · 1 refiner, 1 national total`, forceLabel: true });
    // what it took away is drawn removed but silent: no pile of struck-through labels around one spot
    expect(r.node('refiner:bbb-x')).toMatchObject({ color: REMOVED_COLOR, label: null, forceLabel: false });
    expect(r.node('mine:bbb-x')).toMatchObject({ color: REMOVED_COLOR, label: null, forceLabel: false });
    expect(r.node('mine:aaa-x').color).toBe(KIND_COLORS.mine);
    const labelled = graph.nodes().filter((n) => r.node(n).forceLabel);
    expect(labelled).toEqual(['country:BBB']);
  });

  it('a silent removed node still names itself when pointed at', () => {
    const r = reducersFor(state({ removed: ['country:BBB'], hovered: 'refiner:bbb-x' }));
    expect(r.node('refiner:bbb-x')).toMatchObject({ label: `✕ ${strike('Bland x refinery')}`, forceLabel: true, highlighted: true });
  });

  it('removing a facility labels that facility alone', () => {
    const r = reducersFor(state({ removed: ['refiner:bbb-x'] }));
    expect(r.node('refiner:bbb-x')).toMatchObject({ color: REMOVED_COLOR, label: `✕ ${strike('Bland x refinery')}`, forceLabel: true });
    expect(r.node('country:BBB').color).toBe(KIND_COLORS.country);
  });

  it('an export ban marks only the banned mineral\'s nodes; the country keeps its colour and carries the label', () => {
    const r = reducersFor(state({ removed: ['country:AAA/y'] }));
    expect([...r.ctx.removedNodes]).toEqual(['mine:aaa-y']);
    expect(r.node('country:AAA')).toMatchObject({ color: KIND_COLORS.country, label: `✕ ${strike('Aland')} y exports · 1 national total`, forceLabel: true });
    expect(r.node('mine:aaa-y')).toMatchObject({ color: REMOVED_COLOR, label: null });
  });

  it('counts what a removal took away by kind', () => {
    expect(removalSummary([{ kind: 'mine' }, { kind: 'mine' }, { kind: 'mine' }, { kind: 'mine', aggregate: true }])).toBe('3 mines, 1 national total');
    expect(removalSummary([{ kind: 'refiner' }, { kind: 'country' }, { kind: 'country' }])).toBe('1 refiner, 2 countries');
    expect(removalSummary([])).toBe('');
  });

  it('colours consumers by their largest share lost once the impact is in', () => {
    const loading = reducersFor(state({ removed: ['refiner:bbb-x'], impact, impactStatus: 'loading' }));
    expect(loading.ctx.lossByNode.size).toBe(0);
    const r = reducersFor(state({ removed: ['refiner:bbb-x'], impact, impactStatus: 'ready' }));
    expect(r.ctx.lossByNode).toEqual(new Map([['country:CCC', 1], ['country:ROW', 0.4]]));
    expect(r.node('country:CCC')).toMatchObject({ color: lossColor(1), label: 'Cland −100%' });
    expect(r.node('country:ROW')).toMatchObject({ color: lossColor(0.4), label: 'Rest of world −40%' });
  });
});

describe('what-if picture', () => {
  // Removing Bland's mine total (20 of the refinery's 80 t of x): Cland and the rest of the world each lose 25%; Aland
  // (through its national total of x) remains their supplier.
  const partial: ImpactResult = {
    ...impact,
    removed: ['mine:bbb-x'],
    consumers: [
      { country: 'country:CCC', mineral: 'x', tonnesBefore: 50, tonnesLost: 12.5, shareLost: 0.25, remainingSuppliers: ['country:AAA'], paths: [{ nodes: ['mine:bbb-x', 'refiner:bbb-x', 'country:CCC'], tonnes: 12.5 }] },
      { country: 'country:ROW', mineral: 'x', tonnesBefore: 30, tonnesLost: 7.5, shareLost: 0.25, remainingSuppliers: ['country:AAA', 'mine:bbb-x'], paths: [] },
      { country: 'country:CCC', mineral: 'y', tonnesBefore: 5, tonnesLost: 0, shareLost: 0, remainingSuppliers: ['mine:aaa-y'], paths: [] },
    ],
  };

  it('labels the remaining suppliers of the consumers that lost supply, not those of untouched ones, nor removed nodes', () => {
    const r = reducersFor(state({ removed: ['mine:bbb-x'], impact: partial, impactStatus: 'ready' }));
    expect([...r.ctx.remainingSuppliers]).toEqual(['country:AAA']);
    expect(r.node('country:AAA')).toMatchObject({ label: 'Aland', forceLabel: true });
    // Aland's national totals would repeat its label
    expect(r.node('mine:aaa-x')).toMatchObject({ label: null, forceLabel: false });
    expect(r.node('mine:aaa-y').forceLabel).toBeFalsy(); // supplies Cland's y, which lost nothing
    const forced = graph.nodes().filter((n) => r.node(n).forceLabel).sort();
    expect(forced).toEqual(['country:AAA', 'country:CCC', 'country:ROW', 'mine:bbb-x']);
  });

  it('a selection dims the rest of the graph but not the answer: hit consumers, their remaining suppliers and flows', () => {
    const r = reducersFor(state({ removed: ['mine:bbb-x'], impact: partial, impactStatus: 'ready', selected: 'mine:bbb-x' }));
    expect(r.node('country:AAA').color).toBe(KIND_COLORS.country);
    expect(r.node('mine:aaa-x').color).toBe(KIND_COLORS.mine); // located in a remaining supplier
    expect(r.node('country:CCC').color).toBe(lossColor(0.25));
    expect(r.edge('e6').hidden).toBeUndefined(); // Aland's y into Cland, a consumer that lost x
    const without = reducersFor(state({ selected: 'mine:bbb-x' }));
    expect(without.node('country:AAA').color).toBe(DIM_NODE);
    expect(without.edge('e6').hidden).toBe(true);
  });

  it('in risk mode, consumers keep a loss colour off the risk ramp and every other node keeps its risk colour', () => {
    const r = reducersFor(state({ removed: ['mine:bbb-x'], impact: partial, impactStatus: 'ready', colorBy: 'risk' }));
    expect(r.node('country:CCC').color).toBe(ramp(LOSS_STOPS_ON_RISK, 0.25));
    expect(r.node('country:CCC').color).toBe(lossColor(0.25, 'risk'));
    expect(r.node('mine:aaa-x').color).toBe(riskColor(0.5));
    expect(r.node('refiner:bbb-x').color).toBe(riskColor(1 - 4.5 / 7));
    expect(r.node('mine:bbb-x').color).toBe(REMOVED_COLOR);
  });
});

describe('edgeReducer', () => {
  it('colours by stage and thickens by tonnes', () => {
    const r = reducersFor(state());
    expect(r.edge('e1')).toMatchObject({ color: STAGE_COLORS.mine, size: MAX_EDGE_SIZE });
    expect(r.edge('e3').color).toBe(STAGE_COLORS.refined);
  });

  it('hides edges away from the selection', () => {
    const r = reducersFor(state({ selected: 'mine:aaa-y' }));
    expect(r.edge('e6').hidden).toBeUndefined();
    expect(r.edge('e1').hidden).toBe(true);
  });

  it('greys the flows of removed nodes and draws loss paths in red', () => {
    const r = reducersFor(state({ removed: ['refiner:bbb-x'], impact, impactStatus: 'ready' }));
    expect([...r.ctx.lossEdges].sort()).toEqual(['e1', 'e3', 'e4']);
    expect(r.edge('e1').color).toBe(LOSS_PATH_EDGE);
    expect(r.edge('e2').color).toBe(REMOVED_EDGE); // into the removed refinery, not on a reported path
    expect(r.edge('e6').color).toBe(STAGE_COLORS.mine);
  });
});

describe('reducers across a graph swap', () => {
  it('the edge reducer answers neutrally for an edge of another graph instead of throwing', () => {
    const r = reducersFor(state());
    const edge = makeEdgeReducer(r.ctx, graph);
    expect(edge('not-an-edge', { mineral: 'x', stage: 'mine', tonnes: 1, year: 2025 })).toEqual({});
  });
});
