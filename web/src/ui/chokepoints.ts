// The chokepoint ranking for the selected mineral (GET /api/chokepoints): producers ordered by the share of world
// supply lost without them; clicking a row selects the node on the graph. Countries by default, facilities on request;
// shares the API estimated (a country's output split equally over its facilities) carry a marker naming the rule.
import type { ChokepointRow } from '../../../src/analysis/types.ts';
import { HIGH_HHI, marketHhi, shortName } from '../ranking.ts';
import type { ChokepointLevel } from '../state.ts';
import { byId, fmtPct, h } from './dom.ts';

export interface ChokepointsInput {
  mineral: string;
  rows: ChokepointRow[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  selected: string | null;
  level: ChokepointLevel;
}

export interface ChokepointsActions {
  select(node: string): void;
  level(level: ChokepointLevel): void;
}

export class ChokepointsPanel {
  private readonly el = byId('chokepoints-panel');

  constructor(private readonly actions: ChokepointsActions) {}

  render(input: ChokepointsInput): void {
    const title = h('h2', {}, `Chokepoints — ${input.mineral === 'all' ? 'all minerals' : input.mineral}`);
    const toggle = h('input', {
      type: 'checkbox',
      id: 'chokepoints-facilities',
      checked: input.level === 'facility',
      onchange: ((e: Event) => this.actions.level((e.target as HTMLInputElement).checked ? 'facility' : 'country')) as EventListener,
    });
    const header = h(
      'div',
      { class: 'panel-head' },
      title,
      h('label', { class: 'toggle', title: 'Rank mines, refiners and national totals instead of countries' }, toggle, 'facilities'),
    );
    if (input.status === 'loading' || input.status === 'idle') {
      this.el.replaceChildren(header, h('p', { class: 'inline-status' }, 'Ranking producers…'));
      return;
    }
    if (input.status === 'error') {
      this.el.replaceChildren(header, h('p', { class: 'inline-status error' }, `Ranking unavailable: ${input.error ?? 'error'}`));
      return;
    }
    if (!input.rows.length) {
      this.el.replaceChildren(header, h('p', { class: 'hint' }, 'No producer of this mineral in the data.'));
      return;
    }
    const all = input.mineral === 'all';
    // One mineral: every row of a market has the same HHI, so it is said once, in the header. Over all minerals each
    // row is its own market and keeps its HHI.
    const head = ['#', 'Producer', all ? 'Market' : 'Stage', 'Share', 'Lost if removed', ...(all ? ['Production HHI'] : [])];
    const markets = all ? [] : marketHhi(input.rows);
    const children: Node[] = [header];
    if (markets.length) {
      children.push(
        h(
          'p',
          { class: 'market', id: 'market-hhi' },
          'Production HHI (market concentration of output): ',
          ...markets.flatMap((m, i) => [
            i ? ' · ' : '',
            h('strong', { 'data-stage': m.stage, 'data-hhi': m.hhi }, Math.round(m.hhi).toLocaleString('en-US')),
            ` ${m.stage}${m.hhi > HIGH_HHI ? ' (highly concentrated)' : ''}`,
          ]),
        ),
      );
    }
    const estimated = input.rows.some((r) => r.estimated);
    children.push(
      h(
        'p',
        { class: 'hint' },
        all
          ? 'The top chokepoint of each mineral and stage, by the share of world supply lost without it (proportional model). Pick a mineral for its full ranking.'
          : 'Producers by the share of world supply lost without them (proportional model). Click a row to select it.',
        estimated ? ' ≈ marks an estimated share (hover it for the rule).' : '',
      ),
      h(
        'table',
        { id: 'chokepoints-table' },
        h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { class: i >= 3 ? 'num' : null }, t)))),
        h(
          'tbody',
          {},
          ...input.rows.map((r) =>
            h(
              'tr',
              {
                class: `clickable${r.node === input.selected ? ' selected' : ''}`,
                'data-node': r.node,
                'data-estimated': r.estimated ? 'true' : null,
                onclick: () => this.actions.select(r.node),
              },
              h('td', {}, r.rank),
              h('td', { title: r.name }, shortName(r.name)),
              h('td', {}, all ? `${r.mineral} ${r.stage}` : r.stage),
              h(
                'td',
                { class: 'num' },
                r.estimated ? h('span', { class: 'estimated', title: `Estimated: ${r.rule ?? 'modelling assumption'}` }, '≈') : null,
                fmtPct(r.share),
              ),
              h('td', { class: 'num' }, fmtPct(r.impactShare)),
              all ? h('td', { class: 'num' }, r.hhi === null ? 'n/a' : Math.round(r.hhi).toLocaleString('en-US')) : null,
            ),
          ),
        ),
      ),
    );
    this.el.replaceChildren(...children);
  }
}
