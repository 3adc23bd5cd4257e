import { describe, expect, it } from 'vitest';
import { KIND_COLORS, LOSS_STOPS, LOSS_STOPS_ON_RISK, REMOVED_COLOR, RISK_STOPS } from '../../web/src/colors.ts';
import { legendModel, SIZE_LABELS } from '../../web/src/legend.ts';

describe('legendModel', () => {
  it('explains kinds, size and flows by default', () => {
    const sections = legendModel({ colorBy: 'kind', sizeBy: 'pagerank', impact: false, removed: 0 });
    expect(sections.map((s) => s.title)).toEqual(['Nodes', 'Size', 'Flows (thickness: tonnes)']);
    expect(sections[0]!.items).toContainEqual({ type: 'dot', color: KIND_COLORS.refiner, label: 'Refiner / refined output' });
    expect(sections[1]!.items).toEqual([{ type: 'text', label: SIZE_LABELS.pagerank }]);
  });

  it('in risk mode with an impact, shows both scales: risk for the other nodes, loss (not red) for consumers', () => {
    const sections = legendModel({ colorBy: 'risk', sizeBy: 'share', impact: true, removed: 2 });
    expect(sections[0]!.title).toBe('Supply risk (all other nodes)');
    expect(sections[0]!.items[0]).toMatchObject({ type: 'ramp', stops: RISK_STOPS });
    const whatIf = sections.at(-1)!;
    expect(whatIf.title).toBe('What-if');
    expect(whatIf.items[0]).toMatchObject({ color: REMOVED_COLOR });
    expect(whatIf.items[1]).toMatchObject({ type: 'ramp', stops: LOSS_STOPS_ON_RISK });
  });

  it('by kind, the loss scale is the orange-red one; before the impact arrives only the removal key shows', () => {
    expect(legendModel({ colorBy: 'kind', sizeBy: 'share', impact: true, removed: 1 }).at(-1)!.items[1]).toMatchObject({ stops: LOSS_STOPS });
    const waiting = legendModel({ colorBy: 'risk', sizeBy: 'share', impact: false, removed: 1 });
    expect(waiting[0]!.title).toBe('Supply risk');
    expect(waiting.at(-1)!.items).toHaveLength(1);
  });
});
