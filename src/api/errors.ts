// The one place where errors become HTTP responses: typed domain errors (src/domain/errors.ts), body-parser
// failures and zod validation issues all leave as `{"error": {"code", "message", "details"?}}`, never a stack.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { ZodError } from 'zod';
import { ChokepointError, InvalidInputError, type ErrorCode, type InputProblem } from '../domain/errors.ts';

/** Codes the HTTP layer adds to the domain's ErrorCode. */
export type ApiErrorCode =
  | ErrorCode
  | 'MALFORMED_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ROUTE_NOT_FOUND'
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
      return sendError(res, status, { code: error.code, message: error.message, details: error.details });
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
    req.log?.error({ err: error }, 'unhandled error');
    return sendError(res, 500, {
      code: 'INTERNAL',
      message: `internal error; quote request id ${String(req.id ?? '?')} when reporting it`,
    });
  };
}

/** 404 for any path no route matched, naming the documentation. */
export function routeNotFound(): RequestHandler {
  return (req, res) =>
    sendError(res, 404, {
      code: 'ROUTE_NOT_FOUND',
      message: `no route ${req.method} ${req.path}; see GET /api/docs or /api/openapi.json for the routes`,
    });
}
