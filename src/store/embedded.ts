// The embedded GraphStore: an on-disk LadybugDB database (a Kuzu fork, `@ladybugdb/core`) in `.chokepoint/db`,
// with the schema of records.ts shared with the Neo4j store. Loads run in one transaction; reads see a snapshot.
//
// LadybugDB quirks this file works around (found with a spike against 0.19.1, kept here because they are not
// documented):
// - A JS list of objects binds as LIST<STRUCT>, typed from its values: integers as INT64, fractions as DOUBLE, an
//   all-null field as STRING, and mixed INT64/DOUBLE or a missing key refuse to bind. So every written value is
//   sent as a string (or null) and CAST to its column type in Cypher; CAST(string AS DOUBLE) round-trips every
//   JS number exactly (checked on 2,000 random doubles, 5e-324 and 1.79e308 included).
// - MERGE/CREATE of a relationship needs labelled endpoints; a rel table spanning several label pairs refuses
//   unlabelled ones. Rels are written per (type, from label, to label).
// - An error inside BEGIN TRANSACTION ... aborts the transaction at once and later statements auto-commit; a
//   load stops at the first error and issues ROLLBACK (which may then report "no active transaction").
// - A READ ONLY transaction (and a database opened read-only) refuses writes and DDL, but `COMMIT`, `CHECKPOINT`,
//   `EXPORT DATABASE` and `COPY ... TO` (write files), `CALL threads=1` (changes settings) and `LOAD [WITH
//   HEADERS] FROM '/etc/passwd'` (reads any host file) prepare as read-only, and after any failed statement the
//   next one runs outside the transaction. So a user query is one statement that passes the shared lexical guard,
//   whose prepared statement reports isReadOnly() and whose EXPLAIN plan holds only read operators and catalog
//   table functions (cypher-sandbox-plan.mjs: LOAD FROM shows as READ_CSV_PARALLEL), run on a read-only handle.
// - Nothing inside the process bounds a query (measured on 0.19.1, 2 cores): the buffer pool bounds operators,
//   strings and results ("buffer pool is full"), but `UNWIND range(1, 1e6)` peaks at ~875 MB resident with a 16 MiB
//   or a 1 GiB pool alike (list values live outside it, ~0.8 kB per element); setQueryTimeout is only checked
//   between vectors, so with 300 ms `range(1, 2e6)` stopped after ~2.5 s at 1.7 GB, and `range(1, 1e8)` grew the
//   process to 24 GB; Connection::interrupt() exists in C++ but not in the Node binding; one thread instead of
//   two changes neither. CALL READ_CSV_SERIAL on a text file crashes the process (SIGSEGV). Hence users' queries
//   run in a child process (cypher-sandbox.ts) killed at its memory limit and at the deadline.
// - One statement per prepare(); INT64 results arrive as JS numbers (rounded above 2^53), INT128 as BigInt.
// - QueryResult.getAll() costs one thread-pool round trip per row (readRows fetches synchronously in slices).
// - `COPY <rel> FROM 'file.csv'` runs inside BEGIN TRANSACTION and writes 60,000 flows in ~2 s against ~5-7 s for
//   UNWIND batches, but is not used: on 0.19.1 a ROLLBACK of a transaction that deleted nodes, created them again
//   and COPYed rels between them also removes the committed rels of that table and label pair (reproduced on a
//   three-row database; the contract suite's rollback test catches it). An empty string field reads as NULL, too.
// - The database path is a file (plus `<path>.wal`), locked by one read-write process at a time (a read-only
//   handle in another process may open beside it: the sandbox does, while nothing writes); but a second Database
//   on the same path inside the same process opens fine and its writes are silently lost. Hence OPEN_PATHS.
// - A read-only handle takes no lock: it opens beside a read-write process, and a read-write open succeeds beside
//   read-only ones (and writes under them). So several processes may read at once only while none writes; a
//   server announces that it has stopped writing with a holder file (embedded-holder.ts, serve()), and other
//   processes open read-only only beside such a server (openEmbeddedStore's fallback).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import lbug from '@ladybugdb/core';
import type { Connection, Database, LbugValue, PreparedStatement, QueryResult } from '@ladybugdb/core';
import {
  BusyError,
  ChokepointError,
  InvalidInputError,
  ReadOnlyError,
  StoreError,
  UnprocessableError,
} from '../domain/errors.ts';
import { LINK_TYPES, NODE_KINDS, type Dataset, type DatasetCounts, type FlowRecord, type LinkRecord, type NodeKind, type SupplyNode, nodeKindOf } from '../domain/model.ts';
import { assertReadOnlyCypher } from './cypher-guard.ts';
import { describeHolder, readHolder, removeHolder, writeHolder, type StoreHolder } from './embedded-holder.ts';
import { CypherSandbox, CypherSandboxError, MIN_CYPHER_MEMORY_BYTES, defaultCypherMemoryBytes } from './cypher-sandbox.ts';
import type { CypherOptions, CypherResult, GraphStore, LoadReport } from './port.ts';
import {
  META_LABEL,
  META_VERSION_KEY,
  NODE_COLUMNS,
  NODE_LABELS,
  REL_COLUMNS,
  REL_ENDPOINTS,
  REL_TYPES,
  SCHEMA_MIGRATIONS,
  SCHEMA_VERSION,
  migratedFlowValue,
  checkRecords,
  flowToRel,
  labelOf,
  linkKey,
  linkToRel,
  nodeToRow,
  recordFromProps,
  sortDataset,
  type Column,
  type NodeLabel,
  type RelRow,
  type RelType,
  type Row,
} from './records.ts';

export interface EmbeddedStoreOptions {
  /** The database file (LadybugDB writes `<path>.wal` beside it); its directory is created when missing. */
  path: string;
  /** Rows per UNWIND statement when loading (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** Buffer pool in bytes (default 256 MiB; LadybugDB's own default is 80% of the machine's memory). */
  bufferPoolBytes?: number;
  /**
   * Largest database in bytes, a power of two (default 8 GiB). LadybugDB reserves this much address space up front;
   * its 8 TiB default fails where virtual memory is capped (ulimit -v, some containers).
   */
  maxDbBytes?: number;
  /**
   * Resident memory allowed to the process that runs users' Cypher (cypherRead), in bytes (default
   * defaultCypherMemoryBytes(): an eighth of the memory available, a container's limit included, 256 MiB to 1 GiB;
   * CHOKEPOINT_CYPHER_MEMORY_MB).
   */
  cypherMemoryBytes?: number;
  /** How long to wait for a server that is still loading the store (holder "starting"); default 120 s. */
  waitForServerMs?: number;
  /** Told once when the open waits for a starting server (the CLI prints it on stderr). */
  onWait?: (message: string) => void;
  /** How long past a query's timeout its process is killed when LadybugDB has not stopped it (default 1,000 ms). */
  cypherKillGraceMs?: number;
  /**
   * Users' Cypher queries that may run or wait at once (default DEFAULT_CYPHER_QUEUE_LENGTH); one more is refused
   * with BusyError (503 Retry-After) instead of queueing behind queries that may each run their whole timeout.
   */
  cypherQueueLength?: number;
  /**
   * Called inside the write transaction after every row is written and before COMMIT; throwing rolls the write
   * back. Tests use it to prove atomicity.
   */
  onBeforeCommit?: () => void | Promise<void>;
  /**
   * Open the database read-only, beside the server named here that holds it read-write and no longer writes
   * (openEmbeddedStore does this by itself when a server holds the lock). Writes are refused, naming the server.
   */
  besideServer?: StoreHolder;
}

/**
 * Rows per UNWIND batch. Measured loading the built dataset (4,555 nodes, 7,319 flows, 4,442 links) on the
 * 2-core machine, CPU time of the whole load: 100 rows ~1.5 s, 250-2,000 rows ~1.35-1.5 s (flat), 5,000 rows
 * ~1.6-1.8 s (a 5,000-row LIST<STRUCT> costs more to bind than it saves in round trips); wall time ~1.3 s when
 * the machine is quiet. Writing rels with two MATCH clauses instead of `MATCH (a), (b)` made them ~3x faster.
 */
export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_BUFFER_POOL_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_DB_BYTES = 2 ** 33;
export const DEFAULT_CYPHER_LIMIT = 1000;
export const DEFAULT_CYPHER_TIMEOUT_MS = 30_000;
/** One running and seven waiting: with a 30 s timeout a full queue is at most ~4 minutes of work, usually far less. */
export const DEFAULT_CYPHER_QUEUE_LENGTH = 8;
/** What a full queue's 503 tells the client to wait. */
const CYPHER_RETRY_AFTER_SECONDS = 5;

/** The repository root (two levels above this file), where `.chokepoint/db` lives by default. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `CHOKEPOINT_DB` when set, else `<repo>/.chokepoint/db` (git-ignored). */
export function defaultDbPath(env: Record<string, string | undefined> = process.env): string {
  return env.CHOKEPOINT_DB ? resolve(env.CHOKEPOINT_DB) : resolve(REPO_ROOT, '.chokepoint', 'db');
}

/** The DDL of the LadybugDB schema, generated from records.ts so both stores keep the same names. */
export function ladybugSchema(): string[] {
  const columns = (cols: readonly Column[]): string => cols.map((c) => `${c.name} ${c.type}`).join(', ');
  const nodes = NODE_LABELS.map((label) => {
    const [id, ...rest] = NODE_COLUMNS[label];
    return `CREATE NODE TABLE IF NOT EXISTS ${label}(${id!.name} STRING PRIMARY KEY, ${columns(rest)})`;
  });
  const rels = REL_TYPES.map((type) => {
    const pairs = REL_ENDPOINTS[type].map(([from, to]) => `FROM ${from} TO ${to}`).join(', ');
    return `CREATE REL TABLE IF NOT EXISTS ${type}(${pairs}, ${columns(REL_COLUMNS[type])})`;
  });
  return [...nodes, ...rels, `CREATE NODE TABLE IF NOT EXISTS ${META_LABEL}(key STRING PRIMARY KEY, value STRING)`];
}

type Params = Record<string, LbugValue>;
type ResultRow = Record<string, LbugValue>;

/** Runs tasks one at a time: a LadybugDB connection's open transaction belongs to whichever query runs next. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One connection, its prepared statements and the queue serialising its use. */
class Session {
  readonly queue = new SerialQueue();
  private readonly prepared = new Map<string, PreparedStatement>();
  constructor(readonly conn: Connection) {}

  /** Runs one statement (prepared once, cached) and returns all its rows. */
  async run(statement: string, params?: Params): Promise<ResultRow[]> {
    let result: QueryResult | QueryResult[];
    if (params === undefined) {
      result = await this.conn.query(statement);
    } else {
      let ps = this.prepared.get(statement);
      if (!ps) {
        ps = await this.conn.prepare(statement);
        if (!ps.isSuccess()) throw new Error(ps.getErrorMessage());
        this.prepared.set(statement, ps);
      }
      result = await this.conn.execute(ps, params);
    }
    const results = Array.isArray(result) ? result : [result];
    const rows: ResultRow[] = [];
    for (const r of results) {
      try {
        await readRows(r, rows);
      } finally {
        r.close();
      }
    }
    return rows;
  }

  /** Runs `work` in a transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  async transaction<T>(mode: 'READ ONLY' | 'READ WRITE', work: () => Promise<T>, beforeCommit?: () => void | Promise<void>): Promise<T> {
    await this.run(mode === 'READ ONLY' ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN TRANSACTION');
    let value: T;
    try {
      value = await work();
      await beforeCommit?.();
    } catch (error) {
      // After a failed statement LadybugDB has already rolled back; ROLLBACK then reports no active transaction.
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await this.run('COMMIT');
    return value;
  }
}

/**
 * Rows fetched per turn of the event loop. QueryResult.getAll() awaits one thread-pool round trip per row: measured
 * on 50,758 flows (2-core machine, load ~18), `RETURN e.id` took 3.6 s that way and 0.33 s with getNextSync(), the
 * props JSON 12.6 s against 0.83 s; the difference grows with the machine's load. Fetching synchronously in slices
 * and yielding between them keeps the server answering other requests during a large read (~1-5 ms per slice).
 */
const ROWS_PER_TICK = 500;

/** Appends every row of `result` to `rows`, ROWS_PER_TICK at a time. */
async function readRows(result: QueryResult, rows: ResultRow[]): Promise<void> {
  while (result.hasNext()) {
    for (let i = 0; i < ROWS_PER_TICK && result.hasNext(); i++) {
      const row = result.getNextSync();
      if (row) rows.push(row);
    }
    if (result.hasNext()) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Values as LadybugDB binds them reliably: strings or null, CAST to the column type in the statement. */
function encode(value: string | number | boolean | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

function cast(expr: string, type: Column['type']): string {
  return type === 'STRING' ? expr : `CAST(${expr} AS ${type})`;
}

function encodeRow(row: Row, columns: readonly Column[], extra: Record<string, string> = {}): Params {
  const out: Params = { ...extra };
  for (const c of columns) out[c.name] = encode(row[c.name]);
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const isNodeId = (v: unknown): v is { offset: number; table: number } =>
  typeof v === 'object' && v !== null && Object.keys(v).length === 2 && 'offset' in v && 'table' in v;

/**
 * A query result value as plain JSON: BigInt to number when safe else string, dates to ISO strings, maps to
 * objects, nodes and relationships to objects of their properties plus `_label`, `_id` ("table:offset"),
 * `_src`/`_dst`; paths to {_nodes, _rels}; non-finite numbers to strings ("NaN", "Infinity").
 */
export function toPlainJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[typeof k === 'string' ? k : JSON.stringify(toPlainJson(k))] = toPlainJson(v);
    return out;
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value as ArrayLike<unknown>, toPlainJson);
  if (isNodeId(value)) return `${value.table}:${value.offset}`;
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlainJson(v);
    return out;
  }
  return String(value);
}

/** Paths with an open EmbeddedStore in this process: a second one on the same file would lose its writes. */
const OPEN_PATHS = new Set<string>();

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class EmbeddedStore implements GraphStore {
  readonly kind = 'embedded' as const;
  readonly location: string;
  private readonly options: Required<Omit<EmbeddedStoreOptions, 'onBeforeCommit' | 'cypherKillGraceMs' | 'besideServer' | 'waitForServerMs' | 'onWait'>> &
    Pick<EmbeddedStoreOptions, 'onBeforeCommit' | 'cypherKillGraceMs' | 'besideServer'>;
  /** Set by serve(): this process serves the store and writes no more. */
  private serving: StoreHolder | undefined;
  /** Set by announceStarting(): this process holds the store to serve it and is still loading it. */
  private starting: StoreHolder | undefined;
  private db: Database | undefined;
  /** Loads and merges. */
  private writer: Session | undefined;
  /** readDataset, getNode, counts, version: each in a read-only transaction, so a load in progress is invisible. */
  private reader: Session | undefined;
  /** Users' Cypher: a child process with the database open read-only, bounded in time and memory. */
  private readonly sandbox: CypherSandbox;
  private opening: Promise<void> | undefined;
  private ownsPath = false;
  private closing: Promise<void> | undefined;
  /** Users' Cypher queries running or waiting (cypherQueueLength bounds it). */
  private cypherWaiting = 0;

  constructor(options: EmbeddedStoreOptions) {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new InvalidInputError(`EmbeddedStore: batchSize must be a positive integer, got ${batchSize}`);
    }
    const cypherMemoryBytes = options.cypherMemoryBytes ?? defaultCypherMemoryBytes();
    if (!Number.isInteger(cypherMemoryBytes) || cypherMemoryBytes < MIN_CYPHER_MEMORY_BYTES) {
      throw new InvalidInputError(
        `EmbeddedStore: cypherMemoryBytes must be an integer of at least ${MIN_CYPHER_MEMORY_BYTES / 2 ** 20} MiB, got ${cypherMemoryBytes}`,
        [{ field: 'cypherMemoryBytes', message: `at least ${MIN_CYPHER_MEMORY_BYTES} bytes` }],
      );
    }
    const cypherQueueLength = options.cypherQueueLength ?? DEFAULT_CYPHER_QUEUE_LENGTH;
    if (!Number.isInteger(cypherQueueLength) || cypherQueueLength < 1) {
      throw new InvalidInputError(`EmbeddedStore: cypherQueueLength must be a positive integer, got ${cypherQueueLength}`, [
        { field: 'cypherQueueLength', message: 'a positive integer' },
      ]);
    }
    this.location = resolve(options.path);
    this.options = {
      path: this.location,
      batchSize,
      bufferPoolBytes: options.bufferPoolBytes ?? DEFAULT_BUFFER_POOL_BYTES,
      maxDbBytes: options.maxDbBytes ?? DEFAULT_MAX_DB_BYTES,
      cypherMemoryBytes,
      cypherQueueLength,
      cypherKillGraceMs: options.cypherKillGraceMs,
      onBeforeCommit: options.onBeforeCommit,
      besideServer: options.besideServer,
    };
    this.sandbox = new CypherSandbox({
      path: this.location,
      memoryLimitBytes: cypherMemoryBytes,
      maxDbBytes: this.options.maxDbBytes,
      ...(options.cypherKillGraceMs !== undefined ? { killGraceMs: options.cypherKillGraceMs } : {}),
    });
  }

  /** The memory limit of users' Cypher, in bytes (cypherMemoryBytes). */
  get cypherMemoryBytes(): number {
    return this.options.cypherMemoryBytes;
  }

  /** The process id running users' Cypher, while one runs (tests check that a killed one is replaced). */
  get cypherProcessId(): number | undefined {
    return this.sandbox.pid;
  }

  /** The server this store reads beside (opened read-only), if any. */
  get readOnlyBeside(): StoreHolder | undefined {
    return this.options.besideServer;
  }

  /**
   * Declares that this process now only reads and serves the store at `url`: checkpoints (so the database file is
   * complete and closing rewrites nothing under other readers), refuses further writes, and writes the holder file
   * that lets other processes (the CLI) open the database read-only beside this one. close() removes the file.
   */
  async serve(url: string): Promise<void> {
    if (this.options.besideServer) {
      throw new StoreError(
        `embedded store ${this.location} is already served by ${describeHolder(this.options.besideServer)}; ` +
          'use that server, stop it first, or set CHOKEPOINT_DB to another path',
      );
    }
    const writer = await this.session('writer');
    await writer.queue.run(async () => {
      await writer.run('CHECKPOINT');
      this.serving = { pid: process.pid, url, since: new Date().toISOString() };
      this.starting = undefined;
      writeHolder(this.location, this.serving);
    });
  }

  /**
   * Declares that this process holds the store read-write to serve it, and is loading it first: the holder file says
   * "starting", so that the CLI waits for the server instead of failing on the lock. serve() replaces it.
   */
  announceStarting(): void {
    if (this.options.besideServer || this.serving) return;
    this.starting = { pid: process.pid, url: '', since: new Date().toISOString(), starting: true };
    writeHolder(this.location, this.starting);
  }

  /** Throws when this store may not write: opened read-only beside a server, or serving itself. */
  private assertWritable(operation: string): void {
    const holder = this.options.besideServer ?? this.serving;
    if (!holder) return;
    const self = holder.pid === process.pid;
    throw new StoreError(
      `embedded store ${this.location}: ${operation} needs the store to itself, and ${describeHolder(holder)} holds it ` +
        (self
          ? 'for reading in this process'
          : `for reading; stop the server (Ctrl-C where it runs, or kill ${holder.pid}), run the command again, then ` +
            'start the server again (it reads the new data on start). Commands that only read work while it runs'),
    );
  }

  /** Opens the database and creates the schema when missing. Optional: every operation opens on first use. */
  init(): Promise<void> {
    if (this.closing) return Promise.reject(new StoreError(`embedded store ${this.location}: used after close(); open a new store`));
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async open(): Promise<void> {
    if (OPEN_PATHS.has(this.location)) {
      throw new StoreError(
        `embedded store ${this.location} is already open in this process; share that store or close it first ` +
          '(two handles on one file lose writes)',
      );
    }
    OPEN_PATHS.add(this.location);
    this.ownsPath = true;
    try {
      const readOnly = this.options.besideServer !== undefined;
      if (!readOnly) mkdirSync(dirname(this.location), { recursive: true });
      const db = new lbug.Database(this.location, this.options.bufferPoolBytes, true, readOnly, this.options.maxDbBytes);
      await db.init();
      this.db = db;
      this.reader = new Session(new lbug.Connection(db));
      if (readOnly) {
        await this.ensureSchema(this.reader, false);
      } else {
        this.writer = new Session(new lbug.Connection(db));
        await this.ensureSchema(this.writer, true);
      }
    } catch (error) {
      await this.release();
      throw this.storeError('open', error);
    }
  }

  private async ensureSchema(session: Session, create: boolean): Promise<void> {
    const tables = new Set((await session.run('CALL show_tables() RETURN name')).map((r) => String(r.name)));
    if (tables.has(META_LABEL)) {
      const [row] = await session.run(`MATCH (m:${META_LABEL}) WHERE m.key = 'schema' RETURN m.value AS value`);
      if (row?.value === SCHEMA_VERSION) return;
      if (create && typeof row?.value === 'string' && SCHEMA_MIGRATIONS[row.value]) {
        await this.migrateSchema(session, row.value);
        return;
      }
      throw new StoreError(
        `embedded store ${this.location} holds schema version ${JSON.stringify(row?.value ?? null)}, this Chokepoint ` +
          `expects ${SCHEMA_VERSION}; delete ${this.location} and ${this.location}.wal (the shipped dataset is ` +
          'reloaded on the next start; re-import your own records) or set CHOKEPOINT_DB to a new path',
      );
    }
    if (tables.size) {
      throw new StoreError(
        `embedded store ${this.location} is a LadybugDB database not written by Chokepoint (tables: ` +
          `${[...tables].join(', ')}); set CHOKEPOINT_DB to another path`,
      );
    }
    if (!create) throw new StoreError(`embedded store ${this.location} (opened read-only beside a server) has no Chokepoint schema`);
    await session.transaction('READ WRITE', async () => {
      for (const ddl of ladybugSchema()) await session.run(ddl);
      await session.run(`CREATE (m:${META_LABEL} {key: 'schema', value: $value})`, { value: SCHEMA_VERSION });
    });
  }

  /**
   * Brings a store of an older schema to SCHEMA_VERSION in one transaction, step by step (records.ts
   * SCHEMA_MIGRATIONS): each step adds its FLOW columns and fills them from each flow's `props`, so the records,
   * user imports included, read back as before and the new columns answer Cypher queries.
   */
  private async migrateSchema(session: Session, from: string): Promise<void> {
    let version = from;
    while (version !== SCHEMA_VERSION) {
      const step = SCHEMA_MIGRATIONS[version];
      if (!step) throw new StoreError(`embedded store ${this.location}: no migration from schema ${version} to ${SCHEMA_VERSION}`);
      // DDL runs on its own and is checkpointed at once: LadybugDB 0.19 crashes (SIGSEGV) checkpointing or replaying
      // a WAL that holds an ALTER of the FLOW table followed by writes to it. A column an interrupted migration
      // already added is kept, and the fill below is idempotent.
      const existing = new Set((await session.run("CALL table_info('FLOW') RETURN name")).map((r) => String(r.name)));
      for (const column of step.flowColumns) {
        if (existing.has(column.name)) continue;
        await session.run(`ALTER TABLE FLOW ADD ${column.name} ${column.type}`);
        await session.run('CHECKPOINT');
      }
      await session.transaction('READ WRITE', async () => {
        const flows = await session.run('MATCH ()-[e:FLOW]->() RETURN e.id AS id, e.props AS props');
        for (const column of step.flowColumns) {
          const rows: Params[] = [];
          for (const flow of flows) {
            const value = migratedFlowValue(flow.props, column.name);
            if (value !== null) rows.push({ id: String(flow.id), value });
          }
          const statement = `UNWIND $rows AS r MATCH ()-[e:FLOW]->() WHERE e.id = r.id SET e.${column.name} = r.value`;
          for (const batch of chunks(rows, this.options.batchSize)) await session.run(statement, { rows: batch });
        }
        await session.run(`MATCH (m:${META_LABEL}) WHERE m.key = 'schema' SET m.value = $value`, { value: step.to });
      });
      version = step.to;
    }
    // Into the file before the read-only query sandbox opens it (it replays the WAL).
    await session.run('CHECKPOINT');
  }

  async replaceDataset(dataset: Dataset): Promise<LoadReport> {
    this.assertWritable('loading a dataset');
    checkRecords('replaceDataset', dataset);
    const started = performance.now();
    const writer = await this.session('writer');
    await writer.queue.run(async () => {
      await this.sandbox.stop();
      await writer
        .transaction(
          'READ WRITE',
          async () => {
            for (const label of NODE_LABELS) await writer.run(`MATCH (n:${label}) DETACH DELETE n`);
            const labels = new Map(dataset.nodes.map((n) => [n.id, labelOf(n.kind)]));
            await this.writeNodes(writer, dataset.nodes, 'create');
            await this.writeRels(writer, [...dataset.flows.map(flowToRel), ...dataset.links.map(linkToRel)], labels);
            await this.setVersion(writer, dataset.version);
          },
          this.options.onBeforeCommit,
        )
        .catch((error: unknown) => {
          throw this.storeError('replaceDataset (rolled back, the previous data is intact)', error);
        });
    });
    return { nodes: dataset.nodes.length, flows: dataset.flows.length, links: dataset.links.length, ms: performance.now() - started };
  }

  async mergeRecords(patch: Omit<Dataset, 'version'>, newVersion: string): Promise<LoadReport> {
    this.assertWritable('importing records');
    const started = performance.now();
    const writer = await this.session('writer');
    await writer.queue.run(async () => {
      await this.sandbox.stop();
      // Writes only go through this queue and the file is locked to this process, so `known` stays true until COMMIT.
      const known = await this.knownNodes(writer);
      checkRecords('mergeRecords', patch, known);
      const labels = new Map<string, NodeLabel>([...known].map(([id, kind]) => [id, labelOf(kind)]));
      for (const node of patch.nodes) labels.set(node.id, labelOf(node.kind));
      await writer
        .transaction(
          'READ WRITE',
          async () => {
            await this.writeNodes(writer, patch.nodes, 'merge');
            // Upsert by id, endpoints included: drop the stored flow of each id, then create the patch's. Only ids
            // that are stored: each DELETE batch scans every flow, so deleting by all the patch's ids made large
            // imports of new flows slow for nothing.
            const stored = new Set((await writer.run('MATCH ()-[e:FLOW]->() RETURN e.id AS id')).map((row) => String(row.id)));
            const replaced = patch.flows.map((f) => f.id).filter((id) => stored.has(id));
            for (const ids of chunks(replaced, this.options.batchSize)) {
              await writer.run('UNWIND $ids AS x MATCH ()-[e:FLOW]->() WHERE e.id = x DELETE e', { ids });
            }
            await this.deleteLinkGroups(writer, patch.links, labels);
            await this.writeRels(writer, [...patch.flows.map(flowToRel), ...patch.links.map(linkToRel)], labels);
            await this.setVersion(writer, newVersion);
          },
          this.options.onBeforeCommit,
        )
        .catch((error: unknown) => {
          throw this.storeError('mergeRecords (rolled back, the previous data is intact)', error);
        });
    });
    return { nodes: patch.nodes.length, flows: patch.flows.length, links: patch.links.length, ms: performance.now() - started };
  }

  private async knownNodes(session: Session): Promise<Map<string, NodeKind>> {
    const known = new Map<string, NodeKind>();
    for (const kind of NODE_KINDS) {
      for (const row of await session.run(`MATCH (n:${labelOf(kind)}) RETURN n.id AS id`)) known.set(String(row.id), kind);
    }
    return known;
  }

  private async writeNodes(session: Session, nodes: readonly SupplyNode[], mode: 'create' | 'merge'): Promise<void> {
    const byLabel = new Map<NodeLabel, Params[]>();
    for (const node of nodes) {
      const label = labelOf(node.kind);
      const rows = byLabel.get(label) ?? byLabel.set(label, []).get(label)!;
      rows.push(encodeRow(nodeToRow(node), NODE_COLUMNS[label]));
    }
    for (const [label, rows] of byLabel) {
      const [id, ...rest] = NODE_COLUMNS[label];
      const statement =
        mode === 'create'
          ? `UNWIND $rows AS r CREATE (n:${label} {${[id!, ...rest].map((c) => `${c.name}: ${cast(`r.${c.name}`, c.type)}`).join(', ')}})`
          : `UNWIND $rows AS r MERGE (n:${label} {id: r.id}) SET ${rest.map((c) => `n.${c.name} = ${cast(`r.${c.name}`, c.type)}`).join(', ')}`;
      for (const batch of chunks(rows, this.options.batchSize)) await session.run(statement, { rows: batch });
    }
  }

  /** Creates relationships per (type, from label, to label) and checks every row found both endpoints. */
  private async writeRels(session: Session, rels: readonly RelRow[], labels: ReadonlyMap<string, NodeLabel>): Promise<void> {
    const groups = new Map<string, { type: RelType; from: NodeLabel; to: NodeLabel; rows: Params[] }>();
    for (const rel of rels) {
      const from = labels.get(rel.from)!;
      const to = labels.get(rel.to)!;
      const key = `${rel.type}/${from}/${to}`;
      const group = groups.get(key) ?? groups.set(key, { type: rel.type, from, to, rows: [] }).get(key)!;
      group.rows.push(encodeRow(rel.row, REL_COLUMNS[rel.type], { _from: rel.from, _to: rel.to }));
    }
    for (const { type, from, to, rows } of groups.values()) {
      const props = REL_COLUMNS[type].map((c) => `${c.name}: ${cast(`r.${c.name}`, c.type)}`).join(', ');
      const statement =
        `UNWIND $rows AS r MATCH (a:${from} {id: r._from}) MATCH (b:${to} {id: r._to}) ` +
        `CREATE (a)-[e:${type} {${props}}]->(b) RETURN count(e) AS n`;
      for (const batch of chunks(rows, this.options.batchSize)) {
        const [row] = await session.run(statement, { rows: batch });
        // checkRecords has ruled out dangling endpoints; this catches a store that disagrees with it.
        if (Number(row?.n) !== batch.length) {
          throw new StoreError(`${type} ${from}->${to}: wrote ${String(row?.n)} of ${batch.length} relationships (an endpoint is missing)`);
        }
      }
    }
  }

  /** Deletes every stored link sharing a key (type, from, to, year) with a patch link: the patch replaces them. */
  private async deleteLinkGroups(session: Session, links: readonly LinkRecord[], labels: ReadonlyMap<string, NodeLabel>): Promise<void> {
    const groups = new Map<string, Params[]>();
    const seen = new Set<string>();
    for (const link of links) {
      if (seen.has(linkKey(link))) continue;
      seen.add(linkKey(link));
      const key = `${link.type}/${labels.get(link.from)}/${labels.get(link.to)}`;
      const rows = groups.get(key) ?? groups.set(key, []).get(key)!;
      rows.push({ _from: link.from, _to: link.to, year: encode(link.year) });
    }
    for (const [key, rows] of groups) {
      const [type, from, to] = key.split('/');
      const statement =
        `UNWIND $rows AS r MATCH (a:${from} {id: r._from})-[e:${type}]->(b:${to} {id: r._to}) ` +
        'WHERE e.year = CAST(r.year AS INT64) OR (e.year IS NULL AND r.year IS NULL) DELETE e';
      for (const batch of chunks(rows, this.options.batchSize)) await session.run(statement, { rows: batch });
    }
  }

  private async setVersion(session: Session, version: string): Promise<void> {
    await session.run(`MERGE (m:${META_LABEL} {key: $key}) SET m.value = $value`, { key: META_VERSION_KEY, value: version });
  }

  async readDataset(): Promise<Dataset | undefined> {
    return this.read('readDataset', async (reader) => {
      const version = await this.readVersion(reader);
      if (version === undefined) return undefined;
      const nodes: SupplyNode[] = [];
      for (const label of NODE_LABELS) {
        for (const row of await reader.run(`MATCH (n:${label}) RETURN n.props AS props`)) {
          nodes.push(recordFromProps<SupplyNode>(row.props, `readDataset ${label}`));
        }
      }
      const flows = (await reader.run('MATCH ()-[e:FLOW]->() RETURN e.props AS props')).map((row) =>
        recordFromProps<FlowRecord>(row.props, 'readDataset FLOW'),
      );
      const links: LinkRecord[] = [];
      for (const type of LINK_TYPES) {
        for (const row of await reader.run(`MATCH ()-[e:${type}]->() RETURN e.props AS props`)) {
          links.push(recordFromProps<LinkRecord>(row.props, `readDataset ${type}`));
        }
      }
      return sortDataset({ version, nodes, flows, links });
    });
  }

  async datasetVersion(): Promise<string | undefined> {
    return this.read('datasetVersion', (reader) => this.readVersion(reader));
  }

  private async readVersion(session: Session): Promise<string | undefined> {
    const [row] = await session.run(`MATCH (m:${META_LABEL}) WHERE m.key = $key RETURN m.value AS value`, { key: META_VERSION_KEY });
    return row ? String(row.value) : undefined;
  }

  async getNode(id: string): Promise<SupplyNode | undefined> {
    return this.read('getNode', async (reader) => {
      // The id's prefix names its table; look there first, then in the others (ids are not required to match).
      const kind = nodeKindOf(id);
      const order = kind ? [labelOf(kind), ...NODE_LABELS.filter((l) => l !== labelOf(kind))] : NODE_LABELS;
      for (const label of order) {
        const [row] = await reader.run(`MATCH (n:${label}) WHERE n.id = $id RETURN n.props AS props`, { id });
        if (row) return recordFromProps<SupplyNode>(row.props, `getNode ${id}`);
      }
      return undefined;
    });
  }

  async counts(): Promise<DatasetCounts> {
    return this.read('counts', async (reader) => {
      const count = async (statement: string): Promise<number> => Number((await reader.run(statement))[0]?.n ?? 0);
      // Same rules as countDataset: aggregate consumers (country:ROW) are not countries.
      const counts: DatasetCounts = {
        minerals: await count('MATCH (n:Mineral) RETURN count(n) AS n'),
        countries: await count('MATCH (n:Country) WHERE NOT n.aggregate RETURN count(n) AS n'),
        mines: await count('MATCH (n:Mine) RETURN count(n) AS n'),
        refiners: await count('MATCH (n:Refiner) RETURN count(n) AS n'),
        flows: await count('MATCH ()-[e:FLOW]->() RETURN count(e) AS n'),
        sources: 0,
      };
      const sources = new Set<unknown>();
      for (const label of NODE_LABELS) {
        for (const row of await reader.run(`MATCH (n:${label}) RETURN DISTINCT n.source AS s`)) sources.add(row.s);
      }
      for (const type of REL_TYPES) {
        for (const row of await reader.run(`MATCH ()-[e:${type}]->() RETURN DISTINCT e.source AS s`)) sources.add(row.s);
      }
      counts.sources = sources.size;
      return counts;
    });
  }

  /** Runs `work` on the reader connection inside a read-only transaction: one consistent snapshot. */
  private async read<T>(operation: string, work: (reader: Session) => Promise<T>): Promise<T> {
    const reader = await this.session('reader');
    return reader.queue.run(() =>
      reader.transaction('READ ONLY', () => work(reader)).catch((error: unknown) => {
        throw this.storeError(operation, error);
      }),
    );
  }

  /**
   * Runs a user's read-only Cypher: refused with ReadOnlyError by the shared lexical guard (cypher-guard.ts: writes,
   * file and extension access, settings), then by the database (opened read-only in the sandbox process, and the
   * prepared statement must report isReadOnly()). Bounded: the sandbox process (cypher-sandbox.ts) is killed past
   * `timeoutMs` (plus a grace) and past its memory limit, answering UnprocessableError; the store lives on.
   */
  async cypherRead(query: string, options: CypherOptions = {}): Promise<CypherResult> {
    if (typeof query !== 'string' || !query.trim()) throw new InvalidInputError('cypher: the query is empty');
    assertReadOnlyCypher(query);
    return this.cypherReadWithoutPrecheck(query, options);
  }

  /**
   * cypherRead without the lexical pre-check: the database alone refuses writes. Exists so tests can prove that
   * gate on its own; the CLI and API call cypherRead.
   */
  async cypherReadWithoutPrecheck(query: string, options: CypherOptions = {}): Promise<CypherResult> {
    const limit = options.limit ?? DEFAULT_CYPHER_LIMIT;
    const timeoutMs = options.timeoutMs ?? DEFAULT_CYPHER_TIMEOUT_MS;
    const problems = [];
    if (!Number.isInteger(limit) || limit < 1) problems.push({ field: 'limit', message: `must be a positive integer, got ${limit}` });
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) problems.push({ field: 'timeoutMs', message: `must be a positive integer, got ${timeoutMs}` });
    if (problems.length) throw new InvalidInputError(`cypher: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
    const { signal } = options;
    if (signal?.aborted) throw this.cypherError(new CypherSandboxError('aborted', 'the request ended before the query ran'), timeoutMs);
    // A bounded queue: past it a caller is told to come back (503 Retry-After) instead of waiting behind queries
    // that each may run for their whole timeout.
    const limitWaiting = this.options.cypherQueueLength;
    if (this.cypherWaiting >= limitWaiting) {
      throw new BusyError(
        `cypher: ${this.cypherWaiting} queries are already running or waiting (the queue holds ${limitWaiting}); retry in a few seconds`,
        CYPHER_RETRY_AFTER_SECONDS,
      );
    }
    // Counted until it ends or its caller gives up: an aborted query leaves the count at once (its queue slot
    // then passes without running), so a burst of abandoned queries does not keep later callers out.
    this.cypherWaiting++;
    let counted = true;
    const release = (): void => {
      if (counted) this.cypherWaiting--;
      counted = false;
    };
    signal?.addEventListener('abort', release, { once: true });
    try {
      // The writer queue: the sandbox's read-only handle is only safe while nothing writes (cypher-sandbox.ts).
      // Opened read-only beside a server, nothing in this process writes: the reader's queue serves.
      const writer = await this.session(this.options.besideServer ? 'reader' : 'writer');
      return await writer.queue.run(async () => {
        if (this.closing) throw new StoreError(`embedded store ${this.location}: used after close(); open a new store`);
        try {
          // A query whose request ended while it waited is dropped here without running (sandbox.run checks).
          const result = await this.sandbox.run({ query, params: (options.params ?? {}) as Params, limit, timeoutMs, ...(signal ? { signal } : {}) });
          const rows = result.rows.map((row) => Object.fromEntries(result.columns.map((c) => [c, toPlainJson(row[c])])));
          return { columns: result.columns, rows, truncated: result.truncated };
        } catch (error) {
          throw this.cypherError(error, timeoutMs);
        }
      });
    } finally {
      signal?.removeEventListener('abort', release);
      release();
    }
  }

  /** Cypher queries running or waiting in this store's queue (tests check that a burst drains). */
  get cypherQueued(): number {
    return this.cypherWaiting;
  }

  private cypherError(error: unknown, timeoutMs: number): ChokepointError {
    if (error instanceof ChokepointError) return error;
    const text = message(error);
    const reason = error instanceof CypherSandboxError ? error.reason : 'query';
    const limitMiB = Math.round(this.options.cypherMemoryBytes / 2 ** 20);
    const tooBig = (detail: string): UnprocessableError =>
      new UnprocessableError(
        `cypher: the query needs more memory than allowed (${limitMiB} MiB; ${detail}); narrow the MATCH, add a LIMIT, ` +
          'or avoid building huge lists (range(), collect()); the limit is CHOKEPOINT_CYPHER_MEMORY_MB',
      );
    const stopped = (): UnprocessableError =>
      new UnprocessableError(`cypher: stopped after the ${timeoutMs} ms timeout; narrow the MATCH, add a LIMIT or raise the timeout`);
    switch (reason) {
      case 'memory':
        return tooBig(text);
      case 'timeout':
        return stopped();
      case 'write':
        return new ReadOnlyError('cypher: refused by the database, this statement writes or changes the schema; queries here only read');
      case 'plan':
        return new ReadOnlyError(
          `cypher: refused by the database's plan, this query does more than read the graph (${text}); queries here only read the stored graph, no files, settings or storage internals`,
        );
      case 'aborted':
        return new UnprocessableError(`cypher: dropped, the request ended or timed out before the query finished (${text})`);
      case 'crash':
        return new StoreError(`cypher: the query crashed the database's query process (the store is unaffected; retry or change the query): ${text}`);
      case 'start':
        return this.storeError('cypher (opening the database read-only for the query)', error);
      case 'query':
        break;
    }
    if (/read-only (transaction|database|mode)|read only mode/i.test(text)) return new ReadOnlyError(`cypher: refused by the database: ${text}`);
    if (/^Interrupted/i.test(text)) return stopped();
    // LadybugDB's buffer manager: operators, strings and results are allocated from the bounded buffer pool.
    if (/buffer pool is full|Buffer manager exception: Unable to allocate memory|std::bad_alloc/i.test(text)) return tooBig(text);
    if (/^(Parser|Binder|Catalog|Conversion|Runtime) exception/i.test(text) || /parameter/i.test(text)) {
      return new InvalidInputError(`cypher: ${text}`, [{ field: 'query', message: text }]);
    }
    return new StoreError(`cypher: the embedded database failed: ${text}`);
  }

  /** Waits for queued work, then closes the connections and the database. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.opening?.catch(() => undefined);
      const drain = [this.writer, this.reader].map((s) => s?.queue.run(async () => undefined));
      await Promise.allSettled(drain);
      await this.sandbox.stop();
      await this.release();
      if (this.serving || this.starting) removeHolder(this.location, process.pid);
    })();
    return this.closing;
  }

  private async release(): Promise<void> {
    for (const session of [this.writer, this.reader]) await session?.conn.close().catch(() => undefined);
    await this.db?.close().catch(() => undefined);
    if (this.ownsPath) OPEN_PATHS.delete(this.location);
    this.ownsPath = false;
    this.writer = this.reader = undefined;
    this.db = undefined;
  }

  private async session(which: 'writer' | 'reader'): Promise<Session> {
    await this.init();
    const session = this[which];
    if (!session || this.closing) throw new StoreError(`embedded store ${this.location}: used after close(); open a new store`);
    return session;
  }

  private storeError(operation: string, error: unknown): ChokepointError {
    if (error instanceof ChokepointError) return error;
    const text = message(error);
    if (/could not set lock/i.test(text)) {
      return new StoreError(
        `embedded store ${this.location} is open in another process (a running \`chokepoint start\`?); stop it, ` +
          'set CHOKEPOINT_DB to another path, or use CHOKEPOINT_STORE=memory',
        { locked: true },
      );
    }
    return new StoreError(`embedded store ${this.location}: ${operation} failed: ${text}`);
  }
}

/** Opens (creating when missing) the embedded store at `options.path`; throws StoreError naming the fix. */
/**
 * When another process holds the file lock and its holder file names a live server (which writes no more), opens
 * the database read-only beside that server instead: reads give what they give without it, writes name the server.
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const deadline = Date.now() + (options.waitForServerMs ?? DEFAULT_WAIT_FOR_SERVER_MS);
  const location = resolve(options.path);
  let announced = false;
  // A server loading the store: wait, touching only its holder file (opening a database while it is being written can
  // read a half-written WAL), until it serves (then read beside it) or goes away (then open as usual).
  const waitWhileStarting = async (holder: StoreHolder | undefined): Promise<StoreHolder | undefined> => {
    while (holder?.starting && !options.besideServer) {
      if (Date.now() >= deadline) {
        throw new StoreError(
          `embedded store ${location} is still being loaded by ${describeHolder(holder)}; ` +
            'run the command again once it prints "Chokepoint listening", or set CHOKEPOINT_DB to another path',
          { locked: true },
        );
      }
      if (!announced) options.onWait?.(`Waiting for ${describeHolder(holder)} to finish loading ${location}...`);
      announced = true;
      await new Promise((done) => setTimeout(done, WAIT_POLL_MS));
      holder = readHolder(location);
    }
    return holder;
  };
  for (;;) {
    await waitWhileStarting(readHolder(location));
    const store = new EmbeddedStore(options);
    try {
      await store.init();
      return store;
    } catch (error) {
      const locked = error instanceof StoreError && (error.details as { locked?: boolean } | undefined)?.locked === true;
      const holder = locked && !options.besideServer ? await waitWhileStarting(readHolder(location)) : undefined;
      if (!holder) {
        // The starting server went away (or is closing): try to open as usual for what is left of the wait.
        if (locked && !options.besideServer && announced && Date.now() < deadline) {
          await new Promise((done) => setTimeout(done, WAIT_POLL_MS));
          continue;
        }
        throw error;
      }
      const beside = new EmbeddedStore({ ...options, besideServer: holder });
      await beside.init();
      return beside;
    }
  }
}

/** How long a process waits for a starting server to serve the store before giving up (first loads take ~10 s). */
export const DEFAULT_WAIT_FOR_SERVER_MS = 120_000;
const WAIT_POLL_MS = 250;
