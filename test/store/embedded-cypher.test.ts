// Users' Cypher on the embedded store, end to end against a real LadybugDB: file, extension and settings access is
// refused (a secret file's contents never come back), and a query is bounded in memory and time by its sandbox
// process (cypher-sandbox.ts): 422 past the limits, the store and its data untouched, the next query served.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BusyError, InvalidInputError, ReadOnlyError, StoreError, UnprocessableError } from '../../src/domain/errors.ts';
import { openEmbeddedStore, type EmbeddedStore, type EmbeddedStoreOptions } from '../../src/store/embedded.ts';
import { defaultCypherMemoryBytes } from '../../src/store/cypher-sandbox.ts';
import { sortDataset } from '../../src/store/records.ts';
import { tinyDataset } from '../fixtures/tiny-dataset.ts';

const MIB = 2 ** 20;
const dirs: string[] = [];
const stores: EmbeddedStore[] = [];

async function open(options: Partial<EmbeddedStoreOptions> = {}): Promise<{ store: EmbeddedStore; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-cypher-'));
  dirs.push(dir);
  const store = await openEmbeddedStore({ path: join(dir, 'db'), ...options });
  stores.push(store);
  await store.replaceDataset(tinyDataset());
  return { store, dir };
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (e: unknown) => e);

/**
 * A query no machine finishes within a test, small in memory: 10^12 rows, each one evaluated (the WITH ... WHERE
 * on a product cannot be folded or pushed into the UNWINDs). Measured on LadybugDB 0.19.1 (2-core EPYC):
 * ~10^8 filtered rows per second, so ~3 hours, a 100x faster machine still ~100 s; ~195 MiB resident while it
 * runs. (count(*) over bare nested UNWINDs is no good: LadybugDB counts the factorised product, 2.7e10 rows
 * in ~130 ms.)
 */
const SLOW_QUERY =
  'UNWIND range(1, 10000) AS a UNWIND range(1, 10000) AS b UNWIND range(1, 10000) AS c WITH a, b, c WHERE a * b * c = -1 RETURN count(*) AS n';

/** Whether a process with this id exists (signal 0 tests without sending anything). */
function processAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A safety net for a broken implementation only: polls the sandbox process and kills it past `capBytes`, so a
 * failing test cannot take the machine's memory (Linux /proc; elsewhere it does nothing).
 */
function capSandboxMemory(store: EmbeddedStore, capBytes: number): () => boolean {
  let tripped = false;
  const timer = setInterval(() => {
    const pid = store.cypherProcessId;
    if (pid === undefined) return;
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      if (kb * 1024 > capBytes) {
        tripped = true;
        process.kill(pid, 'SIGKILL');
      }
    } catch {
      // The process ended between the two reads.
    }
  }, 20);
  return () => {
    clearInterval(timer);
    return tripped;
  };
}

describe('embedded cypherRead: files, extensions and settings are refused', () => {
  it('never returns a host file, whichever way the read is spelled', async () => {
    const { store, dir } = await open();
    const secret = join(dir, 'secret.csv');
    writeFileSync(secret, 'root|x|0|0|s3cr3t-line\nuser|x|1000|1000|another\n');
    const attacks = [
      `LOAD WITH HEADERS (line STRING) FROM "${secret}" (file_format="csv", header=false, delim="|") RETURN line`,
      `LOAD FROM "${secret}" (header=false, delim="|") RETURN *`,
      `MATCH (c:Country) WITH c LIMIT 1 LOAD FROM "${secret}" (header=false, delim="|") RETURN *`,
      `UNWIND [1] AS x WITH x LIMIT 1LOAD FROM "${secret}" (header=false, delim="|") RETURN *`,
      `RETURN 1 AS x UNION LOAD FROM "${secret}" (header=false, delim="|") RETURN column0 AS x`,
      `CALL read_csv_serial("${secret}") RETURN *`,
      `CALL READ_CSV_PARALLEL("${secret}") RETURN *`,
      `CALL file_info("${secret}") RETURN *`,
      `COPY (MATCH (c:Country) RETURN c.id) TO "${join(dir, 'out.csv')}"`,
      `ATTACH "${secret}" AS o (dbtype lbug)`,
      'INSTALL httpfs',
      'LOAD EXTENSION httpfs',
      'LOAD httpfs',
      "CALL current_setting('home_directory') RETURN *",
      `CALL home_directory="${dir}"`,
      'CALL threads=1',
      `EXPORT DATABASE "${join(dir, 'export')}"`,
    ];
    for (const query of attacks) {
      const error = await failure(store.cypherRead(query));
      expect(error, query).toBeInstanceOf(ReadOnlyError);
      expect(String((error as Error).message), query).not.toContain('s3cr3t');
    }
    // The catalog stays readable, and nothing changed.
    const tables = await store.cypherRead('CALL show_tables() RETURN name ORDER BY name');
    expect(tables.rows.map((r) => r.name)).toContain('Country');
    expect(await store.readDataset()).toEqual(sortDataset(tinyDataset()));
  });

  it("without the lexical guard, LadybugDB's own plan refuses file reads (a read-only database would run LOAD FROM)", async () => {
    // LadybugDB prepares LOAD FROM as read-only and runs it in a read-only database; the EXPLAIN plan shows the
    // READ_CSV_PARALLEL table function, which the query process refuses (cypher-sandbox-plan.mjs).
    const { store, dir } = await open();
    const secret = join(dir, 'secret.csv');
    writeFileSync(secret, 'root|s3cr3t-line\n');
    const error = await failure(store.cypherReadWithoutPrecheck(`LOAD FROM "${secret}" (header=false, delim="|") RETURN *`));
    expect(error).toBeInstanceOf(ReadOnlyError);
    expect((error as Error).message).toMatch(/refused by the database's plan.*READ_CSV_PARALLEL/);
    expect((error as Error).message).not.toContain('s3cr3t');
    const setting = await failure(store.cypherReadWithoutPrecheck("CALL current_setting('home_directory') RETURN *"));
    expect((setting as Error).message).toMatch(/refused by the database's plan.*CURRENT_SETTING/);
    // Catalog table functions still run on the engine-only path (the query process also points home_directory and
    // file_search_path nowhere; no query here can read them back, the plan check refuses current_setting).
    expect((await store.cypherReadWithoutPrecheck('CALL show_tables() RETURN count(*) AS n')).rows[0]!.n).toBeGreaterThan(0);
    const config = await failure(store.cypherReadWithoutPrecheck('CALL threads=1'));
    expect((config as Error).message).toMatch(/refused by the database's plan.*STANDALONE_CALL/);
  });

  it('a query that crashes LadybugDB kills only its sandbox process; the store and the next query carry on', async () => {
    const { store, dir } = await open();
    const text = join(dir, 'plain.txt');
    writeFileSync(text, 'a|b\nc|d\n');
    // LadybugDB 0.19.1 dies with SIGSEGV here; the guard refuses the call, so only the unguarded path reaches it.
    const error = await failure(store.cypherReadWithoutPrecheck(`CALL READ_CSV_SERIAL("${text}") RETURN *`));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/crashed the database's query process.*SIGSEGV/);
    expect((await store.cypherRead('MATCH (c:Country) RETURN count(c) AS n')).rows).toEqual([{ n: 2 }]);
    expect(await store.readDataset()).toEqual(sortDataset(tinyDataset()));
  });
});

describe('embedded cypherRead: bounded in memory and time', () => {
  it('answers 422 when a query builds a list past the memory limit, and serves the next query', async () => {
    const { store } = await open({ cypherMemoryBytes: 256 * MIB });
    const release = capSandboxMemory(store, 1024 * MIB);
    try {
      // ~0.8 kB per element outside the buffer pool: ~1.6 GB unbounded, so the limit, not the query's size, ends it.
      const error = await failure(store.cypherRead('UNWIND range(1, 2000000) AS x RETURN count(x) AS c'));
      expect(error).toBeInstanceOf(UnprocessableError);
      expect((error as Error).message).toMatch(/needs more memory than allowed \(256 MiB; the query process passed its memory limit/);
    } finally {
      expect(release()).toBe(false);
    }
    expect((await store.cypherRead('UNWIND range(1, 1000) AS x RETURN count(x) AS c')).rows).toEqual([{ c: 1000 }]);
  });

  it('answers 422 when LadybugDB reports its buffer pool full (strings, operators)', async () => {
    const { store } = await open({ cypherMemoryBytes: 256 * MIB });
    const error = await failure(store.cypherRead("RETURN size(repeat('x', 2000000000)) AS n"));
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as Error).message).toMatch(/needs more memory than allowed \(256 MiB; Buffer manager exception/);
  });

  it('kills a query LadybugDB cannot interrupt at its deadline and replaces the process', async () => {
    const { store } = await open({ cypherMemoryBytes: 1024 * MIB, cypherKillGraceMs: 0 });
    await store.cypherRead('RETURN 1 AS one');
    const before = store.cypherProcessId;
    expect(before).toBeTypeOf('number');
    const release = capSandboxMemory(store, 1536 * MIB);
    try {
      // Building the list is one expression evaluation: LadybugDB's own timeout is not checked during it (it would
      // take seconds and ~1.6 GB, past the 1 GiB limit, so a missed deadline shows as a memory error instead).
      const error = await failure(store.cypherRead('UNWIND range(1, 2000000) AS x RETURN count(x) AS c', { timeoutMs: 50 }));
      expect(error).toBeInstanceOf(UnprocessableError);
      expect((error as Error).message).toMatch(/stopped after the 50 ms timeout/);
    } finally {
      expect(release()).toBe(false);
    }
    expect((await store.cypherRead('RETURN 2 AS two')).rows).toEqual([{ two: 2 }]);
    expect(store.cypherProcessId).not.toBe(before);
    expect(processAlive(before)).toBe(false);
  });

  it('caps its queue (BusyError with a retry delay) and drops queued and running queries whose caller gave up', async () => {
    const { store } = await open({ cypherQueueLength: 3, cypherKillGraceMs: 100 });
    // A ready query process, so the first SLOW_QUERY is sent to it at once (an abort while a process is still
    // starting leaves that idle process alive for the next query, rightly, and would test nothing here).
    await store.cypherRead('RETURN 1 AS one');
    const running = store.cypherProcessId;
    const controller = new AbortController();
    const calls = Array.from({ length: 5 }, () => failure(store.cypherRead(SLOW_QUERY, { timeoutMs: 60_000, signal: controller.signal })));
    const settled = await Promise.race([Promise.all(calls.slice(3)), new Promise((r) => setTimeout(() => r('waiting'), 5000))]);
    // The two past the cap are refused at once; the first three wait or run.
    expect(Array.isArray(settled)).toBe(true);
    for (const error of settled as unknown[]) {
      expect(error).toBeInstanceOf(BusyError);
      expect((error as BusyError).retryAfterSeconds).toBe(5);
      expect((error as Error).message).toMatch(/3 queries are already running or waiting \(the queue holds 3\)/);
    }
    expect(store.cypherQueued).toBe(3);
    // The first query runs in that process: SLOW_QUERY cannot finish within this test, only a kill ends it.
    await new Promise((r) => setTimeout(r, 500));
    expect(store.cypherProcessId).toBe(running);
    expect(store.cypherQueued).toBe(3);
    controller.abort();
    // The count drops at once; the running query's process is killed, the queued ones never run.
    expect(store.cypherQueued).toBe(0);
    for (const error of await Promise.all(calls.slice(0, 3))) {
      expect(error).toBeInstanceOf(UnprocessableError);
      expect((error as Error).message).toMatch(/dropped, the request ended or timed out/);
    }
    expect(processAlive(running)).toBe(false);
    expect((await store.cypherRead('RETURN 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(store.cypherProcessId).not.toBe(running);
    await expect(store.cypherRead('RETURN 1', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(UnprocessableError);
  }, 60_000);

  it('sees every write: the sandbox process is replaced when the store writes', async () => {
    const { store } = await open();
    const count = async (): Promise<unknown> => (await store.cypherRead('MATCH (c:Country) RETURN count(c) AS n')).rows[0]?.n;
    expect(await count()).toBe(2);
    const usa = tinyDataset().nodes.find((n) => n.id === 'country:USA')!;
    await store.mergeRecords({ nodes: [{ ...usa, id: 'country:CAN', name: 'Canada', iso3: 'CAN' } as typeof usa], flows: [], links: [] }, 'tiny-v1+can');
    expect(await count()).toBe(3);
  });

  it('validates the memory limit and sizes the default from the machine', async () => {
    await expect(open({ cypherMemoryBytes: 10 * MIB })).rejects.toBeInstanceOf(InvalidInputError);
    expect(defaultCypherMemoryBytes(512 * MIB)).toBe(256 * MIB);
    expect(defaultCypherMemoryBytes(4096 * MIB)).toBe(512 * MIB);
    expect(defaultCypherMemoryBytes(64 * 1024 * MIB)).toBe(1024 * MIB);
  });
});
