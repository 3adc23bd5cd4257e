// Sparklines of a node's share and its market's HHI over the years (details panel): a small SVG polyline per series,
// the current year marked, and the values in the title so the figure is readable without the chart.
const NS = 'http://www.w3.org/2000/svg';

export interface SparkPoint {
  year: number;
  value: number;
}

/** Polyline points scaled into width x height (x by year, y by value from 0 to `max`). Pure, tested in Node. */
export function sparkPoints(points: readonly SparkPoint[], width: number, height: number, max: number): string {
  if (!points.length) return '';
  const years = points.map((p) => p.year);
  const [y0, y1] = [Math.min(...years), Math.max(...years)];
  const x = (year: number) => (y1 > y0 ? ((year - y0) / (y1 - y0)) * (width - 4) + 2 : width / 2);
  const y = (v: number) => height - 2 - (max > 0 ? Math.min(1, v / max) : 0) * (height - 4);
  return points.map((p) => `${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
}

export function sparkline(label: string, points: readonly SparkPoint[], options: { max: number; current: number | null; format: (v: number) => string }): SVGSVGElement {
  const width = 160;
  const height = 32;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  const text = `${label}: ${points.map((p) => `${p.year} ${options.format(p.value)}`).join(', ')}`;
  svg.setAttribute('aria-label', text);
  svg.dataset.points = points.map((p) => `${p.year}:${p.value}`).join(',');
  const title = document.createElementNS(NS, 'title');
  title.textContent = text;
  const line = document.createElementNS(NS, 'polyline');
  line.setAttribute('points', sparkPoints(points, width, height, options.max));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', 'currentColor');
  line.setAttribute('stroke-width', '1.5');
  svg.append(title, line);
  const current = points.find((p) => p.year === options.current);
  if (current) {
    const [cx, cy] = sparkPoints([current, ...points], width, height, options.max).split(' ')[0]!.split(',');
    const dot = document.createElementNS(NS, 'circle');
    dot.setAttribute('cx', cx!);
    dot.setAttribute('cy', cy!);
    dot.setAttribute('r', '2.5');
    dot.setAttribute('fill', 'currentColor');
    svg.append(dot);
  }
  return svg;
}
