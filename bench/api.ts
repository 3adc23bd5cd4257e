// API load benchmark (`npm run bench:api`): the real server on 127.0.0.1 with the embedded store and the shipped
// dataset, autocannon with 50 connections for 20 s of mixed POST /api/impact (seeded random single removals of
// producers) and GET /api/chokepoints, then the same with random pairs (cache misses). Budget: zero errors, p99 < 100 ms.
// Appends an "## API load" section to bench/RESULTS.md (replacing the previous one; other sections are left as they are).
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { pino } from 'pino';
import seedrandom from 'seedrandom';
import { startServer } from '../src/api/server.ts';
import { readShippedDataset } from '../src/data/index.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
/** Unmeasured warm-up at the same load first (JIT, first-touch allocations), as autocannon's --warmup does. */
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 5);
const SEED = 'chokepoint-api-bench';
const P99_BUDGET_MS = 100;
const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

interface Ready {
  url: string;
  startupMs: number;
}

/** Child process: the server alone on its event loop, so autocannon (in the parent) does not compete with it. */
async function serve(): Promise<void> {
  const started = performance.now();
  const server = await startServer({
    env: process.env,
    port: 0,
    host: '127.0.0.1',
    handleSignals: true,
    logger: pino({ level: 'silent' }),
    log: (m) => console.error(m),
  });
  process.send?.({ url: server.url, startupMs: performance.now() - started } satisfies Ready);
  await server.closed;
  process.disconnect?.();
}

async function main(): Promise<void> {
  const dataset = await readShippedDataset();
  // Producers that carry a flow in the latest year: the removals impact() can answer (facilities listed by ICMM
  // without a flow get a 422, which would measure the error path instead).
  const latest = Math.max(...dataset.flows.map((f) => f.year));
  const carrying = new Set(dataset.flows.filter((f) => f.year === latest).map((f) => f.from));
  const producers = dataset.nodes
    .filter((n) => (n.kind === 'mine' || n.kind === 'refiner') && carrying.has(n.id))
    .map((n) => n.id);
  const random = seedrandom(SEED);
  const pick = () => producers[Math.floor(random() * producers.length)]!;
  const pickDistinct = (n: number) => {
    const chosen = new Set<string>();
    while (chosen.size < n) chosen.add(pick());
    return [...chosen];
  };

  // A fresh embedded database, so the run neither depends on nor disturbs the user's .chokepoint/db.
  const dbDir = mkdtempSync(path.join(os.tmpdir(), 'chokepoint-bench-api-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHOKEPOINT_STORE: process.env.BENCH_STORE ?? 'embedded',
    CHOKEPOINT_DB: path.join(dbDir, 'db'),
    // 50 connections from one address measure the server, not its per-client rate limit.
    CHOKEPOINT_RATE_LIMIT: '0',
  };
  delete env.NEO4J_URI;
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Ready));
      child.once('exit', (code) => reject(new Error(`the server process exited (code ${code}) before listening`)));
    });
    // The first chokepoint ranking is computed once per dataset version; measure the steady state after it.
    await fetch(`${ready.url}/api/chokepoints?limit=20`);
    const loadBefore = os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ');
    console.log(`load average before the run: ${loadBefore}`);
    // Phase 1 is the budget (random single removals; repeats are answered from the result cache). Phase 2
    // removes two random producers at once, so practically every request misses the cache: the worst case.
    const phases: Phase[] = [
      { name: 'single removals (cacheable)', body: () => ({ remove: [pick()] }) },
      { name: 'pairs of removals (cache misses)', body: () => ({ remove: pickDistinct(2) }) },
    ];
    const results: PhaseResult[] = [];
    for (const phase of phases) {
      const options: autocannon.Options & { warmup?: { connections: number; duration: number } } = {
        url: ready.url,
        connections: CONNECTIONS,
        duration: DURATION_S,
        ...(WARMUP_S > 0 ? { warmup: { connections: CONNECTIONS, duration: WARMUP_S } } : {}),
        requests: [
          {
            method: 'POST',
            path: '/api/impact',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => ({ ...req, body: JSON.stringify(phase.body()) }),
          },
          { method: 'GET', path: '/api/chokepoints?limit=20' },
        ],
      };
      const result = await autocannon(options);
      const errors = result.errors + result.timeouts + result.non2xx;
      const p99 = result.latency.p99;
      const pass = errors === 0 && p99 < P99_BUDGET_MS;
      console.log(
        [
          `== ${phase.name}`,
          `requests: ${result.requests.total} in ${result.duration} s (${result.requests.average.toFixed(0)} req/s average), ${(result.throughput.average / 1024 / 1024).toFixed(2)} MiB/s`,
          `latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${p99}, max ${result.latency.max}`,
          `errors: ${result.errors}, timeouts: ${result.timeouts}, non-2xx: ${result.non2xx}`,
          `budget: zero errors and p99 < ${P99_BUDGET_MS} ms -> ${pass ? 'PASS' : 'FAIL'}`,
        ].join('\n'),
      );
      results.push({ name: phase.name, result, errors, p99, pass });
    }
    const pass = results[0]!.pass;
    writeSection({ results, startupMs: ready.startupMs, producers: producers.length, version: dataset.version, loadBefore });
    if (!pass) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dbDir, { recursive: true, force: true });
  }
}

interface Phase {
  name: string;
  body: () => { remove: string[] };
}

interface PhaseResult {
  name: string;
  result: autocannon.Result;
  errors: number;
  p99: number;
  pass: boolean;
}

function writeSection(r: { results: PhaseResult[]; startupMs: number; producers: number; version: string; loadBefore: string }): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const rows = r.results.flatMap(({ name, result, errors, p99 }) => [
    `| ${name} | errors (errors + timeouts + non-2xx) | ${errors} | 0 | ${errors === 0 ? 'PASS' : 'FAIL'} |`,
    `| ${name} | p99 latency | ${p99} ms | < ${P99_BUDGET_MS} ms | ${p99 < P99_BUDGET_MS ? 'PASS' : 'FAIL'} |`,
    `| ${name} | p50 / p90 / max latency | ${result.latency.p50} / ${result.latency.p90} / ${result.latency.max} ms | | |`,
    `| ${name} | throughput | ${result.requests.average.toFixed(0)} req/s, ${(result.throughput.average / 1024 / 1024).toFixed(2)} MiB/s (${result.requests.total} requests) | | |`,
  ]);
  const section = [
    '## API load',
    '',
    `${new Date().toISOString().slice(0, 10)}: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    `Embedded store (fresh temp database), shipped dataset ${r.version}; start-up incl. load ${(r.startupMs / 1000).toFixed(1)} s. Load average before the run: ${r.loadBefore} (other work on the machine competes for its ${os.cpus().length} cores).`,
    `Server in its own process; autocannon in another, ${CONNECTIONS} connections, each phase ${WARMUP_S} s unmeasured warm-up then ${DURATION_S} s measured, alternating POST /api/impact and GET /api/chokepoints?limit=20. Removals are drawn (seeded) from the ${r.producers} producers carrying a flow. The budget is the issue's: single removals, whose repeats the API answers from its result cache; the second phase removes random pairs, so nearly every impact request is computed afresh.`,
    '',
    '| phase | measure | value | budget | |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  // Replace only our own section: from "## API load" up to the next "## " heading or the end.
  const pattern = /^## API load\n[\s\S]*?(?=^## |(?![\s\S]))/m;
  const next = pattern.test(previous)
    ? previous.replace(pattern, section)
    : `${previous.replace(/\n*$/, '\n\n')}${section}`;
  writeFileSync(RESULTS, next);
  console.log(`wrote the "## API load" section of ${path.relative(process.cwd(), RESULTS)}`);
}

if (process.argv.includes('--serve')) await serve();
else await main();
