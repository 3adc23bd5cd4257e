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
        ...state.removed.map((id) =>
          h('span', { class: 'chip', 'data-id': id }, nameOf(id), h('button', { type: 'button', title: 'Put back', 'aria-label': `Put back ${nameOf(id)}`, onclick: () => this.actions.unremove(id) }, '✕')),
        ),
      ),
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
                h('td', { class: 'num' }, fmtTonnes(m.tonnesLost)),
                h('td', { class: 'num' }, fmtPct(m.shareLost)),
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
              const bar = h('span', { class: 'loss-bar' });
              bar.style.width = `${Math.round(r.shareLost * 40)}px`;
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
                h('td', { class: 'num' }, fmtTonnes(r.tonnesLost)),
                h('td', { class: 'num' }, bar, fmtPct(r.shareLost)),
              );
            }),
          ),
        ),
      );
    }
    if (result.structure.nodesDisconnected.length) {
      out.push(h('p', { class: 'hint' }, `Cut off entirely: ${result.structure.nodesDisconnected.map(nameOf).join(', ')}`));
    }
    for (const note of result.notes) out.push(h('p', { class: 'hint' }, note));
    return out;
  }
}
