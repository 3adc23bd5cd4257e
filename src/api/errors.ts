// The one place where errors become HTTP responses: typed domain errors (src/domain/errors.ts), body-parser
// failures and zod validation issues all leave as `{"error": {"code", "message", "details"?}}`, never a stack.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { ZodError } from 'zod';
import {
  ChokepointError,
  InvalidInputError,
  NotFoundError,
  suggestIds,
  type ErrorCode,
  type InputProblem,
} from '../domain/errors.ts';

/** Codes the HTTP layer adds to the domain's ErrorCode. */
export type ApiErrorCode =
  | ErrorCode
  | 'MALFORMED_JSON'
  | 'MALFORMED_REQUEST'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CYPHER_DISABLED'
  | 'EMPTY_STORE'
  | 'TIMEOUT'
  | 'INTERNAL';

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

/** An error that already knows its HTTP status (for conditions that exist only at the HTTP layer). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** HTTP status of each domain error code (STYLE.md habit 6: mapped once, here). */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  UNPROCESSABLE: 422,
  READ_ONLY: 403,
  UNSUPPORTED: 501,
  STORE_ERROR: 502,
};

/** Turns a zod failure on `where` (query, path, body) into an InvalidInputError listing every problem. */
export function invalidInputFromZod(where: 'query' | 'path' | 'body', error: ZodError): InvalidInputError {
  const problems: InputProblem[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = base ? `${base}.${key}` : key;
        problems.push({ at: where, field, message: `unknown ${where === 'body' ? 'key' : 'parameter'} "${key}"` });
      }
      continue;
    }
    problems.push({ at: where, field: base || undefined, message: issue.message });
  }
  const first = problems[0];
  const summary = first ? `${first.field ? `${first.field}: ` : ''}${first.message}` : 'invalid input';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
  return new InvalidInputError(`invalid ${where === 'path' ? 'path parameter' : where}: ${summary}${more}`, problems);
}

export function sendError(res: Response, status: number, body: ErrorBody['error']): void {
  if (res.headersSent) return;
  const error: ErrorBody['error'] = { code: body.code, message: body.message };
  if (body.details !== undefined) error.details = body.details;
  res.status(status).json({ error });
}

/** body-parser (express.json) errors carry `type` and `status`; nothing else in the stack throws those. */
interface BodyParserError {
  type: string;
  status?: number;
  limit?: number;
  length?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string';
}

export interface ErrorLog {
  error(obj: object, msg: string): void;
}

/** The error middleware: maps every error to one status and body. Unknown errors are logged and become a bare 500. */
export function errorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      // A timeout answered first; the late failure is only worth a log line.
      req.log?.warn({ err: error }, 'error after response was sent');
      return;
    }
    if (error instanceof HttpError) return sendError(res, error.status, error);
    if (error instanceof ChokepointError) {
      const status = STATUS_BY_CODE[error.code] ?? 500;
      if (status >= 500) req.log?.error({ err: error }, 'store failure');
      // Every 404 has the same details shape, whatever raised it: the nearest valid values as strings (ids, slugs,
      // years), possibly none.
      const details = error instanceof NotFoundError ? { suggestions: error.suggestions } : error.details;
      return sendError(res, status, { code: error.code, message: error.message, details });
    }
    if (isBodyParserError(error)) {
      if (error.type === 'entity.too.large') {
        return sendError(res, 413, {
          code: 'PAYLOAD_TOO_LARGE',
          message: `request body of ${error.length ?? '?'} bytes exceeds the ${error.limit ?? 65536}-byte limit; send fewer ids`,
        });
      }
      if (error.type === 'entity.parse.failed') {
        const detail = error instanceof Error ? error.message : 'unparseable JSON';
        return sendError(res, 400, { code: 'MALFORMED_JSON', message: `request body is not valid JSON: ${detail}` });
      }
      if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
        return sendError(res, 415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'request body must be UTF-8 JSON' });
      }
    }
    const client = clientError(error);
    if (client) return sendError(res, client.status, client);
    req.log?.error({ err: error }, 'unhandled error');
    return sendError(res, 500, {
      code: 'INTERNAL',
      message: `internal error; quote request id ${String(req.id ?? '?')} when reporting it`,
    });
  };
}

/**
 * Errors that Express and body-parser raise for a malformed request without a body-parser `type`: a path whose
 * percent-escapes do not decode (`/api/minerals/%`, URIError, status 400), a body whose Content-Encoding does not
 * match it (zlib's Z_DATA_ERROR ...). Any other http-errors style error with a 4xx status keeps its status.
 */
function clientError(error: unknown): (ErrorBody['error'] & { status: number }) | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode, code } = error as { status?: unknown; statusCode?: unknown; code?: unknown };
  const given = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  if (given === undefined || given < 400 || given > 499) return undefined;
  if (error instanceof URIError) {
    return {
      status: 400,
      code: 'MALFORMED_REQUEST',
      message: 'the path holds a malformed percent-escape (a "%" not followed by two hex digits of UTF-8); write "%" as %25',
    };
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return {
      status: 400,
      code: 'MALFORMED_REQUEST',
      message: 'the request body does not decode with its Content-Encoding; send it uncompressed or as valid gzip/deflate/br',
    };
  }
  const message = error instanceof Error && (error as { expose?: unknown }).expose === true ? error.message : 'malformed request';
  return { status: given, code: 'MALFORMED_REQUEST', message };
}

/** The path of a request as the client sent it (`req.path` drops the mount point, e.g. `/api`), without the query. */
export function requestPath(req: { originalUrl: string }): string {
  const url = req.originalUrl;
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * 404 for any path no route matched, naming the documentation; `details.suggestions` holds the nearest known route
 * paths (the same details shape as every other 404).
 */
export function routeNotFound(paths: readonly string[] = []): RequestHandler {
  return (req, res) => {
    const path = requestPath(req);
    sendError(res, 404, {
      code: 'ROUTE_NOT_FOUND',
      message: `no route ${req.method} ${path}; see GET /api/docs or /api/openapi.json for the routes`,
      details: { suggestions: suggestIds(path, paths) },
    });
  };
}

/**
 * 405 for a known path asked with a method it does not take, with the `Allow` header (RFC 9110 15.5.6); OPTIONS
 * answers 204 with the same header.
 */
export function methodNotAllowed(methods: readonly string[]): RequestHandler {
  const allow = [...new Set(methods.map((m) => m.toUpperCase()).flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])))]
    .concat('OPTIONS')
    .join(', ');
  return (req, res) => {
    res.set('allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    sendError(res, 405, {
      code: 'METHOD_NOT_ALLOWED',
      message: `${req.method} is not allowed on ${requestPath(req)}; it takes ${allow.replace(', OPTIONS', '')}`,
      details: { allow: allow.split(', ') },
    });
  };
}
