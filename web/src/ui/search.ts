// The search box with autocomplete (countries, minerals, facilities): local matches at once, the API's search merged
// in when it answers; arrow keys move, Enter picks, Esc closes. Picking is the caller's business (focus, select...).
import type { ApiClient } from '../api.ts';
import { rankMatches, type SearchEntry } from '../search.ts';
import { byId, h } from './dom.ts';

const KIND_TEXT: Record<string, string> = { country: 'country', mineral: 'mineral', mine: 'mine', refiner: 'refiner' };
const DEBOUNCE_MS = 120;

export class SearchBox {
  readonly input = byId<HTMLInputElement>('search-input');
  private readonly list = byId<HTMLUListElement>('search-results');
  private hits: SearchEntry[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly localEntries: () => Iterable<SearchEntry>,
    private readonly onPick: (entry: SearchEntry) => void,
  ) {
    this.input.addEventListener('input', () => this.update());
    this.input.addEventListener('focus', () => this.input.value && this.update());
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.active = -1;
  }

  private update(): void {
    const query = this.input.value;
    const generation = ++this.generation;
    const local = rankMatches(this.localEntries(), query);
    this.show(local);
    if (this.timer) clearTimeout(this.timer);
    if (query.trim().length < 2) return;
    this.timer = setTimeout(() => {
      this.api
        .searchNodes(query.trim(), 12)
        .then((remote) => {
          if (generation !== this.generation) return;
          const entries: SearchEntry[] = remote.map((r) => ({ id: r.id, kind: r.kind, name: r.name, country: r.country }));
          this.show(rankMatches([...local, ...entries], query));
        })
        .catch(() => {
          // Local suggestions stay; the graph overlay reports an unreachable API.
        });
    }, DEBOUNCE_MS);
  }

  private show(hits: SearchEntry[]): void {
    this.hits = hits;
    this.active = hits.length ? 0 : -1;
    if (!this.input.value.trim()) return this.close();
    this.list.replaceChildren(
      ...(hits.length
        ? hits.map((hit, i) =>
            h(
              'li',
              {
                role: 'option',
                id: `search-hit-${i}`,
                'data-id': hit.id,
                'aria-selected': i === this.active ? 'true' : 'false',
                onmousedown: ((e: MouseEvent) => {
                  e.preventDefault();
                  this.pick(i);
                }) as EventListener,
              },
              h('span', {}, hit.name, hit.country && hit.kind !== 'country' ? ` (${hit.country})` : ''),
              h('span', { class: 'kind' }, KIND_TEXT[hit.kind] ?? hit.kind),
            ),
          )
        : [h('li', { class: 'empty', 'aria-disabled': 'true' }, 'No match')]),
    );
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.hits.length) return;
      e.preventDefault();
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : this.hits.length - 1)) % this.hits.length;
      [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', i === this.active ? 'true' : 'false'));
      this.input.setAttribute('aria-activedescendant', `search-hit-${this.active}`);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.active >= 0) this.pick(this.active);
    } else if (e.key === 'Escape') {
      this.close();
      this.input.blur();
    }
  }

  private pick(i: number): void {
    const hit = this.hits[i];
    if (!hit) return;
    this.input.value = hit.name;
    this.close();
    this.onPick(hit);
  }
}
