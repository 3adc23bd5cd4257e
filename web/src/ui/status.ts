// The overlay that keeps the graph area from ever being blank: loading, API errors (with a retry) and empty filters.
import type { ViewState } from '../state.ts';
import { h } from './dom.ts';

export function describeFilter(state: Pick<ViewState, 'mineral' | 'stage' | 'year'>): string {
  const parts = [state.mineral === 'all' ? 'all minerals' : state.mineral];
  if (state.stage !== 'all') parts.push(`${state.stage} stage`);
  if (state.year !== null) parts.push(String(state.year));
  return parts.join(', ');
}

export function renderStatus(el: HTMLElement, state: ViewState, onRetry: () => void, onResetFilter: () => void): void {
  if (state.graphStatus === 'error') {
    el.replaceChildren(
      h(
        'div',
        { class: 'box error', 'data-state': 'error' },
        h('strong', {}, 'The graph could not be loaded. '),
        h('div', {}, state.graphError ?? 'unknown error'),
        h('div', { class: 'actions' }, h('button', { type: 'button', onclick: onRetry }, 'Retry')),
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
        h('div', { class: 'actions' }, h('button', { type: 'button', onclick: onResetFilter }, 'Show all stages')),
      ),
    );
  } else el.replaceChildren();
}
