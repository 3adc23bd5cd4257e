// The top-bar selectors (mineral, stage, year, layout, size, colour): DOM events -> store actions, state -> DOM values.
import type { MineralSummary } from '../api.ts';
import { actions, type ColorMode, type LayoutMode, type SizeMode, type StageFilter, type Store, type ViewState } from '../state.ts';
import { byId, h } from './dom.ts';

export class Controls {
  private readonly mineral = byId<HTMLSelectElement>('mineral-select');
  private readonly stage = byId<HTMLSelectElement>('stage-select');
  private readonly year = byId<HTMLSelectElement>('year-select');
  private readonly layout = byId<HTMLSelectElement>('layout-select');
  private readonly size = byId<HTMLSelectElement>('size-select');
  private readonly color = byId<HTMLSelectElement>('color-select');

  constructor(private readonly store: Store) {
    byId<HTMLFormElement>('controls').addEventListener('submit', (e) => e.preventDefault());
    this.mineral.addEventListener('change', () => store.dispatch(actions.setMineral(this.mineral.value)));
    this.stage.addEventListener('change', () => store.dispatch(actions.setStage(this.stage.value as StageFilter)));
    this.year.addEventListener('change', () => store.dispatch(actions.setYear(this.year.value ? Number(this.year.value) : null)));
    this.layout.addEventListener('change', () => store.dispatch(actions.setLayout(this.layout.value as LayoutMode)));
    this.size.addEventListener('change', () => store.dispatch(actions.setSizeBy(this.size.value as SizeMode)));
    this.color.addEventListener('change', () => store.dispatch(actions.setColorBy(this.color.value as ColorMode)));
  }

  setMinerals(minerals: MineralSummary[]): void {
    const current = this.store.getState().mineral;
    const options = [h('option', { value: 'all' }, 'All minerals')];
    for (const m of [...minerals].sort((a, b) => a.name.localeCompare(b.name))) options.push(h('option', { value: m.slug }, m.name));
    // A mineral from a shared link that the list does not know still shows, so the select never lies about the filter.
    if (current !== 'all' && !minerals.some((m) => m.slug === current)) options.push(h('option', { value: current }, current));
    this.mineral.replaceChildren(...options);
    this.mineral.value = current;
  }

  render(state: ViewState): void {
    if (this.mineral.value !== state.mineral) {
      if (![...this.mineral.options].some((o) => o.value === state.mineral)) this.mineral.append(h('option', { value: state.mineral }, state.mineral));
      this.mineral.value = state.mineral;
    }
    this.stage.value = state.stage;
    // A year from a link that has no flows still shows, so the select never lies about the filter.
    const years = [...new Set([...state.years, ...(state.year !== null ? [state.year] : [])])].sort((a, b) => a - b);
    const have = [...this.year.options].map((o) => o.value).join(',');
    if (have !== years.join(',')) this.year.replaceChildren(...years.map((y) => h('option', { value: y }, y)));
    this.year.value = state.year === null ? '' : String(state.year);
    this.year.disabled = years.length < 2;
    this.layout.value = state.layout;
    this.size.value = state.sizeBy;
    this.color.value = state.colorBy;
  }
}
