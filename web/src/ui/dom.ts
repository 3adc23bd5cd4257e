// Tiny DOM helpers for the panels: build elements declaratively and format numbers the same way everywhere.

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | EventListener | null | undefined>;

/** h('button', {class: 'x', onclick: fn}, 'label') -> element. `on*` props become listeners, booleans toggle attributes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`chokepoint view: element #${id} is missing from index.html`);
  return el as T;
}

const tonnesFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const smallFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

export function fmtTonnes(t: number | null | undefined): string {
  if (typeof t !== 'number' || !Number.isFinite(t)) return '—';
  return Math.abs(t) >= 100 ? tonnesFormat.format(t) : smallFormat.format(t);
}

export function fmtPct(share: number | null | undefined, digits = 1): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

export function fmtNum(v: number | null | undefined, digits = 3): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return v.toFixed(digits);
}

/** Makes URLs inside a source citation clickable, leaving the rest as text. */
export function linkify(text: string): Node[] {
  const out: Node[] = [];
  const re = /https?:\/\/[^\s)\]]+/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push(document.createTextNode(text.slice(last, m.index)));
    out.push(h('a', { href: m[0], target: '_blank', rel: 'noopener' }, m[0]));
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

export function download(filename: string, content: Blob | string, type = 'text/plain'): void {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A plain table; `numeric` column indexes are right-aligned; `onRow` makes rows clickable. */
export function table(head: string[], rows: string[][], numeric: number[] = [], onRow?: (i: number) => void): HTMLTableElement {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { class: numeric.includes(i) ? 'num' : null }, t)))),
    h(
      'tbody',
      {},
      ...rows.map((r, ri) =>
        h(
          'tr',
          { class: onRow ? 'clickable' : null, onclick: onRow ? () => onRow(ri) : null },
          ...r.map((c, i) => h('td', { class: numeric.includes(i) ? 'num' : null }, c)),
        ),
      ),
    ),
  );
}
