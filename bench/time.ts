// Time benchmark (npm run bench:time, issue 12): loading the shipped dataset with every year (2020-2025e flows and the
// BACI trade series 2002-2024), `trend` for one mineral warm (budget < 100 ms), and the impact of one removal in every
// year of a span (budget < 20 ms per year). Rewrites the "## Time" section of bench/RESULTS.md; not part of npm test.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { impactSpan } from '../src/analysis/span.ts';
import { trend } from '../src/analysis/trend.ts';
import { readShippedDataset, DEFAULT_DATA_DIR } from '../src/data/index.ts';
import { readTradeSeries } from '../src/data/build/trade-series.ts';
import { buildSupplyGraph } from '../src/domain/graph.ts';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
const HEADING = '## Time';
const lines: string[] = [];
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
};
function row(name: string, result: string, budget = '', pass?: boolean): void {
  const status = pass === undefined ? 'info' : pass ? 'PASS' : 'FAIL';
  lines.push(`| ${name} | ${result} | ${budget} | ${status} |`);
  console.log(`${status.padEnd(4)} ${name}: ${result}${budget ? ` (budget ${budget})` : ''}`);
}

const load = os.loadavg();
const t0 = performance.now();
const dataset = await readShippedDataset();
const t1 = performance.now();
const graph = buildSupplyGraph(dataset);
const t2 = performance.now();
const trade = await readTradeSeries(DEFAULT_DATA_DIR);
const t3 = performance.now();
const years = [...new Set(dataset.flows.map((f) => f.year))].sort();
row('load: read graph/data + build the graph (every year)', `${ms(t1 - t0)} + ${ms(t2 - t1)} (${dataset.nodes.length} nodes, ${dataset.flows.length} flows, years ${years.join(', ')})`);
row('load: read the trade series (BACI 2002-2024)', `${ms(t3 - t2)} (${Object.keys(trade?.minerals ?? {}).length} minerals)`);

const [, cold] = time(() => trend(graph, trade, { mineral: 'niobium' }));
const warm: number[] = [];
for (let i = 0; i < 20; i++) warm.push(time(() => trend(graph, trade, { mineral: 'niobium' }))[1]);
row('trend niobium, cold (builds the indices)', ms(cold));
row('trend niobium, warm (median of 20)', ms(median(warm)), '< 100 ms', median(warm) < 100);

for (const [remove, mineral] of [
  ['country:COD', 'cobalt'],
  ['mine:bra-niobium', 'niobium'],
] as const) {
  const span: [number, number] = [2020, 2025];
  const n = span[1] - span[0] + 1;
  time(() => impactSpan(graph, { remove: [remove], mineral }, span)); // builds each year's index once
  const per: number[] = [];
  for (let i = 0; i < 20; i++) per.push(time(() => impactSpan(graph, { remove: [remove], mineral }, span))[1] / n);
  row(`impact of ${remove} (${mineral}) in every year ${span[0]}-${span[1]}, per year (median of 20)`, ms(median(per)), '< 20 ms', median(per) < 20);
}

const section = [
  HEADING,
  '',
  'Run by `npm run bench:time` (`bench/time.ts`); this section is rewritten on each run.',
  '',
  `- date: ${new Date().toISOString().slice(0, 10)}`,
  `- cpu: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores`,
  `- node ${process.version}, ${os.platform()} ${os.release()}`,
  `- load average at start: ${load.map((l) => l.toFixed(2)).join(' / ')} (the machine is shared by 6 sessions; times are wall-clock)`,
  '',
  '| case | result | budget | status |',
  '| --- | --- | --- | --- |',
  ...lines,
  '',
].join('\n');
const text = readFileSync(RESULTS, 'utf8');
const start = text.indexOf(`${HEADING}\n`);
let next = start < 0 ? -1 : text.indexOf('\n## ', start + HEADING.length);
if (next >= 0) next += 1;
const out = start < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next >= 0 ? `\n${text.slice(next)}` : ''}`;
writeFileSync(RESULTS, out.endsWith('\n') ? out : `${out}\n`);
