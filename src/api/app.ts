// createApp(deps): the Express application of the HTTP API and the web view, built from injected dependencies and
// never listening (server.ts listens; tests drive the app with supertest). STYLE.md habit 7.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { z } from 'zod';
import type { GraphStore } from '../store/port.ts';
import { AnalysisContext, type ContextOptions, type Snapshot } from './context.ts';
import { renderDocsPage } from './docs.ts';
import { InvalidInputError } from '../domain/errors.ts';
import {
  errorHandler,
  HttpError,
  invalidInputFromZod,
  methodNotAllowed,
  requestPath,
  routeNotFound,
  sendError,
} from './errors.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { RawReply, type AnyRoute, type RouteContext } from './route.ts';
import { ROUTES } from './routes.ts';
import { NoQuery } from './schemas.ts';

export interface AppDeps {
  store: GraphStore;
  /** pino logger for the structured request log (default: pino at LOG_LEVEL or info, to stdout). */
  logger?: Logger;
  /** Directory of the built web view (web/dist), served at `/` when given. */
  webRoot?: string;
  /** Allow POST /api/cypher (read-only queries). Default false. */
  enableCypher?: boolean;
  /**
   * Requests still unanswered after this many ms while they wait (store reads, the snapshot build, Cypher) get a 503
   * TIMEOUT body. A synchronous analysis cannot be interrupted: its answer is sent when done and a late one is logged
   * as a warning. Default 30,000.
   */
  requestTimeoutMs?: number;
  /** Where the scenarios are read from (default: graph/scenarios, via src/data/scenarios.ts). */
  scenariosDir?: string;
  /** Dataset version check interval and result cache size. */
  context?: ContextOptions;
  /**
   * Requests per minute allowed to one client address on /api (health exempt); over it, 429 RATE_LIMITED with
   * Retry-After. 0 or absent: no limit (the server sets CHOKEPOINT_RATE_LIMIT, default DEFAULT_RATE_LIMIT).
   */
  rateLimitPerMinute?: number;
  /** Express's `trust proxy` setting (hops or addresses), so behind a proxy the limit counts clients, not the proxy. */
  trustProxy?: number | string;
}

export interface ChokepointApp extends Express {
  /** The analysis context: graph snapshot and result caches of the current dataset version. */
  readonly context: AnalysisContext;
  /** Drops the graph snapshot and every cached result: call after the store's data changed. */
  invalidate(): void;
}

/** JSON request bodies larger than this are refused with 413 (issue 4, guards). */
export const BODY_LIMIT_BYTES = 64 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/**
 * Requests per minute per client address that `chokepoint start` allows by default: 10 a second on average, room
 * for the view (a few requests per action) and for scripts, while one client cannot keep the analyses busy alone.
 */
export const DEFAULT_RATE_LIMIT = 600;

/**
 * express-rate-limit over /api, per client address (IPv6 by /56 subnet, the library's default), in a one-minute
 * window, with the IETF RateLimit headers (draft 8: `RateLimit-Policy`, `RateLimit`) and, when over, `Retry-After`
 * and the API's error body. /api/health is exempt: monitors poll it, and it answers from memory.
 */
function rateLimiter(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.path === '/health',
    handler: (req, res, _next, options) => {
      const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      sendError(res, options.statusCode, {
        code: 'RATE_LIMITED',
        message: `more than ${perMinute} requests a minute from your address; retry in ${seconds} s (Retry-After)`,
        details: { limitPerMinute: perMinute, retryAfterSeconds: seconds },
      });
    },
  });
}

/** Client-supplied request ids are echoed when they are short and plain; anything else gets a fresh UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const JSON_TYPE = 'application/json; charset=utf-8';

function parseWith(schema: z.ZodType, value: unknown, where: 'query' | 'path' | 'body'): unknown {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInputFromZod(where, result.error);
  return result.data;
}

function hasBody(req: express.Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function mount(route: AnyRoute, base: Omit<RouteContext, 'req' | 'res'>): RequestHandler {
  return async (req, res, next) => {
    try {
      const query = parseWith(route.query ?? NoQuery, { ...req.query }, 'query');
      const params = route.params ? parseWith(route.params, { ...req.params }, 'path') : undefined;
      let body: unknown;
      if (route.body) {
        if (hasBody(req) && !req.is('application/json')) {
          throw new HttpError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            `${route.method.toUpperCase()} ${route.path} takes a JSON body; send it with -H 'content-type: application/json'`,
          );
        }
        const raw = req.body === undefined && route.bodyOptional ? {} : req.body;
        // `null`, `42` or `[...]` are valid JSON but not a request: say so instead of a zod type message.
        if (req.body !== undefined && (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body))) {
          const got = req.body === null ? 'null' : Array.isArray(req.body) ? 'an array' : `a ${typeof req.body}`;
          throw new InvalidInputError(`invalid body: body must be a JSON object, got ${got}`, [
            { at: 'body', message: `body must be a JSON object, got ${got}` },
          ]);
        }
        body = parseWith(route.body, raw, 'body');
      } else if (hasBody(req)) {
        throw new HttpError(400, 'INVALID_INPUT', `${route.method.toUpperCase()} ${route.path} takes no request body`);
      }
      // One snapshot per request, so a cached answer is stored under the dataset version it was computed on.
      let snapshot: Promise<Snapshot> | undefined;
      const ctx: RouteContext = { ...base, snapshot: () => (snapshot ??= base.snapshot()), req, res };
      const input = { query, params, body } as Parameters<AnyRoute['handler']>[0];
      let out: unknown;
      if (route.cache) {
        const snap = await ctx.snapshot();
        const key = `${route.operationId}:${JSON.stringify([query, params ?? null])}`;
        const hit = snap.responses.get(key);
        if (hit !== undefined) {
          out = new RawReply(hit, JSON_TYPE, { 'x-cache': 'hit' });
        } else {
          out = await route.handler(input, ctx);
          if (!(out instanceof RawReply)) {
            const text = JSON.stringify(out);
            snap.responses.set(key, text);
            out = new RawReply(text, JSON_TYPE, { 'x-cache': 'miss' });
          }
        }
      } else {
        out = await route.handler(input, ctx);
      }
      if (res.headersSent) return; // the timeout answered first
      warnIfLate(req, res);
      if (out instanceof RawReply) {
        res.set(out.headers).type(out.contentType).send(out.body);
      } else {
        res.json(out);
      }
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Answers 503 TIMEOUT when a request is still unanswered `ms` after it arrived. The timer runs on the event loop, so
 * it can only fire while the request waits (for the store, a snapshot build, the Cypher sandbox): an analysis is
 * synchronous and, once started, blocks the loop until it returns. Its answer is then sent even if late, and
 * warnIfLate logs the overrun; a late answer to a request already answered 503 is dropped.
 */
function requestTimeout(ms: number): RequestHandler {
  return (req, res, next) => {
    res.locals.deadline = Date.now() + ms;
    res.locals.timeoutMs = ms;
    const timer = setTimeout(() => {
      if (res.headersSent) return; // a synchronous computation answered after the deadline (warnIfLate logged it)
      req.log?.warn({ timeoutMs: ms }, 'request timed out');
      res.set('retry-after', '5');
      sendError(res, 503, {
        code: 'TIMEOUT',
        message: `${req.method} ${requestPath(req)} took longer than ${ms} ms; retry later or narrow the request (a mineral, fewer ids)`,
      });
    }, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}

/** Logs a warning when an answer is ready after the request's deadline (a synchronous analysis ran past it). */
export function warnIfLate(req: express.Request, res: express.Response): void {
  const deadline = res.locals.deadline as number | undefined;
  if (deadline === undefined) return;
  const overrunMs = Date.now() - deadline;
  if (overrunMs > 0) {
    req.log?.warn(
      { timeoutMs: res.locals.timeoutMs as number, overrunMs },
      'answered after the request timeout: a synchronous computation cannot be interrupted',
    );
  }
}

/** The server's own URL as the client reached it, for the docs' curl lines; a Host header that is not a plain host[:port] is not echoed. */
function baseUrl(req: express.Request): string {
  const host = req.get('host') ?? '';
  return /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)
    ? `${req.protocol}://${host}`
    : 'http://127.0.0.1:8080';
}

export function createApp(deps: AppDeps): ChokepointApp {
  const logger = deps.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const requestTimeoutMs = deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const context = new AnalysisContext(deps.store, deps.context);
  const app = express() as unknown as ChokepointApp;
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  Object.defineProperty(app, 'context', { value: context });
  app.invalidate = () => context.invalidate();

  app.use(
    pinoHttp({
      logger,
      genReqId(req, res) {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Latency is logged as responseTime (ms) by pino-http; headers are left out to keep lines short.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Vite emits external module scripts only; the ForceAtlas2 layout worker is started from a blob: URL.
          'script-src': ["'self'"],
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'connect-src': ["'self'"],
          // Served over plain HTTP on a LAN too: upgrading would break it.
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
    }),
  );
  app.use(compression());
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  if (deps.rateLimitPerMinute) app.use('/api', rateLimiter(deps.rateLimitPerMinute));
  app.use('/api', requestTimeout(requestTimeoutMs));
  // strict: false lets `null` and other non-object JSON through to mount(), which answers 400 INVALID_INPUT "body
  // must be a JSON object" (strict mode called `null` malformed JSON, which it is not).
  app.use('/api', express.json({ limit: BODY_LIMIT_BYTES, type: 'application/json', strict: false }));

  const base: Omit<RouteContext, 'req' | 'res'> = {
    snapshot: () => context.current(),
    store: deps.store,
    enableCypher: Boolean(deps.enableCypher),
    requestTimeoutMs,
  };
  if (deps.scenariosDir) base.scenariosDir = deps.scenariosDir;
  for (const route of ROUTES) app[route.method](route.path, mount(route, base));

  let document: Record<string, unknown> | undefined;
  const docsPages = new Map<string, string>();
  const openapi = () => (document ??= buildOpenApiDocument(ROUTES));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi());
  });
  app.get('/api/docs', (req, res) => {
    const base = baseUrl(req);
    let page = docsPages.get(base);
    if (page === undefined) {
      page = renderDocsPage(openapi(), ROUTES, base);
      // A handful of names reach one server (localhost, 127.0.0.1, a LAN name): keep those, not every Host header.
      if (docsPages.size < 8) docsPages.set(base, page);
    }
    res.type('html').send(page);
  });
  // A known path asked with another method: 405 with Allow, not 404.
  const methods = new Map<string, string[]>([
    ['/api/openapi.json', ['get']],
    ['/api/docs', ['get']],
  ]);
  for (const route of ROUTES) methods.set(route.path, [...(methods.get(route.path) ?? []), route.method]);
  for (const [routePath, allowed] of methods) app.all(routePath, methodNotAllowed(allowed));
  app.use('/api', routeNotFound([...methods.keys()]));

  const webRoot = deps.webRoot && existsSync(path.join(deps.webRoot, 'index.html')) ? deps.webRoot : undefined;
  if (webRoot) {
    app.use(express.static(webRoot, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
    // Views encode their state in the URL (?mineral=...); any other GET that wants HTML gets the view.
    app.get(/.*/, (req, res, next) => (req.accepts('html') ? res.sendFile(path.join(webRoot, 'index.html')) : next()));
  } else {
    app.get('/', (_req, res) => res.redirect(302, '/api/docs'));
  }
  app.use(routeNotFound([...methods.keys()]));
  app.use(errorHandler());
  return app;
}

function noCacheForHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}
