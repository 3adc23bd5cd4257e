// The legend, rendered from legend.ts's model: as HTML over the graph, and onto a canvas for the PNG export.
import type { LegendSection } from '../legend.ts';
import { h } from './dom.ts';

export function renderLegend(el: HTMLElement, sections: LegendSection[]): void {
  el.replaceChildren(
    ...sections.map((section) =>
      h(
        'div',
        {},
        h('h4', {}, section.title),
        h(
          'ul',
          {},
          ...section.items.map((item) => {
            switch (item.type) {
              case 'dot':
                return h('li', {}, swatch(item.color, false), item.label);
              case 'line':
                return h('li', {}, swatch(item.color, true), item.label);
              case 'ramp': {
                const bar = h('span', { class: 'ramp' });
                bar.style.background = `linear-gradient(to right, ${item.stops.join(', ')})`;
                return h('li', { title: item.label }, item.from, bar, item.to);
              }
              case 'text':
                return h('li', {}, item.label);
            }
          }),
        ),
        ...section.items.filter((i) => i.type === 'ramp').map((i) => h('div', { class: 'hint' }, i.label)),
      ),
    ),
  );
}

function swatch(color: string, line: boolean): HTMLElement {
  const s = h('span', { class: line ? 'swatch line' : 'swatch' });
  s.style.background = color;
  return s;
}

/** Draws the legend in a white box at (x, y) on a 2D context (CSS pixels; the caller scales for the pixel ratio). */
export function drawLegend(ctx: CanvasRenderingContext2D, sections: LegendSection[], x: number, y: number): void {
  const lineH = 15;
  const width = 300;
  let rows = 0;
  for (const s of sections) rows += 1 + s.items.length;
  const height = rows * lineH + 12;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = '#d9dce1';
  ctx.fillRect(x, y, width, height);
  ctx.strokeRect(x + 0.5, y + 0.5, width, height);
  ctx.textBaseline = 'middle';
  let cy = y + 6 + lineH / 2;
  for (const section of sections) {
    ctx.font = 'bold 10px system-ui, sans-serif';
    ctx.fillStyle = '#5f6670';
    ctx.fillText(section.title.toUpperCase(), x + 8, cy);
    cy += lineH;
    ctx.font = '11px system-ui, sans-serif';
    for (const item of section.items) {
      let tx = x + 26;
      if (item.type === 'dot') {
        ctx.fillStyle = item.color;
        ctx.beginPath();
        ctx.arc(x + 14, cy, 5, 0, 2 * Math.PI);
        ctx.fill();
      } else if (item.type === 'line') {
        ctx.fillStyle = item.color;
        ctx.fillRect(x + 6, cy - 1.5, 16, 3);
      } else if (item.type === 'ramp') {
        const g = ctx.createLinearGradient(x + 8, 0, x + 78, 0);
        item.stops.forEach((c, i) => g.addColorStop(i / Math.max(1, item.stops.length - 1), c));
        ctx.fillStyle = g;
        ctx.fillRect(x + 8, cy - 4, 70, 8);
        tx = x + 84;
      } else tx = x + 8;
      ctx.fillStyle = '#1f2328';
      const label = item.type === 'ramp' ? `${item.from}→${item.to}: ${item.label}` : item.label;
      ctx.fillText(label, tx, cy, width - (tx - x) - 6);
      cy += lineH;
    }
  }
  ctx.restore();
}
