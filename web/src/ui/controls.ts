// The top-bar selectors (mineral, stage, year, layout, size, colour): DOM events -> store actions, state -> DOM values.
import type { MineralSummary } from '../api.ts';
import { actions, type ColorMode, type LayoutMode, type SizeMode, type StageFilter, type Store, type ViewState } from '../state.ts';
import { byId, h } from './dom.ts';

/** How long each year stays on screen while playing. */
export const PLAY_STEP_MS = 1500;

export class Controls {
  private readonly mineral = byId<HTMLSelectElement>('mineral-select');
  private readonly stage = byId<HTMLSelectElement>('stage-select');
  private readonly year = byId<HTMLSelectElement>('year-select');
  private readonly layout = byId<HTMLSelectElement>('layout-select');
  private readonly size = byId<HTMLSelectElement>('size-select');
  private readonly color = byId<HTMLSelectElement>('color-select');
  private readonly slider = byId<HTMLInputElement>('year-slider');
  private readonly sliderLabel = byId<HTMLOutputElement>('year-slider-label');
  private readonly play = byId<HTMLButtonElement>('year-play');
  /** The play timer: one year step every PLAY_STEP_MS, wrapping to the first year; null when paused. */
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly store: Store) {
    byId<HTMLFormElement>('controls').addEventListener('submit', (e) => e.preventDefault());
    this.mineral.addEventListener('change', () => store.dispatch(actions.setMineral(this.mineral.value)));
    this.stage.addEventListener('change', () => store.dispatch(actions.setStage(this.stage.value as StageFilter)));
    this.year.addEventListener('change', () => store.dispatch(actions.setYear(this.year.value ? Number(this.year.value) : null)));
    this.layout.addEventListener('change', () => store.dispatch(actions.setLayout(this.layout.value as LayoutMode)));
    this.size.addEventListener('change', () => store.dispatch(actions.setSizeBy(this.size.value as SizeMode)));
    this.color.addEventListener('change', () => store.dispatch(actions.setColorBy(this.color.value as ColorMode)));
    this.slider.addEventListener('input', () => {
      const year = this.yearsOf(store.getState())[Number(this.slider.value)];
      if (year !== undefined) store.dispatch(actions.setYear(year));
    });
    this.play.addEventListener('click', () => (this.timer ? this.pause() : this.start()));
  }

  /** Steps through the years; the graph, sizes, colours and the current removal's impact redraw for each. */
  private start(): void {
    this.timer = setInterval(() => {
      const state = this.store.getState();
      // Wait for the year on screen to finish loading before moving on, so each year is seen drawn.
      if (state.graphStatus === 'loading') return;
      const years = this.yearsOf(state);
      const i = state.year === null ? -1 : years.indexOf(state.year);
      const next = years[(i + 1) % years.length];
      if (next !== undefined) this.store.dispatch(actions.setYear(next));
    }, PLAY_STEP_MS);
    this.render(this.store.getState());
  }

  private pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.render(this.store.getState());
  }

  private yearsOf(state: ViewState): number[] {
    return [...new Set([...state.years, ...(state.year !== null ? [state.year] : [])])].sort((a, b) => a - b);
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
    this.slider.max = String(Math.max(0, years.length - 1));
    this.slider.value = String(Math.max(0, state.year === null ? years.length - 1 : years.indexOf(state.year)));
    this.slider.disabled = years.length < 2;
    this.sliderLabel.value = state.year === null ? '' : String(state.year);
    this.play.disabled = years.length < 2;
    this.play.textContent = this.timer ? '❚❚' : '▶';
    this.play.setAttribute('aria-label', this.timer ? 'Pause' : 'Play the years');
    this.play.setAttribute('aria-pressed', this.timer ? 'true' : 'false');
    this.layout.value = state.layout;
    this.size.value = state.sizeBy;
    this.color.value = state.colorBy;
  }
}
