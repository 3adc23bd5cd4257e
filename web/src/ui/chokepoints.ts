// The chokepoint ranking for the selected mineral (GET /api/chokepoints): producers ordered by the share of world
// supply lost without them; clicking a row selects the node on the graph.
import type { ChokepointRow } from '../../../src/analysis/types.ts';
import { shortName } from '../ranking.ts';
import { byId, fmtPct, h } from './dom.ts';

export interface ChokepointsInput {
  mineral: string;
  rows: ChokepointRow[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  selected: string | null;
}

export class ChokepointsPanel {
  private readonly el = byId('chokepoints-panel');

  constructor(private readonly onSelect: (node: string) => void) {}

  render(input: ChokepointsInput): void {
    const title = h('h2', {}, `Chokepoints — ${input.mineral === 'all' ? 'all minerals' : input.mineral}`);
    if (input.status === 'loading' || input.status === 'idle') {
      this.el.replaceChildren(title, h('p', { class: 'inline-status' }, 'Ranking producers…'));
      return;
    }
    if (input.status === 'error') {
      this.el.replaceChildren(title, h('p', { class: 'inline-status error' }, `Ranking unavailable: ${input.error ?? 'error'}`));
      return;
    }
    if (!input.rows.length) {
      this.el.replaceChildren(title, h('p', { class: 'hint' }, 'No producer of this mineral in the data.'));
      return;
    }
    const all = input.mineral === 'all';
    const head = ['#', 'Producer', all ? 'Market' : 'Stage', 'Share', 'Lost if removed', 'HHI'];
    this.el.replaceChildren(
      title,
      h(
        'p',
        { class: 'hint' },
        all
          ? 'The top chokepoint of each mineral and stage, by the share of world supply lost without it (proportional model). Pick a mineral for its full ranking.'
          : 'Producers by the share of world supply lost without them (proportional model). Click a row to select it.',
      ),
      h(
        'table',
        { id: 'chokepoints-table' },
        h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { class: i >= head.length - 3 ? 'num' : null }, t)))),
        h(
          'tbody',
          {},
          ...input.rows.map((r) =>
            h(
              'tr',
              { class: `clickable${r.node === input.selected ? ' selected' : ''}`, 'data-node': r.node, onclick: () => this.onSelect(r.node) },
              h('td', {}, r.rank),
              h('td', { title: r.name }, shortName(r.name)),
              h('td', {}, all ? `${r.mineral} ${r.stage}` : r.stage),
              h('td', { class: 'num' }, fmtPct(r.share)),
              h('td', { class: 'num' }, fmtPct(r.impactShare)),
              h('td', { class: 'num' }, Math.round(r.hhi).toLocaleString('en-US')),
            ),
          ),
        ),
      ),
    );
  }
}
