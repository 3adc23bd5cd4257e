// The view's one store: every piece of UI state (filters, selection, hover, removals, impact, load status) lives
// here and changes only through the pure actions below; sigma sees it through the reducers (STYLE.md habit 9).
import type { Stage } from '../../src/domain/model.ts';
import type { ImpactRequest, ImpactResult } from '../../src/analysis/types.ts';

/** Geographic map, ForceAtlas2, or the chain in columns (mine -> refiner -> trade hub -> consumer, layout/layered.ts). */
export type LayoutMode = 'geo' | 'force' | 'layered';
export type SizeMode = 'share' | 'pagerank' | 'betweenness';
export type ColorMode = 'kind' | 'risk';
export type StageFilter = Stage | 'all';
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
/**
 * Which producers the chokepoint ranking lists (GET /api/chokepoints?level=): countries, or facilities (mines, refiners
 * and the national totals standing in where no facility figure exists), each ranked among its own kind.
 */
export type ChokepointLevel = 'country' | 'facility';
export type ImpactSortKey = 'consumer' | 'mineral' | 'tonnesBefore' | 'tonnesLost' | 'shareLost';

export const LAYOUT_MODES: readonly LayoutMode[] = ['geo', 'force', 'layered'];
export const SIZE_MODES: readonly SizeMode[] = ['share', 'pagerank', 'betweenness'];
export const COLOR_MODES: readonly ColorMode[] = ['kind', 'risk'];
export const STAGE_FILTERS: readonly StageFilter[] = ['all', 'mine', 'refined', 'trade'];
export const CHOKEPOINT_LEVELS: readonly ChokepointLevel[] = ['country', 'facility'];

export interface ViewState {
  /** Mineral slug or 'all'. */
  mineral: string;
  stage: StageFilter;
  /** Flow year shown; null until the graph tells which years exist (then the latest). */
  year: number | null;
  years: number[];
  layout: LayoutMode;
  sizeBy: SizeMode;
  colorBy: ColorMode;
  chokepointLevel: ChokepointLevel;
  selected: string | null;
  hovered: string | null;
  /** Node ids removed in the what-if, in the order they were removed. */
  removed: string[];
  /** Severity of each removal (fraction of its supply removed, 0 < s <= 1); absent = 1 (all of it). */
  severity: Record<string, number>;
  graphStatus: LoadStatus;
  graphError: string | null;
  /**
   * Whether asking again can help: true for a network failure, a timeout or a server error (5xx, 429); false when the
   * API refused the filter itself (404 unknown mineral or year, 400), which only another filter fixes.
   */
  graphErrorRetryable: boolean;
  /** Minerals the API suggests for an unknown one ("did you mean"). */
  graphErrorSuggestions: string[];
  /** True when the loaded graph has no flows for the filter (shown as a message, never a blank canvas). */
  graphEmpty: boolean;
  impact: ImpactResult | null;
  impactStatus: LoadStatus;
  impactError: string | null;
  /** Canonical key of the request `impact` answers; a late answer to an older request is dropped. */
  impactKey: string | null;
  impactSort: { key: ImpactSortKey; dir: 'asc' | 'desc' };
}

export const DEFAULT_STATE: ViewState = {
  mineral: 'all',
  stage: 'all',
  year: null,
  years: [],
  layout: 'geo',
  sizeBy: 'share',
  colorBy: 'kind',
  chokepointLevel: 'country',
  selected: null,
  hovered: null,
  removed: [],
  severity: {},
  graphStatus: 'idle',
  graphError: null,
  graphErrorRetryable: true,
  graphErrorSuggestions: [],
  graphEmpty: false,
  impact: null,
  impactStatus: 'idle',
  impactError: null,
  impactKey: null,
  impactSort: { key: 'shareLost', dir: 'desc' },
};

export type Action = (state: ViewState) => ViewState;

/** The impact request the state calls for, or null when nothing is removed. */
export function impactRequestOf(state: ViewState): ImpactRequest | null {
  if (state.removed.length === 0) return null;
  // `id@severity` for a partial removal (the API's string form), the plain id at severity 1.
  const request: ImpactRequest = {
    remove: state.removed.map((id) => {
      const s = state.severity[id];
      return s !== undefined && s < 1 ? `${id}@${s}` : id;
    }),
  };
  if (state.mineral !== 'all') request.mineral = state.mineral;
  if (state.year !== null) request.year = state.year;
  return request;
}

/** Same removals in any order, same mineral and year -> same key (the API caches on the same canonical form). */
export function impactKeyOf(request: ImpactRequest | null): string | null {
  if (!request) return null;
  return JSON.stringify([request.remove.map((r) => (typeof r === 'string' ? r : `${r.id}@${r.severity ?? 1}`)).sort(), request.mineral ?? null, request.year ?? null]);
}

/** Clears impact output when the removal set or the question changed, so stale numbers are never on screen. */
function withImpactReset(state: ViewState): ViewState {
  const key = impactKeyOf(impactRequestOf(state));
  if (key === state.impactKey) return state;
  return { ...state, impact: null, impactKey: key, impactStatus: key ? 'loading' : 'idle', impactError: null };
}

/** The fields a URL carries (url.ts UrlState; declared here so state.ts does not import url.ts). */
type UrlFields = Pick<
  ViewState,
  'mineral' | 'stage' | 'year' | 'layout' | 'sizeBy' | 'colorBy' | 'chokepointLevel' | 'selected' | 'removed'
> &
  Partial<Pick<ViewState, 'severity'>>;

export const actions = {
  select:
    (id: string | null): Action =>
    (s) =>
      s.selected === id ? s : { ...s, selected: id },
  clearSelection: (): Action => (s) => (s.selected === null ? s : { ...s, selected: null }),
  hover:
    (id: string | null): Action =>
    (s) =>
      s.hovered === id ? s : { ...s, hovered: id },
  /** Plain remove replaces the removal set; additive (shift) toggles the node in it. */
  remove:
    (id: string, additive = false): Action =>
    (s) => {
      let removed: string[];
      if (!additive) removed = s.removed.length === 1 && s.removed[0] === id ? s.removed : [id];
      else removed = s.removed.includes(id) ? s.removed.filter((r) => r !== id) : [...s.removed, id];
      return removed === s.removed ? s : withImpactReset({ ...s, removed });
    },
  unremove:
    (id: string): Action =>
    (s) =>
      s.removed.includes(id)
        ? withImpactReset({ ...s, removed: s.removed.filter((r) => r !== id), severity: Object.fromEntries(Object.entries(s.severity).filter(([k]) => k !== id)) })
        : s,
  restore: (): Action => (s) => (s.removed.length === 0 ? s : withImpactReset({ ...s, removed: [], severity: {} })),
  /** The fraction of a removed node's supply taken away (clamped to 0.05..1; 1 = all of it, the default). */
  setSeverity:
    (id: string, severity: number): Action =>
    (s) => {
      if (!s.removed.includes(id) || !Number.isFinite(severity)) return s;
      const value = Math.round(Math.min(1, Math.max(0.05, severity)) * 100) / 100;
      if ((s.severity[id] ?? 1) === value) return s;
      const next = { ...s.severity };
      if (value === 1) delete next[id];
      else next[id] = value;
      return withImpactReset({ ...s, severity: next });
    },
  setMineral:
    (mineral: string): Action =>
    (s) =>
      s.mineral === mineral ? s : withImpactReset({ ...s, mineral: mineral || 'all', graphStatus: 'loading' }),
  setStage:
    (stage: StageFilter): Action =>
    (s) =>
      s.stage === stage ? s : { ...s, stage, graphStatus: 'loading' },
  setYear:
    (year: number | null): Action =>
    (s) =>
      s.year === year ? s : withImpactReset({ ...s, year, graphStatus: 'loading' }),
  setLayout:
    (layout: LayoutMode): Action =>
    (s) =>
      s.layout === layout ? s : { ...s, layout },
  setSizeBy:
    (sizeBy: SizeMode): Action =>
    (s) =>
      s.sizeBy === sizeBy ? s : { ...s, sizeBy },
  setColorBy:
    (colorBy: ColorMode): Action =>
    (s) =>
      s.colorBy === colorBy ? s : { ...s, colorBy },
  setChokepointLevel:
    (chokepointLevel: ChokepointLevel): Action =>
    (s) =>
      s.chokepointLevel === chokepointLevel ? s : { ...s, chokepointLevel },
  /** Sorting by the current key flips the direction; a new key starts descending for numbers, ascending for names. */
  sortImpact:
    (key: ImpactSortKey): Action =>
    (s) => ({
      ...s,
      impactSort:
        s.impactSort.key === key
          ? { key, dir: s.impactSort.dir === 'asc' ? 'desc' : 'asc' }
          : { key, dir: key === 'consumer' || key === 'mineral' ? 'asc' : 'desc' },
    }),
  graphLoading: (): Action => (s) => ({ ...s, graphStatus: 'loading', graphError: null }),
  /** Years known to have flows (from the API's health or any graph answer); the list only grows. */
  knowYears:
    (known: number[]): Action =>
    (s) => {
      const years = [...new Set([...s.years, ...known])].sort((a, b) => a - b);
      return years.length === s.years.length ? s : { ...s, years };
    },
  /** The graph arrived: record its years and, on first load, settle on the latest year. */
  graphLoaded:
    (info: { years: number[]; empty: boolean }): Action =>
    (s) => {
      const years = [...new Set([...s.years, ...info.years])].sort((a, b) => a - b);
      const year = s.year ?? (years.length ? years[years.length - 1]! : null);
      return withImpactReset({ ...s, years, year, graphStatus: 'ready', graphError: null, graphEmpty: info.empty });
    },
  graphFailed:
    (message: string, opts: { retryable?: boolean; suggestions?: string[] } = {}): Action =>
    (s) => ({
      ...s,
      graphStatus: 'error',
      graphError: message,
      graphErrorRetryable: opts.retryable ?? true,
      graphErrorSuggestions: opts.suggestions ?? [],
    }),
  /** Back to every mineral and stage of the latest known year: the way out of a filter the API refused. */
  resetFilters: (): Action => (s) => {
    const year = s.years.length ? s.years[s.years.length - 1]! : null;
    if (s.mineral === 'all' && s.stage === 'all' && s.year === year) return s;
    return withImpactReset({ ...s, mineral: 'all', stage: 'all', year, graphStatus: 'loading' });
  },
  /**
   * The state a history entry's URL describes (browser Back/Forward): every shareable field back to the URL's value or
   * its default; a URL without a year keeps the current one (the year the first load settled on).
   */
  applyUrl:
    (url: Partial<UrlFields>): Action =>
    (s) => {
      const next: ViewState = {
        ...s,
        mineral: url.mineral ?? DEFAULT_STATE.mineral,
        stage: url.stage ?? DEFAULT_STATE.stage,
        year: url.year ?? s.year,
        layout: url.layout ?? DEFAULT_STATE.layout,
        sizeBy: url.sizeBy ?? DEFAULT_STATE.sizeBy,
        colorBy: url.colorBy ?? DEFAULT_STATE.colorBy,
        chokepointLevel: url.chokepointLevel ?? DEFAULT_STATE.chokepointLevel,
        selected: url.selected ?? null,
        removed: url.removed ?? [],
        severity: url.severity ?? {},
      };
      const reload = next.mineral !== s.mineral || next.stage !== s.stage || next.year !== s.year;
      const same =
        !reload &&
        (['layout', 'sizeBy', 'colorBy', 'chokepointLevel', 'selected'] as const).every((k) => next[k] === s[k]) &&
        next.removed.join() === s.removed.join() &&
        next.removed.every((id) => (next.severity[id] ?? 1) === (s.severity[id] ?? 1));
      if (same) return s;
      return withImpactReset(reload ? { ...next, graphStatus: 'loading' } : next);
    },
  impactLoaded:
    (key: string, result: ImpactResult): Action =>
    (s) =>
      key !== s.impactKey ? s : { ...s, impact: result, impactStatus: 'ready', impactError: null },
  impactFailed:
    (key: string, message: string): Action =>
    (s) =>
      key !== s.impactKey ? s : { ...s, impact: null, impactStatus: 'error', impactError: message },
};

export type Listener = (state: ViewState, previous: ViewState) => void;

export interface Store {
  getState(): ViewState;
  dispatch(action: Action): void;
  /** Calls `listener` after every change (not for no-op actions); returns the unsubscribe function. */
  subscribe(listener: Listener): () => void;
}

export function createStore(initial: Partial<ViewState> = {}): Store {
  let state: ViewState = withImpactReset({ ...DEFAULT_STATE, ...initial });
  const listeners = new Set<Listener>();
  return {
    getState: () => state,
    dispatch(action) {
      const previous = state;
      const next = action(state);
      if (next === previous) return;
      state = next;
      for (const listener of [...listeners]) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
