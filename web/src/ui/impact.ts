// The what-if panel: removed nodes (struck through, each can be put back), the loss per mineral, and a sortable
// table of losses per consumer and mineral from POST /api/impact, with restore and CSV download.
import type { ImpactResult } from '../../../src/analysis/types.ts';
import { impactRows, sortImpactRows, type ImpactRow } from '../impact.ts';
import type { ImpactSortKey, ViewState } from '../state.ts';
import { byId, fmtPct, fmtTonnes, h } from './dom.ts';

export interface ImpactActions {
  sort(key: ImpactSortKey): void;
  restore(): void;
  unremove(id: string): void;
  select(id: string): void;
  downloadCsv(): void;
  /** Sets the fraction of a removed node's supply taken away (0.05..1). */
  setSeverity(id: string, severity: number): void;
}

/** "42.0% (35.1-48.3%)" for a range of visible width, the point alone otherwise. */
function withRange(point: string, range: [number, number] | undefined, fmt: (x: number) => string): string {
  if (!range || fmt(range[0]) === fmt(range[1])) return point;
  return `${point} (${fmt(range[0])}–${fmt(range[1])})`;
}

const COLUMNS: Array<{ key: ImpactSortKey; label: string; numeric: boolean }> = [
  { key: 'consumer', label: 'Consumer', numeric: false },
  { key: 'mineral', label: 'Mineral', numeric: false },
  { key: 'tonnesBefore', label: 'Before (t)', numeric: true },
  { key: 'tonnesLost', label: 'Lost (t)', numeric: true },
  { key: 'shareLost', label: 'Share lost', numeric: true },
];

export class ImpactPanel {
  private readonly el = byId('impact-panel');
  /** The rows as last shown, in their order: what the CSV export writes. */
  rows: ImpactRow[] = [];

  constructor(private readonly actions: ImpactActions) {}

  render(state: ViewState, nameOf: (id: string) => string): void {
    if (state.removed.length === 0) {
      this.rows = [];
      this.el.hidden = true;
      this.el.replaceChildren();
      return;
    }
    this.el.hidden = false;
    const children: Node[] = [
      h('h2', {}, 'What if these disappear?'),
      h(
        'div',
        { class: 'chips', id: 'removed-list' },
        ...state.removed.map((id) => {
          const severity = state.severity[id] ?? 1;
          const slider = h('input', {
            type: 'range',
            min: '0.05',
            max: '1',
            step: '0.05',
            value: String(severity),
            class: 'severity',
            'data-severity-for': id,
            title: 'Severity: the share of its supply this removal takes away',
            'aria-label': `Severity of the removal of ${nameOf(id)}`,
            onchange: ((e: Event) => this.actions.setSeverity(id, Number((e.target as HTMLInputElement).value))) as EventListener,
          });
          return h(
            'span',
            { class: 'chip', 'data-id': id },
            nameOf(id),
            slider,
            h('span', { class: 'severity-value' }, `${Math.round(severity * 100)}%`),
            h('button', { type: 'button', title: 'Put back', 'aria-label': `Put back ${nameOf(id)}`, onclick: () => this.actions.unremove(id) }, '✕'),
          );
        }),
      ),
      h('p', { class: 'hint' }, 'Severity: the share of each removal\'s supply taken away (100% = all of it). Overlapping removals combine as independent shocks.'),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', id: 'restore', onclick: () => this.actions.restore() }, 'Restore all'),
        h('button', { type: 'button', id: 'impact-csv', disabled: state.impactStatus !== 'ready', onclick: () => this.actions.downloadCsv() }, 'CSV'),
      ),
    ];
    if (state.impactStatus === 'loading') {
      children.push(h('p', { class: 'inline-status', 'data-state': 'loading' }, 'Computing the impact…'));
      this.rows = [];
    } else if (state.impactStatus === 'error') {
      children.push(h('p', { class: 'inline-status error', 'data-state': 'error' }, `Impact unavailable: ${state.impactError ?? 'error'}`));
      this.rows = [];
    } else if (state.impact) {
      children.push(...this.result(state, state.impact, nameOf));
    }
    this.el.replaceChildren(...children);
  }

  private result(state: ViewState, result: ImpactResult, nameOf: (id: string) => string): Node[] {
    const out: Node[] = [];
    const minerals = result.minerals.filter((m) => m.tonnesLost > 0 || result.minerals.length <= 3);
    if (minerals.length) {
      out.push(
        h('h3', {}, `World supply lost (${result.model}, ${result.year})`),
        h(
          'table',
          { id: 'impact-minerals' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Mineral'), h('th', { class: 'num' }, 'Lost (t)'), h('th', { class: 'num' }, 'Share'), h('th', { class: 'num', title: 'Concentration of the suppliers of what reaches consumers (0..10,000)' }, 'Supply HHI before → after'), h('th', { class: 'num', title: "Concentration of the producers' output (0..10,000): the ranking's HHI" }, 'Production HHI before → after'))),
          h(
            'tbody',
            {},
            ...minerals.map((m) =>
              h(
                'tr',
                {},
                h('td', {}, m.mineral),
                h('td', { class: 'num' }, withRange(fmtTonnes(m.tonnesLost), m.tonnesLostRange, fmtTonnes)),
                h('td', { class: 'num' }, withRange(fmtPct(m.shareLost), m.shareLostRange, fmtPct)),
                h('td', { class: 'num', 'data-hhi': 'supply' }, `${Math.round(m.supplyHhiBefore ?? m.hhiBefore).toLocaleString('en-US')} → ${Math.round(m.supplyHhiAfter ?? m.hhiAfter).toLocaleString('en-US')}`),
                h(
                  'td',
                  { class: 'num', 'data-hhi': 'production' },
                  typeof m.productionHhiBefore === 'number'
                    ? `${Math.round(m.productionHhiBefore).toLocaleString('en-US')} → ${typeof m.productionHhiAfter === 'number' ? Math.round(m.productionHhiAfter).toLocaleString('en-US') : 'n/a'}`
                    : 'n/a',
                ),
              ),
            ),
          ),
        ),
      );
    }
    const rows = sortImpactRows(
      impactRows(result, nameOf).filter((r) => r.tonnesLost > 0),
      state.impactSort.key,
      state.impactSort.dir,
    );
    this.rows = rows;
    out.push(h('h3', {}, `Losses per consumer (${rows.length})`));
    if (!rows.length) {
      out.push(h('p', { class: 'hint', id: 'impact-none' }, 'No consumer loses supply from this removal.'));
    } else {
      out.push(
        h(
          'table',
          { id: 'impact-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...COLUMNS.map((c) =>
                h(
                  'th',
                  {
                    class: c.numeric ? 'num' : null,
                    'aria-sort': state.impactSort.key === c.key ? (state.impactSort.dir === 'asc' ? 'ascending' : 'descending') : 'none',
                  },
                  h('button', { type: 'button', 'data-sort': c.key, onclick: () => this.actions.sort(c.key) }, c.label),
                ),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...rows.map((r) => {
              // The bar is the point value; the band behind it spans the p5-p95 range.
              const bar = h('span', { class: 'loss-bar' });
              bar.style.width = `${Math.round(r.shareLost * 40)}px`;
              const band = h('span', { class: 'loss-band', 'data-low': r.shareLostRange[0], 'data-high': r.shareLostRange[1] });
              band.style.left = `${Math.round(r.shareLostRange[0] * 40)}px`;
              band.style.width = `${Math.max(0, Math.round((r.shareLostRange[1] - r.shareLostRange[0]) * 40))}px`;
              const gauge = h('span', { class: 'loss-gauge' }, band, bar);
              return h(
                'tr',
                {
                  class: 'clickable',
                  'data-consumer': r.consumer,
                  'data-mineral': r.mineral,
                  'data-tonnes-lost': r.tonnesLost,
                  'data-share-lost': r.shareLost,
                  title: r.mainPath.length ? `Lost along ${r.mainPath.map(nameOf).join(' → ')}` : '',
                  onclick: () => this.actions.select(r.consumer),
                },
                h('td', {}, r.consumerName),
                h('td', {}, r.mineral),
                h('td', { class: 'num' }, fmtTonnes(r.tonnesBefore)),
                h('td', { class: 'num' }, withRange(fmtTonnes(r.tonnesLost), r.tonnesLostRange, fmtTonnes)),
                h('td', { class: 'num' }, gauge, withRange(fmtPct(r.shareLost), r.shareLostRange, fmtPct)),
              );
            }),
          ),
        ),
      );
    }
    if (result.byProducts?.length) {
      out.push(
        h('h3', {}, 'By-products lost with their hosts'),
        h(
          'table',
          { id: 'impact-by-products' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Companion'), h('th', {}, 'Via host (share)'), h('th', { class: 'num' }, 'Lost (t)'), h('th', { class: 'num' }, 'Share'))),
          h(
            'tbody',
            {},
            ...result.byProducts.map((b) =>
              h(
                'tr',
                { 'data-mineral': b.mineral, title: b.via.map((v) => `${v.path.join(' → ')}: ${v.source}`).join('\n') },
                h('td', {}, b.mineral),
                h('td', {}, b.via.map((v) => `${v.host} (${fmtPct(v.share)}, est. ${fmtPct(v.shareRange[0])}–${fmtPct(v.shareRange[1])})`).join(', ')),
                h('td', { class: 'num' }, withRange(fmtTonnes(b.tonnesLost), b.tonnesLostRange, fmtTonnes)),
                h('td', { class: 'num' }, withRange(fmtPct(b.shareLost), b.shareLostRange, fmtPct)),
              ),
            ),
          ),
        ),
      );
    }
    if (result.uncertainty) {
      out.push(h('p', { class: 'hint', id: 'impact-ranges' }, `Ranges in brackets and the pale band on the bars: p5–p95 of ${result.uncertainty.draws} seeded Monte-Carlo draws of every estimated input within its range (no range = published inputs only).`));
    }
    if (result.structure.nodesDisconnected.length) {
      out.push(h('p', { class: 'hint' }, `Cut off entirely: ${result.structure.nodesDisconnected.map(nameOf).join(', ')}`));
    }
    for (const note of result.notes) out.push(h('p', { class: 'hint' }, note));
    return out;
  }
}
