// The process cypher-sandbox.ts runs users' Cypher in: it opens the embedded database READ ONLY and runs one query
// at a time, so a query that crashes LadybugDB or outgrows its memory takes down this process, never the server.
// Plain JavaScript, so it starts in ~0.1 s without a TypeScript loader. Messages: see cypher-sandbox.ts.
import { writeSync } from 'node:fs';
import { setInterval } from 'node:timers';
import lbug from '@ladybugdb/core';
import { refusedPlan } from './cypher-sandbox-plan.mjs';

/**
 * memoryMarker: written to stderr (synchronously) just before this process kills itself over its memory limit.
 * @type {{ path: string, bufferPoolBytes: number, maxDbBytes: number, memoryLimitBytes: number, memoryMarker: string }}
 */
const config = JSON.parse(process.argv[2] ?? '{}');

// The memory bound. LadybugDB 0.19.1 builds list values (range(), list functions) outside its buffer pool, inside
// one expression evaluation its query timeout cannot interrupt (UNWIND range(1, 1e8) grows by ~0.8 kB per element
// whatever the pool size); no setting bounds that. So the process watches its own resident size and dies at the
// limit. Its event loop is free while a query runs: the native binding executes on libuv's thread pool.
const watchdog = setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > config.memoryLimitBytes) {
    writeSync(2, `${config.memoryMarker} (${Math.round(rss / 2 ** 20)} MiB > ${Math.round(config.memoryLimitBytes / 2 ** 20)} MiB)\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}, 20);
watchdog.unref();

// The parent went away (closed the store or died): nothing else would end this process.
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));

const send = (message) => process.send?.(message);
const NOWHERE = '/nonexistent/chokepoint-cypher-sandbox';
const errorText = (error) => (error instanceof Error ? error.message : String(error));

let conn;
try {
  const db = new lbug.Database(config.path, config.bufferPoolBytes, true, true, config.maxDbBytes);
  await db.init();
  conn = new lbug.Connection(db);
  await conn.init();
  // Defence in depth, the little LadybugDB offers (0.19.1 has no switch to turn file access off): `~` and relative
  // paths resolve to a directory that does not exist, and the settings hold nothing worth reading.
  for (const setting of ['home_directory', 'file_search_path']) await conn.query(`CALL ${setting}='${NOWHERE}'`);
  send({ type: 'ready' });
} catch (error) {
  process.send?.({ type: 'fatal', message: errorText(error) }, () => process.exit(1));
}

/**
 * LadybugDB's physical plan of `query` with `params` (EXPLAIN runs nothing), checked by cypher-sandbox-plan.mjs:
 * the reason it is refused, or undefined. The same text is prepared with EXPLAIN in front, so the engine reads
 * the very tokens it would run.
 */
async function planRefusal(query, params) {
  const ps = await conn.prepare(`EXPLAIN ${query}`);
  if (!ps.isSuccess()) return `the query plan could not be made: ${ps.getErrorMessage()}`;
  const explained = await conn.execute(ps, params);
  const result = Array.isArray(explained) ? explained[explained.length - 1] : explained;
  try {
    const rows = await result.getAll();
    return refusedPlan(rows.map((row) => Object.values(row).join('\n')).join('\n'));
  } finally {
    result.close();
  }
}

/**
 * Runs one query: prepared, refused unless LadybugDB reports it read-only and its plan only reads the graph
 * (planRefusal), at most `limit` rows read. Rows keep LadybugDB's values (BigInt, Map, Date ...); the parent
 * converts them (structured clone over IPC).
 */
async function run({ query, params, limit, timeoutMs }) {
  conn.setQueryTimeout(timeoutMs);
  const ps = await conn.prepare(query);
  if (!ps.isSuccess()) return { error: { kind: 'query', message: ps.getErrorMessage() } };
  if (!ps.isReadOnly()) return { error: { kind: 'write', message: 'the statement writes or changes the schema' } };
  const refused = await planRefusal(query, params);
  if (refused) return { error: { kind: 'plan', message: refused } };
  const executed = await conn.execute(ps, params);
  const result = Array.isArray(executed) ? executed[executed.length - 1] : executed;
  try {
    const columns = await result.getColumnNames();
    const rows = [];
    while (rows.length < limit && result.hasNext()) {
      const row = await result.getNext();
      if (!row) break;
      rows.push(row);
    }
    return { columns, rows, truncated: result.hasNext() };
  } finally {
    result.close();
  }
}

process.on('message', async (message) => {
  if (message?.type !== 'query' || !conn) return;
  let reply;
  try {
    reply = await run(message);
  } catch (error) {
    reply = { error: { kind: 'query', message: errorText(error) } };
  }
  send({ type: 'result', id: message.id, ...reply });
});
