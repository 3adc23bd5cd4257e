// One declaration per route (STYLE.md habit 8): its zod request schemas, documented response and handler. app.ts
// mounts the declarations on Express and openapi.ts derives the OpenAPI document from the same objects.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { GraphStore } from '../store/port.ts';
import type { Snapshot } from './context.ts';

/** A response that is not JSON-serialised by the router: pre-serialised JSON (cache hits) or another format. */
export class RawReply {
  constructor(
    readonly body: string,
    readonly contentType: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

export interface RouteContext {
  /** The analysis snapshot of the store's current dataset (built once per version). */
  snapshot(): Promise<Snapshot>;
  store: GraphStore;
  enableCypher: boolean;
  requestTimeoutMs: number;
  scenariosDir?: string;
  req: Request;
  res: Response;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteResponse {
  description: string;
  /** The schema of a 200 body (registered as a component when it has an OpenAPI name). */
  schema: z.ZodType;
  example: unknown;
  /** Default application/json. */
  contentType?: string;
  /** Other formats the route can answer with (export). */
  alternatives?: Record<string, { example: unknown; schema?: z.ZodType }>;
}

export interface RouteSpec<
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
> {
  method: 'get' | 'post';
  /** Express path (`/api/nodes/:id`); openapi.ts rewrites `:id` to `{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  query?: Q;
  params?: P;
  body?: B;
  /**
   * Cache the serialised 200 body per dataset version and validated input (same request, same bytes, no recompute).
   * Only for routes whose answer depends on nothing but the dataset and the input.
   */
  cache?: boolean;
  /** The body may be omitted (then `{}` is validated). */
  bodyOptional?: boolean;
  response: RouteResponse;
  /** Error statuses the route documents besides the ones every route can return (400, 500, 503). */
  errors: number[];
  /** A curl example for the docs page; `$BASE` stands for the server URL. */
  curl: string;
  handler(input: { query: Infer<Q>; params: Infer<P>; body: Infer<B> }, ctx: RouteContext): Promise<unknown>;
}

// The route table is heterogeneous; erase the generics once they have typed the handler.
export type AnyRoute = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

export function defineRoute<
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<Q, P, B>): AnyRoute {
  return spec as unknown as AnyRoute;
}

/** `/api/nodes/:id` -> `/api/nodes/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
