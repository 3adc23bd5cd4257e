// The overlay that keeps the graph area from ever being blank: loading, API errors (a retry for failures that may pass,
// a reset for filters the API refused) and empty filters.
import type { ViewState } from '../state.ts';
import { h } from './dom.ts';

export function describeFilter(state: Pick<ViewState, 'mineral' | 'stage' | 'year'>): string {
  const parts = [state.mineral === 'all' ? 'all minerals' : state.mineral];
  if (state.stage !== 'all') parts.push(`${state.stage} stage`);
  if (state.year !== null) parts.push(String(state.year));
  return parts.join(', ');
}

export interface StatusActions {
  /** Ask again (network failures and server errors only). */
  retry(): void;
  /** Back to all minerals, all stages, the latest year. */
  resetFilters(): void;
  /** Show all stages (the way out of an empty filter). */
  allStages(): void;
  /** Switch to a mineral the API suggested for an unknown one. */
  mineral(slug: string): void;
}

export function renderStatus(el: HTMLElement, state: ViewState, on: StatusActions): void {
  if (state.graphStatus === 'error') {
    // A refused filter (unknown mineral or year) fails the same way every time: offer a way out, not a Retry.
    const buttons = state.graphErrorRetryable
      ? [h('button', { type: 'button', 'data-action': 'retry', onclick: () => on.retry() }, 'Retry')]
      : [
          ...state.graphErrorSuggestions
            .slice(0, 3)
            .map((slug) => h('button', { type: 'button', 'data-action': 'suggestion', onclick: () => on.mineral(slug) }, `Show ${slug}`)),
          h('button', { type: 'button', 'data-action': 'reset', onclick: () => on.resetFilters() }, 'Reset filters'),
        ];
    el.replaceChildren(
      h(
        'div',
        { class: 'box error', 'data-state': 'error' },
        h('strong', {}, state.graphErrorRetryable ? 'The graph could not be loaded. ' : 'Nothing to show for this filter. '),
        h('div', {}, state.graphError ?? 'unknown error'),
        h('div', { class: 'actions' }, ...buttons),
      ),
    );
  } else if (state.graphStatus === 'loading' || state.graphStatus === 'idle') {
    el.replaceChildren(h('div', { class: 'box loading', 'data-state': 'loading' }, `Loading the supply graph (${describeFilter(state)})…`));
  } else if (state.graphEmpty) {
    el.replaceChildren(
      h(
        'div',
        { class: 'box', 'data-state': 'empty' },
        h('strong', {}, 'No flows match this filter. '),
        h('div', {}, `Nothing for ${describeFilter(state)}: try another stage, year or mineral.`),
        h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => on.allStages() }, 'Show all stages')),
      ),
    );
  } else el.replaceChildren();
}
