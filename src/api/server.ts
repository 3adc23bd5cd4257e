// startServer: the thin entry point that wires the configured store (loaded with the shipped dataset when empty or
// stale), createApp and an HTTP listener, and shuts down cleanly on SIGINT/SIGTERM. The CLI's `start` calls it.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { readShippedDataset } from '../data/index.ts';
import { EmbeddedStore, ensureLoaded, openStore } from '../store/index.ts';
import { describeHolder } from '../store/embedded-holder.ts';
import type { GraphStore } from '../store/port.ts';
import { createApp, DEFAULT_RATE_LIMIT, DEFAULT_REQUEST_TIMEOUT_MS, type ChokepointApp } from './app.ts';
import { warmUp } from './routes.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
/** In-flight requests get this long to finish after a shutdown signal before connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  /** Default: $PORT, else 8080; 0 picks a free port. */
  port?: number;
  /** Default: $HOST, else 127.0.0.1. */
  host?: string;
  /** A store opened by the caller (the CLI); default: openStore({env}) loaded with the shipped dataset. */
  store?: GraphStore;
  /** Where progress and the URL are printed (default: stderr). */
  log?: (message: string) => void;
  logger?: Logger;
  /** Default: <repo>/web/dist when it holds an index.html. */
  webRoot?: string;
  /** Install SIGINT/SIGTERM handlers (default true). */
  handleSignals?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  app: ChokepointApp;
  server: Server;
  store: GraphStore;
  /** Stops accepting connections, lets in-flight requests finish, closes the store. Idempotent. */
  close(): Promise<void>;
  /** Resolves once the server is closed (by close() or a signal). */
  closed: Promise<void>;
}

function envPort(env: NodeJS.ProcessEnv): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT="${raw}" is not a port number (0..65535); unset it to use ${DEFAULT_PORT}`);
  }
  return port;
}

/** CHOKEPOINT_RATE_LIMIT: requests per minute per client address (0 = off; default DEFAULT_RATE_LIMIT). */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.CHOKEPOINT_RATE_LIMIT?.trim();
  if (raw === undefined || raw === '') return DEFAULT_RATE_LIMIT;
  if (!/^\d+$/.test(raw)) {
    throw new Error(`CHOKEPOINT_RATE_LIMIT="${raw}" is not a whole number of requests per minute; 0 turns the limit off`);
  }
  return Number(raw);
}

/** CHOKEPOINT_TRUST_PROXY: a hop count ("1") or Express's list of trusted addresses ("loopback", "10.0.0.0/8"). */
function trustProxyFromEnv(raw: string): number | string {
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw.trim();
}

async function openLoadedStore(env: NodeJS.ProcessEnv, log: (message: string) => void): Promise<GraphStore> {
  const store = await openStore({ env });
  // Until it serves, the CLI beside it waits for this server (holder "starting") rather than failing on the lock.
  if (store instanceof EmbeddedStore) store.announceStarting();
  try {
    const shipped = await readShippedDataset();
    const result = await ensureLoaded(store, shipped, log);
    if (result.loaded)
      log(`Loaded the shipped dataset ${shipped.version} into the ${store.kind} store (${store.location}).`);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { env } = options;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const logger = options.logger ?? pino({ level: env.LOG_LEVEL ?? 'info' });
  const store: GraphStore = options.store ?? (await openLoadedStore(env, log));
  const defaultWeb = path.join(REPO_ROOT, 'web', 'dist');
  const webRoot = options.webRoot ?? (existsSync(path.join(defaultWeb, 'index.html')) ? defaultWeb : undefined);
  const timeout = env.CHOKEPOINT_REQUEST_TIMEOUT_MS
    ? Number(env.CHOKEPOINT_REQUEST_TIMEOUT_MS)
    : DEFAULT_REQUEST_TIMEOUT_MS;
  const app = createApp({
    store,
    logger,
    ...(webRoot ? { webRoot } : {}),
    enableCypher: env.CHOKEPOINT_ENABLE_CYPHER === '1',
    requestTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_REQUEST_TIMEOUT_MS,
    rateLimitPerMinute: rateLimitFromEnv(env),
    ...(env.CHOKEPOINT_TRUST_PROXY ? { trustProxy: trustProxyFromEnv(env.CHOKEPOINT_TRUST_PROXY) } : {}),
  });
  // Build the graph and the common analyses now so that the first requests do not pay for them.
  warmUp(await app.context.current());
  // A second server on one embedded store would read beside the first, never knowing when it stops.
  const besideServer = store instanceof EmbeddedStore ? store.readOnlyBeside : undefined;
  if (besideServer) {
    throw new Error(
      `the embedded store ${store.location} is already served by ${describeHolder(besideServer)}; use that server, ` +
        'stop it first, or set CHOKEPOINT_DB to another path',
    );
  }

  const port = options.port ?? envPort(env);
  const host = options.host ?? env.HOST ?? DEFAULT_HOST;
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is in use; set PORT or pass --port`) : error,
      ),
    );
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${address.port}`;
  // From here on the server only reads: other processes (the CLI) may open the embedded store read-only beside it.
  if (store instanceof EmbeddedStore) await store.serve(url);
  log(
    `Chokepoint listening on ${url} (API docs ${url}/api/docs${webRoot ? '' : '; web view not built: npm run build:web'})`,
  );

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: finishing in-flight requests, then closing the store.`);
    void close();
  };
  const close = () =>
    (closing ??= (async () => {
      // Stop accepting; idle keep-alive sockets are closed now, busy ones once their response is sent.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // A keep-alive socket turns idle when its in-flight response is sent: sweep those until the server is closed.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      sweep.unref();
      grace.unref();
      await stopped;
      clearInterval(sweep);
      clearTimeout(grace);
      await store.close();
      if (options.handleSignals !== false) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      resolveClosed();
    })());
  if (options.handleSignals !== false) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { url, port: address.port, app, server, store, close, closed };
}
