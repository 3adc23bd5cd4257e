// Runs users' Cypher for the embedded store in a child process (cypher-sandbox-child.mjs) that opens the database
// READ ONLY, so a query is bounded in time and memory for real: the child kills itself past its memory limit and
// the parent kills it past the deadline; either way the server lives on and the next query gets a fresh child.
//
// Why a process: LadybugDB 0.19.1 offers no bound that holds inside the process (measured, see embedded.ts):
// its buffer pool bounds operators and strings but not list values, `UNWIND range(1, 1e8)` grows by ~0.8 kB per
// element before the query timeout is ever checked, Connection::interrupt() is not exposed to Node, and thread
// counts change nothing. Some table functions also crash the process outright (READ_CSV_SERIAL on a text file).
//
// Consistency: the child reads the same files as the store's read-write handle (LadybugDB lets a read-only handle
// open beside it), and is only safe while nothing writes; the embedded store therefore runs sandbox queries in
// its writer queue and stops the child before every write. Cost: one ~0.2 s child start per store (and after
// every write or killed query), one read-only open of the database per child.
import { fork, type ChildProcess } from 'node:child_process';
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { LbugValue } from '@ladybugdb/core';

const CHILD = fileURLToPath(new URL('./cypher-sandbox-child.mjs', import.meta.url));
const MIB = 2 ** 20;
const MEMORY_MARKER = 'chokepoint-cypher-sandbox: memory limit exceeded';

/** The smallest memory limit accepted: Node and LadybugDB alone take ~60-80 MiB resident. */
export const MIN_CYPHER_MEMORY_BYTES = 192 * MIB;

/** The memory this process may use: the machine's, or less when a cgroup (a container) limits it. */
export function availableMemory(): number {
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  const total = totalmem();
  return constrained && constrained > 0 && constrained < total ? constrained : total;
}

/** One eighth of the available memory, between 256 MiB and 1 GiB: room for the shipped dataset many times over. */
export function defaultCypherMemoryBytes(total: number = availableMemory()): number {
  return Math.min(1024 * MIB, Math.max(256 * MIB, Math.floor(total / 8 / MIB) * MIB));
}

export interface CypherSandboxOptions {
  /** The database file (opened READ ONLY). */
  path: string;
  /** Resident memory of the child process, in bytes, past which it is killed (the query gets a 422). */
  memoryLimitBytes: number;
  maxDbBytes: number;
  /** How long after a query's timeout the child is killed when LadybugDB has not stopped it itself (default 1 s). */
  killGraceMs?: number;
  /** How long the child may take to open the database (default 60 s). */
  startTimeoutMs?: number;
}

export interface SandboxQuery {
  query: string;
  params: Record<string, LbugValue>;
  limit: number;
  timeoutMs: number;
  /** Aborting it kills the child mid-query (the query rejects with `aborted`); the next run() starts a new one. */
  signal?: AbortSignal;
}

export interface SandboxResult {
  columns: string[];
  rows: Array<Record<string, LbugValue>>;
  truncated: boolean;
}

/**
 * Why a sandbox query failed: `query` (LadybugDB's own error, message as it gave it), `write` (the prepared
 * statement is not read-only), `plan` (its EXPLAIN plan does more than read the graph, cypher-sandbox-plan.mjs),
 * `aborted` (the caller gave up: its request ended; the child was killed if the query had started), `memory`, `timeout` (killed at the deadline), `crash` (the child died otherwise),
 * `start` (the child could not open the database).
 */
export type SandboxFailure = 'query' | 'write' | 'plan' | 'memory' | 'timeout' | 'crash' | 'start' | 'aborted';

export class CypherSandboxError extends Error {
  constructor(
    readonly reason: SandboxFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CypherSandboxError';
  }
}

interface Pending {
  id: number;
  resolve: (result: SandboxResult) => void;
  reject: (error: CypherSandboxError) => void;
}

type ChildMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; columns?: string[]; rows?: Array<Record<string, LbugValue>>; truncated?: boolean; error?: { kind: 'query' | 'write' | 'plan'; message: string } };

/** One child process at a time, started on first use; run() calls must not overlap (the store serialises them). */
export class CypherSandbox {
  private child: ChildProcess | undefined;
  private starting: Promise<ChildProcess> | undefined;
  private exited: Promise<void> | undefined;
  private pending: Pending | undefined;
  private killedFor: SandboxFailure | undefined;
  private stderr = '';
  private nextId = 1;
  private readonly killGraceMs: number;
  private readonly startTimeoutMs: number;

  constructor(private readonly options: CypherSandboxOptions) {
    this.killGraceMs = options.killGraceMs ?? 1000;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
  }

  /** The child's process id, when one is running (tests check that a killed child is replaced). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get memoryLimitBytes(): number {
    return this.options.memoryLimitBytes;
  }

  /** Runs one query in the child; rejects with CypherSandboxError. */
  async run(request: SandboxQuery): Promise<SandboxResult> {
    if (this.pending) throw new CypherSandboxError('crash', 'a sandbox query is already running (calls must be serialised)');
    const { signal, ...query } = request;
    const aborted = (): CypherSandboxError => new CypherSandboxError('aborted', 'the caller gave up on the query (its request ended)');
    if (signal?.aborted) throw aborted();
    const child = await this.start();
    if (signal?.aborted) throw aborted();
    const id = this.nextId++;
    return new Promise<SandboxResult>((resolve, reject) => {
      // Past its deadline LadybugDB normally stops the query itself; past the grace the child is killed, and the
      // next run() starts a fresh one.
      const timer = setTimeout(() => this.kill('timeout'), request.timeoutMs + this.killGraceMs);
      const onAbort = (): void => this.kill('aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.pending = undefined;
      };
      this.pending = {
        id,
        resolve: (result) => {
          done();
          resolve(result);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
      child.send({ type: 'query', id, ...query }, (error) => {
        if (error) this.pending?.reject(new CypherSandboxError('crash', `could not reach the query process: ${error.message}`));
      });
    });
  }

  /** Kills the child (if any) and waits until it is gone. The next run() starts a new one. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    if (this.child) this.kill('crash');
    await this.exited;
  }

  private kill(reason: SandboxFailure): void {
    if (!this.child) return;
    this.killedFor ??= reason;
    this.child.kill('SIGKILL');
  }

  private start(): Promise<ChildProcess> {
    if (this.child && !this.starting) return Promise.resolve(this.child);
    this.starting ??= new Promise<ChildProcess>((resolve, reject) => {
      const { path, memoryLimitBytes, maxDbBytes } = this.options;
      // Half the limit for LadybugDB's buffer pool: operators and strings then fail with "buffer pool is full"
      // (a clean error) well before the process as a whole reaches the limit.
      const bufferPoolBytes = Math.max(64 * MIB, Math.floor(memoryLimitBytes / 2 / MIB) * MIB);
      const config = { path, bufferPoolBytes, maxDbBytes, memoryLimitBytes, memoryMarker: MEMORY_MARKER };
      const child = fork(CHILD, [JSON.stringify(config)], {
        execArgv: [],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      this.child = child;
      this.killedFor = undefined;
      this.stderr = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        this.stderr = (this.stderr + chunk).slice(-4000);
      });
      const startTimer = setTimeout(() => this.kill('start'), this.startTimeoutMs);
      let settled = false;
      const settle = (error?: CypherSandboxError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(startTimer);
        this.starting = undefined;
        if (error) reject(error);
        else resolve(child);
      };
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') settle();
        else if (message.type === 'fatal') settle(new CypherSandboxError('start', message.message));
        else if (message.type === 'result' && this.pending?.id === message.id) {
          if (message.error) this.pending.reject(new CypherSandboxError(message.error.kind, message.error.message));
          else this.pending.resolve({ columns: message.columns ?? [], rows: message.rows ?? [], truncated: message.truncated === true });
        }
      });
      child.on('error', (error) => settle(new CypherSandboxError('start', `could not start the query process: ${error.message}`)));
      // 'close', not 'exit': stderr (the memory marker) has been read by then.
      this.exited = new Promise<void>((resolveExit) => {
        child.on('close', (code, signal) => {
          if (this.child === child) this.child = undefined;
          const failure = this.failure(code, signal);
          settle(new CypherSandboxError('start', `the query process ended before it was ready: ${failure.message}`));
          this.pending?.reject(failure);
          resolveExit();
        });
      });
    });
    return this.starting;
  }

  /** Why the child ended, for the query that was running. */
  private failure(code: number | null, signal: NodeJS.Signals | null): CypherSandboxError {
    const limitMiB = Math.round(this.options.memoryLimitBytes / MIB);
    if (this.stderr.includes(MEMORY_MARKER)) {
      return new CypherSandboxError('memory', `the query process passed its memory limit of ${limitMiB} MiB`);
    }
    if (this.killedFor === 'timeout') return new CypherSandboxError('timeout', 'killed at the deadline');
    if (this.killedFor === 'aborted') return new CypherSandboxError('aborted', 'stopped: the caller gave up on the query (its request ended)');
    if (this.killedFor) return new CypherSandboxError(this.killedFor, `the query process was stopped (${this.killedFor})`);
    // Killed by someone else: on Linux the kernel's OOM killer is the likely one.
    if (signal === 'SIGKILL') return new CypherSandboxError('memory', `the query process was killed (SIGKILL; out of memory?), limit ${limitMiB} MiB`);
    const last = this.stderr.trim().split('\n').slice(-3).join(' | ');
    return new CypherSandboxError('crash', `the query process died (${signal ?? `exit code ${code}`})${last ? `: ${last}` : ''}`);
  }
}
