// Analysis benchmark (npm run bench): impact, chokepoints and centrality on the shipped dataset, impact on a synthetic
// 5,000-node / 50,000-flow graph, exact weighted betweenness (ours vs graphology-metrics vs igraph's C code on the
// same edge list) and sampled betweenness against exact. Prints a table and rewrites the "## Analysis" section of
// bench/RESULTS.md (other sections are left as they are). Installs nothing; not part of npm test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { DirectedGraph } from 'graphology';
import { betweenness as graphologyBetweenness } from 'graphology-metrics/centrality/index.js';
import seedrandom from 'seedrandom';
import { CENTRALITY_METRICS, centrality, centralityGraph } from '../src/analysis/centrality.ts';
import { betweennessArray } from '../src/analysis/kernels/betweenness.ts';
import { buildCsr } from '../src/analysis/kernels/csr.ts';
import { defaultThreads, runKernel } from '../src/analysis/kernels/parallel.ts';
import { syntheticSupplyGraph } from '../src/analysis/synthetic.ts';
import type { ChokepointRow } from '../src/analysis/types.ts';
import { readShippedDataset } from '../src/data/index.ts';
import { buildSupplyGraph, type SupplyGraph } from '../src/domain/graph.ts';
import { openEmbeddedStore } from '../src/store/embedded.ts';
import { writeEdgeList } from './edge-list.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'RESULTS.md');
const DATA = path.join(HERE, 'data');
const HEADING = '## Analysis';
const SEED = 'bench';

type Status = 'PASS' | 'FAIL' | 'info' | 'n/a';
interface Row {
  group: string;
  name: string;
  result: string;
  budget: string;
  status: Status;
}
const rows: Row[] = [];
const notes: string[] = [];

function row(group: string, name: string, result: string, budget = '', status: Status = 'info'): void {
  rows.push({ group, name, result, budget, status });
  console.log(`${status.padEnd(4)} ${group} | ${name}: ${result}${budget ? ` (budget ${budget})` : ''}`);
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
const budgetStatus = (value: number, limit: number): Status => (value < limit ? 'PASS' : 'FAIL');

/** Producers with out-flows in the year, in a seeded random order. */
function producerSample(graph: SupplyGraph, year: number, count: number): string[] {
  const ids = new Set<string>();
  graph.forEachEdge((_e, a, source, _t, sa) => {
    if (a.year === year && (sa.kind === 'mine' || sa.kind === 'refiner')) ids.add(source);
  });
  const list = [...ids].sort();
  const random = seedrandom(SEED);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list.slice(0, count);
}

type ImpactFn = typeof import('../src/analysis/impact.ts').impact;
type ChokepointsFn = (graph: SupplyGraph, options?: Record<string, unknown>) => ChokepointRow[];

async function optionalImport<T>(specifier: string, name: string): Promise<T | undefined> {
  try {
    const module = (await import(specifier)) as Record<string, unknown>;
    return module[name] as T | undefined;
  } catch {
    return undefined;
  }
}

function benchImpact(group: string, graph: SupplyGraph, impact: ImpactFn, n: number, budgetMs: number): void {
  const year = Math.max(...graph.getAttribute('years'));
  const ids = producerSample(graph, year, n + 1);
  const [, cold] = timed(() => impact(graph, { remove: [ids[0]!] }));
  row(group, 'impact, first call (builds the cached index)', ms(cold));
  const times: number[] = [];
  for (const id of ids.slice(1)) times.push(timed(() => impact(graph, { remove: [id] }))[1]);
  const median = quantile(times, 0.5);
  row(group, `impact, one producer removal, proportional (median of ${times.length})`, ms(median), `< ${budgetMs} ms`, budgetStatus(median, budgetMs));
  row(group, `impact, one producer removal (p95 / max of ${times.length})`, `${ms(quantile(times, 0.95))} / ${ms(Math.max(...times))}`);
}

/** Ranks with ties averaged (for Spearman's rho). */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const result = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) result[order[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return result;
}

function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (ra.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - mean) * (rb[i]! - mean);
    da += (ra[i]! - mean) ** 2;
    db += (rb[i]! - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}

/** Largest relative difference where the reference is non-zero, and largest absolute one where it is zero. */
function difference(ours: ArrayLike<number>, reference: ArrayLike<number>): string {
  let rel = 0;
  let abs = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    const d = Math.abs(ours[i]! - r);
    if (r !== 0) rel = Math.max(rel, d / Math.abs(r));
    else abs = Math.max(abs, d);
  }
  return `max rel. diff ${rel.toExponential(1)}, max abs. diff at zeros ${abs.toExponential(1)}`;
}

function findPython(): string | undefined {
  // Debian's python3-igraph lives in /usr/bin/python3's dist-packages; a pyenv python3 first on PATH lacks it.
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import igraph'], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}

interface KernelGraph {
  label: string;
  graph: DirectedGraph<Record<string, unknown>, { cost: number }>;
}

/** A random directed graph, costs uniform in [0.1, 1.1): most pairs reachable, the kernel's worst case. */
function randomDirected(n: number, m: number): KernelGraph['graph'] {
  const graph = new DirectedGraph<Record<string, unknown>, { cost: number }>();
  const random = seedrandom(SEED);
  for (let i = 0; i < n; i++) graph.addNode(`n${i}`);
  while (graph.size < m) {
    const s = Math.floor(random() * n);
    const t = Math.floor(random() * n);
    if (s !== t && !graph.hasEdge(`n${s}`, `n${t}`)) graph.addEdge(`n${s}`, `n${t}`, { cost: 0.1 + random() });
  }
  return graph;
}

/** Median wall-clock and CPU time (all threads of this process) of `repeat` runs (at least one). */
function measure<T>(fn: () => T, repeat: number): { value: T; wall: number; cpu: number } {
  let value!: T;
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < Math.max(1, repeat); i++) {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    value = fn();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu0);
    cpus.push((used.user + used.system) / 1000);
  }
  return { value, wall: quantile(walls, 0.5), cpu: quantile(cpus, 0.5) };
}

async function benchBetweenness(kernelGraphs: KernelGraph[], python: string | undefined): Promise<void> {
  for (const { label, graph } of kernelGraphs) {
    const group = `betweenness: ${label}`;
    const n = graph.order;
    const threads = defaultThreads();
    const file = path.join(DATA, `${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.edges`);
    const nodes = await writeEdgeList(graph, file, (_e, a) => a.cost);
    const [csr, tCsr] = timed(() => buildCsr(graph, 'cost'));
    const all = new Int32Array(n).map((_, i) => i);
    // The probe run doubles as V8's warm-up; short cases are then repeated (median of 5), long ones run once.
    const probe = measure(() => runKernel('betweenness', csr, all, { threads: 1 }), 1);
    const repeat = probe.wall < 2000 ? 5 : 1;
    const single = measure(() => runKernel('betweenness', csr, all, { threads: 1 }), repeat);
    let joined = 0;
    const onStats = (stats: { workersJoined: number }) => (joined = Math.max(joined, stats.workersJoined));
    const multi = threads > 1 ? measure(() => runKernel('betweenness', csr, all, { threads, onStats }), repeat) : single;
    const ours = multi.value;
    // Workers start only when the first milliseconds project enough work (kernels/parallel.ts).
    const used = joined > 0 ? `${joined + 1} threads` : `up to ${threads} threads, ran on 1 (too little work for workers)`;
    row(group, `ours, exact, ${used}, kernel on a built CSR`, `${ms(multi.wall)} wall, ${ms(multi.cpu)} CPU`);
    if (threads > 1) row(group, 'ours, exact, 1 thread, kernel on a built CSR', `${ms(single.wall)} wall, ${ms(single.cpu)} CPU`);
    row(group, 'ours, CSR build from the graphology graph', `${ms(tCsr)} (${n} nodes, ${graph.size} edges)`);
    const [reference, tGraphology] = timed(() => graphologyBetweenness(graph, { getEdgeWeight: 'cost', normalized: false }));
    row(group, 'graphology-metrics 2.4.2 (1 thread, index build included)', `${ms(tGraphology)}; ours: ${difference(ours, nodes.map((id) => reference[id]!))}`);
    if (python) {
      const run = spawnSync(python, [path.join(HERE, 'igraph_betweenness.py'), file, String(n), String(repeat)], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      if (run.status !== 0) {
        row(group, 'igraph', `failed: ${run.stderr.trim().split('\n').pop()}`, 'ours <= igraph', 'n/a');
      } else {
        const out = JSON.parse(run.stdout) as { seconds: number; cpuSeconds: number; igraph: string; values: number[] };
        const wall = out.seconds * 1000;
        row(group, `igraph ${out.igraph} (C, 1 thread, betweenness() on a built graph)`, `${ms(wall)} wall, ${ms(out.cpuSeconds * 1000)} CPU; ours: ${difference(ours, out.values)}`);
        // Threads only help when cores are free: the 1-minute load average says whether they were.
        const load = os.loadavg()[0]!.toFixed(1);
        row(
          group,
          `ours (default threads) vs igraph, wall-clock`,
          `${(multi.wall / wall).toFixed(2)}x igraph's time (load average ${load} on ${os.availableParallelism()} cores)`,
          'ours <= igraph',
          multi.wall <= wall ? 'PASS' : 'FAIL',
        );
        row(group, 'ours (1 thread) vs igraph, CPU time', `${(single.cpu / (out.cpuSeconds * 1000)).toFixed(2)}x igraph's CPU time`);
      }
    } else {
      console.log('igraph not available (apt-get install python3-igraph)');
      row(group, 'igraph', 'igraph not available (apt-get install python3-igraph)', 'ours <= igraph', 'n/a');
    }

    // Sampled: k sources scaled by n/k, against the exact values on the exact top 100.
    const top = [...ours.keys()].sort((a, b) => ours[b]! - ours[a]!).slice(0, 100);
    for (const k of [64, 256]) {
      const [sampled, tSampled] = timed(() => betweennessArray(graph, { getEdgeWeight: 'cost', normalized: false, sample: k, seed: SEED }));
      let maxRel = 0;
      for (const i of top) maxRel = Math.max(maxRel, Math.abs(sampled.values[i]! - ours[i]!) / ours[i]!);
      const rho = spearman(top.map((i) => ours[i]!), top.map((i) => sampled.values[i]!));
      row(group, `sampled k = ${k} (seed "${SEED}")`, `${ms(tSampled)}; top-100: max rel. error ${(100 * maxRel).toFixed(1)}%, Spearman ${rho.toFixed(3)}`);
    }
  }
}

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `- date: ${new Date().toISOString().slice(0, 10)}`,
    `- cpu: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores (availableParallelism ${os.availableParallelism()})`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- node ${process.version}, ${os.platform()} ${os.release()}`,
    `- load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} (other processes share the cores; times are wall-clock)`,
  ];
}

function writeResults(info: string[]): void {
  const table = [
    '| group | case | result | budget | status |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.group} | ${r.name} | ${r.result} | ${r.budget} | ${r.status} |`),
  ];
  const section = [
    HEADING,
    '',
    'Run by `npm run bench` (`bench/analysis.ts`); this section is rewritten on each run.',
    '',
    ...info,
    '',
    ...table,
    '',
    ...(notes.length ? [...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const pattern = /^## Analysis\n[\s\S]*?(?=^## |(?![\s\S]))/m;
  const next = pattern.test(previous) ? previous.replace(pattern, `${section}\n`) : `${previous.replace(/\n*$/, '\n\n')}${section}\n`;
  writeFileSync(RESULTS, next);
  console.log(`\nwrote the "${HEADING}" section of ${path.relative(process.cwd(), RESULTS)}`);
}

async function main(): Promise<void> {
  const info = machine();
  console.log(info.join('\n'));
  const impact = await optionalImport<ImpactFn>('../src/analysis/impact.ts', 'impact');
  const chokepoints = await optionalImport<ChokepointsFn>('../src/analysis/chokepoints.ts', 'chokepoints');

  // Shipped dataset.
  const group = 'shipped dataset';
  const [dataset, tRead] = await (async () => {
    const start = performance.now();
    const d = await readShippedDataset();
    return [d, performance.now() - start] as const;
  })();
  const [graph, tBuild] = timed(() => buildSupplyGraph(dataset));
  row(group, 'read graph/data + build the graph', `${ms(tRead)} + ${ms(tBuild)} (${graph.order} nodes, ${graph.size} flows, version ${dataset.version})`);
  {
    // Loading the store with the trade layer (issue 11: < 10 s): a fresh embedded LadybugDB database, the whole dataset.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chokepoint-bench-'));
    const start = performance.now();
    const store = await openEmbeddedStore({ path: path.join(dir, 'db') });
    await store.replaceDataset(dataset);
    const tLoad = performance.now() - start;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    const trade = dataset.flows.filter((f) => f.stage === 'trade').length;
    row(group, `load the embedded store (fresh database, ${dataset.flows.length} flows of which ${trade} trade)`, ms(tLoad), '< 10 s', budgetStatus(tLoad, 10_000));
  }
  if (impact) benchImpact(group, graph, impact, 50, 20);
  else row(group, 'impact', 'src/analysis/impact.ts not available yet', '< 20 ms', 'n/a');

  if (chokepoints) {
    const fresh = buildSupplyGraph(dataset);
    const [ranking, tCold] = timed(() => chokepoints(fresh, {}));
    row(group, `chokepoint ranking, all minerals and stages, cold (${ranking.length} rows)`, ms(tCold), '< 2 s', budgetStatus(tCold, 2000));
    const [, tWarm] = timed(() => chokepoints(fresh, {}));
    row(group, 'chokepoint ranking, all minerals, warm (indices cached)', ms(tWarm));
  } else row(group, 'chokepoint ranking', 'src/analysis/chokepoints.ts not available yet', '< 2 s', 'n/a');

  {
    const fresh = buildSupplyGraph(dataset);
    const minerals = new Set<string>();
    fresh.forEachEdge((_e, a) => minerals.add(a.mineral));
    let calls = 0;
    const [, tAll] = timed(() => {
      for (const mineral of ['all', ...minerals]) {
        for (const kind of ['flow', 'country'] as const) {
          for (const metric of CENTRALITY_METRICS) {
            centrality(fresh, { metric, mineral, graph: kind });
            calls++;
          }
        }
      }
    });
    row(
      group,
      `all centralities x (${minerals.size} minerals + all) x (flow, country), cold (${calls} calls)`,
      ms(tAll),
      '< 5 s',
      budgetStatus(tAll, 5000),
    );
    const [, tUnion] = timed(() => centrality(fresh, { metric: 'betweenness' }));
    const union = centralityGraph(fresh, {});
    row(group, `betweenness, union flow graph (${union.order} nodes, ${union.size} links), warm`, ms(tUnion));
  }

  // Synthetic facility-scale graph.
  const [synthetic, tSynth] = timed(() => syntheticSupplyGraph({ nodes: 5000, flows: 50000, seed: SEED }));
  const sgroup = 'synthetic 5,000 / 50,000';
  row(sgroup, 'generate (seeded)', `${ms(tSynth)} (${synthetic.order} nodes, ${synthetic.size} flows)`);
  if (impact) benchImpact(sgroup, synthetic, impact, 30, 200);
  else row(sgroup, 'impact', 'src/analysis/impact.ts not available yet', '< 200 ms', 'n/a');
  const [, tDerive] = timed(() => centralityGraph(synthetic, {}));
  row(sgroup, 'derive the cost graph (1/share) for centrality', ms(tDerive));
  const [, tPagerank] = timed(() => centrality(synthetic, { metric: 'pagerank' }));
  row(sgroup, 'PageRank (tonnes as strength)', ms(tPagerank));

  // Exact and sampled weighted betweenness on the same edge lists.
  const python = findPython();
  await benchBetweenness(
    [
      { label: 'synthetic supply graph 1/share', graph: centralityGraph(synthetic, {}) as unknown as KernelGraph['graph'] },
      { label: 'random directed 5000-50000', graph: randomDirected(5000, 50000) },
    ],
    python,
  );
  notes.push(
    'Betweenness is unnormalized on both sides; igraph reads the same edge list (costs printed exactly), so equal-cost ties match.',
    'The supply graph is layered (mine -> refiner -> country), so shortest paths are short and cheap; the random graph is the hard case.',
    'Sampled betweenness: k uniform sources scaled by n/k (Brandes & Pich 2007); error measured on the exact top 100 nodes.',
  );

  const table = new Table({ head: ['group', 'case', 'result', 'budget', 'status'], wordWrap: true, colWidths: [22, 48, 60, 16, 8] });
  for (const r of rows) table.push([r.group, r.name, r.result, r.budget, r.status]);
  console.log(`\n${table.toString()}`);
  writeResults(info);
  const failed = rows.filter((r) => r.status === 'FAIL');
  if (failed.length) {
    console.log(`${failed.length} case(s) over budget`);
    process.exitCode = 1;
  }
}

await main();
