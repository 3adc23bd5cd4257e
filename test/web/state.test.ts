import { describe, expect, it } from 'vitest';
import type { ImpactResult } from '../../src/analysis/types.ts';
import { decodeUrlState, encodeUrlState } from '../../web/src/url.ts';
import { DEFAULT_STATE, actions, createStore, impactKeyOf, impactRequestOf, type ViewState } from '../../web/src/state.ts';

const state = (patch: Partial<ViewState> = {}): ViewState => ({ ...DEFAULT_STATE, ...patch });
const result = (removed: string[]): ImpactResult => ({
  removed,
  model: 'proportional',
  year: 2025,
  minerals: [],
  consumers: [],
  structure: { nodesDisconnected: [], articulationPoints: {} },
  notes: [],
});

describe('impact request and key', () => {
  it('is null with nothing removed', () => {
    expect(impactRequestOf(state())).toBeNull();
    expect(impactKeyOf(null)).toBeNull();
  });

  it('carries the mineral and year only when chosen', () => {
    expect(impactRequestOf(state({ removed: ['country:BRA'] }))).toEqual({ remove: ['country:BRA'] });
    expect(impactRequestOf(state({ removed: ['country:BRA'], mineral: 'niobium', year: 2025 }))).toEqual({
      remove: ['country:BRA'],
      mineral: 'niobium',
      year: 2025,
    });
  });

  it('does not depend on the order of removal', () => {
    expect(impactKeyOf({ remove: ['b', 'a'] })).toBe(impactKeyOf({ remove: ['a', 'b'] }));
    expect(impactKeyOf({ remove: ['a'], mineral: 'x' })).not.toBe(impactKeyOf({ remove: ['a'] }));
  });
});

describe('severity per removed node', () => {
  it('sends id@severity for a partial removal, changes the key, and clears with unremove and restore', () => {
    let s = actions.remove('country:BRA')(state());
    const fullKey = s.impactKey;
    s = actions.setSeverity('country:BRA', 0.5)(s);
    expect(s.severity).toEqual({ 'country:BRA': 0.5 });
    expect(impactRequestOf(s)).toEqual({ remove: ['country:BRA@0.5'] });
    expect(s.impactKey).not.toBe(fullKey);
    expect(s.impactStatus).toBe('loading');
    // Clamped to 0.05..1; back at 1 the plain id again; a node not removed is ignored.
    expect(actions.setSeverity('country:BRA', 0)(s).severity).toEqual({ 'country:BRA': 0.05 });
    expect(impactRequestOf(actions.setSeverity('country:BRA', 1)(s))).toEqual({ remove: ['country:BRA'] });
    expect(actions.setSeverity('country:CHN', 0.5)(s)).toBe(s);
    expect(actions.unremove('country:BRA')(s).severity).toEqual({});
    expect(actions.restore()(s).severity).toEqual({});
  });
});

describe('actions', () => {
  it('remove replaces the set; additive remove toggles', () => {
    let s = actions.remove('a')(state());
    expect(s.removed).toEqual(['a']);
    s = actions.remove('b', true)(s);
    expect(s.removed).toEqual(['a', 'b']);
    s = actions.remove('a', true)(s);
    expect(s.removed).toEqual(['b']);
    s = actions.remove('c')(s);
    expect(s.removed).toEqual(['c']);
  });

  it('a new removal set clears the old impact and waits for the new one', () => {
    let s = actions.remove('a')(state());
    expect(s.impactStatus).toBe('loading');
    const key = s.impactKey!;
    s = actions.impactLoaded(key, result(['a']))(s);
    expect(s.impactStatus).toBe('ready');
    s = actions.remove('b', true)(s);
    expect(s.impact).toBeNull();
    expect(s.impactStatus).toBe('loading');
    expect(s.impactKey).not.toBe(key);
  });

  it('drops an answer to an older request', () => {
    let s = actions.remove('a')(state());
    const oldKey = s.impactKey!;
    s = actions.remove('b')(s);
    const after = actions.impactLoaded(oldKey, result(['a']))(s);
    expect(after).toBe(s);
    expect(actions.impactFailed(oldKey, 'boom')(s)).toBe(s);
  });

  it('restore empties the removal and the impact', () => {
    let s = actions.remove('a')(state());
    s = actions.impactLoaded(s.impactKey!, result(['a']))(s);
    s = actions.restore()(s);
    expect(s.removed).toEqual([]);
    expect(s.impact).toBeNull();
    expect(s.impactStatus).toBe('idle');
    expect(s.impactKey).toBeNull();
  });

  it('changing the mineral re-asks the impact question, the stage does not', () => {
    const s = actions.remove('country:BRA')(state());
    const m = actions.setMineral('niobium')(s);
    expect(m.impactKey).not.toBe(s.impactKey);
    expect(m.graphStatus).toBe('loading');
    const st = actions.setStage('mine')(s);
    expect(st.impactKey).toBe(s.impactKey);
  });

  it('graphLoaded settles on the latest year once, and keeps a chosen one', () => {
    const first = actions.graphLoaded({ years: [2025, 2024], empty: false })(state());
    expect(first.year).toBe(2025);
    expect(first.years).toEqual([2024, 2025]);
    expect(first.graphStatus).toBe('ready');
    const chosen = actions.graphLoaded({ years: [2024, 2025], empty: true })(state({ year: 2024 }));
    expect(chosen.year).toBe(2024);
    expect(chosen.graphEmpty).toBe(true);
  });

  it('a refused filter is not retryable and carries the API suggestions; a network failure is', () => {
    const refused = actions.graphFailed('mineral "niobiu" not found', { retryable: false, suggestions: ['niobium'] })(state({ mineral: 'niobiu' }));
    expect(refused).toMatchObject({ graphStatus: 'error', graphErrorRetryable: false, graphErrorSuggestions: ['niobium'] });
    const down = actions.graphFailed('cannot reach the API')(state());
    expect(down).toMatchObject({ graphStatus: 'error', graphErrorRetryable: true, graphErrorSuggestions: [] });
  });

  it('resetFilters goes back to all minerals and stages of the latest known year, and re-asks the impact', () => {
    const s = actions.remove('country:BRA')(state({ mineral: 'niobiu', stage: 'refined', year: 1999, years: [2024, 2025], graphStatus: 'error' }));
    const r = actions.resetFilters()(s);
    expect(r).toMatchObject({ mineral: 'all', stage: 'all', year: 2025, graphStatus: 'loading' });
    expect(r.impactKey).toBe(impactKeyOf({ remove: ['country:BRA'], year: 2025 }));
    const nothingKnown = actions.resetFilters()(state({ mineral: 'niobiu', year: 1999 }));
    expect(nothingKnown.year).toBeNull();
    const defaults = state({ years: [2025], year: 2025 });
    expect(actions.resetFilters()(defaults)).toBe(defaults);
  });

  it('the chokepoint level defaults to countries and switches to facilities', () => {
    expect(state().chokepointLevel).toBe('country');
    const s = actions.setChokepointLevel('facility')(state());
    expect(s.chokepointLevel).toBe('facility');
    expect(actions.setChokepointLevel('facility')(s)).toBe(s);
  });

  it('known years only grow', () => {
    const s = actions.knowYears([2024])(actions.knowYears([2025, 2024])(state()));
    expect(s.years).toEqual([2024, 2025]);
  });

  it('sorting the same column flips it; a new column starts in its natural direction', () => {
    let s = state();
    expect(s.impactSort).toEqual({ key: 'shareLost', dir: 'desc' });
    s = actions.sortImpact('shareLost')(s);
    expect(s.impactSort).toEqual({ key: 'shareLost', dir: 'asc' });
    s = actions.sortImpact('consumer')(s);
    expect(s.impactSort).toEqual({ key: 'consumer', dir: 'asc' });
    s = actions.sortImpact('tonnesLost')(s);
    expect(s.impactSort).toEqual({ key: 'tonnesLost', dir: 'desc' });
  });

  it('no-op actions return the same object', () => {
    const s = state({ selected: 'a' });
    expect(actions.select('a')(s)).toBe(s);
    const empty = state();
    expect(actions.clearSelection()(empty)).toBe(empty);
    expect(actions.unremove('zzz')(s)).toBe(s);
    expect(actions.restore()(s)).toBe(s);
  });
});

describe('createStore', () => {
  it('notifies subscribers with the new and previous state, not on no-ops', () => {
    const store = createStore({ mineral: 'niobium' });
    const seen: Array<[string | null, string | null]> = [];
    const unsubscribe = store.subscribe((s, prev) => seen.push([s.selected, prev.selected]));
    store.dispatch(actions.select('country:BRA'));
    store.dispatch(actions.select('country:BRA'));
    store.dispatch(actions.clearSelection());
    unsubscribe();
    store.dispatch(actions.select('x'));
    expect(seen).toEqual([
      ['country:BRA', null],
      [null, 'country:BRA'],
    ]);
    expect(store.getState().mineral).toBe('niobium');
  });

  it('an initial removal (from a shared link) starts waiting for its impact', () => {
    const store = createStore({ removed: ['country:BRA'], mineral: 'niobium' });
    expect(store.getState().impactStatus).toBe('loading');
    expect(store.getState().impactKey).toBe(impactKeyOf({ remove: ['country:BRA'], mineral: 'niobium' }));
  });
});

describe('applyUrl (browser Back/Forward)', () => {
  it('sets every shareable field to the entry URL or its default, reloading only when the filter changed', () => {
    const store = createStore({ mineral: 'niobium', year: 2025, removed: ['country:BRA'], selected: 'country:BRA', graphStatus: 'ready' });
    store.dispatch(actions.applyUrl({ mineral: 'niobium', selected: 'country:BRA' }));
    expect(store.getState()).toMatchObject({ mineral: 'niobium', year: 2025, removed: [], selected: 'country:BRA', graphStatus: 'ready', impactKey: null });
    store.dispatch(actions.applyUrl({ mineral: 'beryllium' }));
    expect(store.getState()).toMatchObject({ mineral: 'beryllium', selected: null, graphStatus: 'loading' });
    const before = store.getState();
    store.dispatch(actions.applyUrl({ mineral: 'beryllium' }));
    expect(store.getState()).toBe(before);
  });

  it('restores removal severities from the URL: a partial disruption asks the API for id@severity', () => {
    const store = createStore({ mineral: 'gallium', year: 2024, graphStatus: 'ready' });
    store.dispatch(actions.applyUrl({ mineral: 'gallium', removed: ['country:CHN/gallium'], severity: { 'country:CHN/gallium': 0.4 } }));
    expect(store.getState().severity).toEqual({ 'country:CHN/gallium': 0.4 });
    expect(impactRequestOf(store.getState())).toEqual({ remove: ['country:CHN/gallium@0.4'], mineral: 'gallium', year: 2024 });
    const partialKey = store.getState().impactKey;
    // Same removal at another severity is another question; the same URL again changes nothing.
    const same = store.getState();
    store.dispatch(actions.applyUrl({ mineral: 'gallium', removed: ['country:CHN/gallium'], severity: { 'country:CHN/gallium': 0.4 } }));
    expect(store.getState()).toBe(same);
    store.dispatch(actions.applyUrl({ mineral: 'gallium', removed: ['country:CHN/gallium'] }));
    expect(store.getState().severity).toEqual({});
    expect(store.getState().impactKey).not.toBe(partialKey);
  });

  it('a shared link with a severity starts the store with it (createStore from decodeUrlState)', () => {
    const store = createStore(decodeUrlState('?mineral=niobium&removed=country:BRA@0.5'));
    expect(store.getState().severity).toEqual({ 'country:BRA': 0.5 });
    expect(store.getState().impactKey).toBe(impactKeyOf({ remove: ['country:BRA@0.5'], mineral: 'niobium' }));
    expect(encodeUrlState(store.getState())).toBe('mineral=niobium&removed=country:BRA@0.5');
  });
});
