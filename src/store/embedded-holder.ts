// The holder file `<db>.server.json`: a running `chokepoint start` names itself (pid, URL) beside the embedded
// database it serves, so that other processes (the CLI) know they may open the database read-only beside it, and
// can name the server when they need it to themselves (imports, loading a new dataset).
//
// Why a file: LadybugDB 0.19.1 locks the database file for one read-write process, and a read-only handle takes no
// lock at all (measured: a read-only open succeeds beside a read-write one, and a read-write open succeeds beside
// read-only ones, writing under their feet). So the lock only says "someone writes"; whether that someone has
// stopped writing for good (a server after its first load) is what this file says.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface StoreHolder {
  /** The process holding the database read-write (and no longer writing). */
  pid: number;
  /** The server's URL, e.g. http://127.0.0.1:8080. */
  url: string;
  /** ISO time the server started serving (or, while starting, started loading). */
  since: string;
  /**
   * The server holds the store read-write and is still loading it (a first `npm start` takes ~10 s): url is '' and
   * other processes wait for it to serve instead of failing on the lock.
   */
  starting?: true;
}

export function holderFilePath(dbPath: string): string {
  return `${dbPath}.server.json`;
}

export function writeHolder(dbPath: string, holder: StoreHolder): void {
  writeFileSync(holderFilePath(dbPath), `${JSON.stringify(holder)}\n`);
}

/** Removes the holder file when it names `pid` (a later server may have replaced it). */
export function removeHolder(dbPath: string, pid: number): void {
  if (readHolder(dbPath)?.pid === pid) rmSync(holderFilePath(dbPath), { force: true });
}

/** The holder file's content when it is well formed and its process is alive; otherwise undefined (stale). */
export function readHolder(dbPath: string): StoreHolder | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(holderFilePath(dbPath), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, url, since, starting } = value as Record<string, unknown>;
  if (!Number.isInteger(pid) || typeof url !== 'string' || typeof since !== 'string') return undefined;
  if (!isAlive(pid as number)) return undefined;
  return { pid: pid as number, url, since, ...(starting === true ? { starting: true as const } : {}) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** "the Chokepoint server (pid 123, http://127.0.0.1:8080)", or "(pid 123, starting: loading the store)". */
export function describeHolder(holder: StoreHolder): string {
  return `the Chokepoint server (pid ${holder.pid}, ${holder.starting ? 'starting: loading the store' : holder.url})`;
}
