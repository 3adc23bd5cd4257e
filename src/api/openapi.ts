// The OpenAPI 3.1 document of the HTTP API, generated from the route table and the very zod schemas that validate
// requests (@asteasolutions/zod-to-openapi, which supports zod 4), so the documentation cannot drift from the checks.
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { errorExamples } from './examples.ts';
import { openApiPath, type AnyRoute } from './route.ts';
import { ErrorResponse } from './schemas.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Malformed JSON, an invalid or unknown parameter or body key (details.problems names each field and why).',
  403: 'Forbidden: the Cypher endpoint is disabled, or the query writes.',
  404: 'Unknown id, mineral, country, scenario, year or route; `details.suggestions` (always present, possibly empty) holds the nearest valid values as strings.',
  405: 'The path exists but does not take this method; the `Allow` header lists the methods it takes.',
  413: 'Request body larger than 64 KiB (any route: bodies are parsed before routing).',
  415: 'The body is not UTF-8 `application/json`, or its Content-Encoding is not one the server decodes (any route: bodies are parsed before routing).',
  422: 'Well-formed but unanswerable, e.g. a mineral the removed node does not touch.',
  429: 'Over the per-client rate limit (CHOKEPOINT_RATE_LIMIT requests a minute; /api/health is exempt); `Retry-After` says how many seconds to wait, the `RateLimit` and `RateLimit-Policy` headers give the budget.',
  500: 'Internal error (no stack is ever returned; quote the X-Request-Id).',
  501: 'The configured store has no query language.',
  503: 'The request timed out, or the store holds no dataset.',
};

/** Statuses any route can answer with. */
const COMMON_ERRORS = [400, 405, 413, 415, 429, 500, 503];

function hasKeys(schema: z.ZodType | undefined): schema is z.ZodObject {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return !!shape && Object.keys(shape).length > 0;
}

export function buildOpenApiDocument(routes: AnyRoute[]): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  registry.register('Error', ErrorResponse);
  registry.registerComponent('headers', 'X-Request-Id', {
    description: "Echo of the request's X-Request-Id, or a fresh UUID; every log line of the request carries it.",
    schema: { type: 'string' },
  });
  for (const route of routes) {
    const responses: Record<string, ResponseConfig> = {};
    const content: Record<string, { schema: z.ZodType; example: unknown }> = {
      [route.response.contentType ?? 'application/json']: {
        schema: route.response.schema,
        example: route.response.example,
      },
    };
    for (const [type, alt] of Object.entries(route.response.alternatives ?? {})) {
      content[type] = { schema: alt.schema ?? route.response.schema, example: alt.example };
    }
    responses['200'] = {
      description: route.response.description,
      headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
      content,
    };
    for (const status of [...new Set([...route.errors, ...COMMON_ERRORS])].sort()) {
      responses[String(status)] = {
        description: STATUS_TEXT[status] ?? 'Error.',
        content: { 'application/json': { schema: ErrorResponse, example: errorExamples[status] } },
      };
    }
    const request: Record<string, unknown> = {};
    if (hasKeys(route.query)) request.query = route.query;
    if (route.params) request.params = route.params;
    if (route.body) {
      request.body = { required: !route.bodyOptional, content: { 'application/json': { schema: route.body } } };
    }
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      operationId: route.operationId,
      summary: route.summary,
      description: [route.description, `Example (\`$BASE\` = the server's URL): \`${route.curl}\``]
        .filter(Boolean)
        .join('\n\n'),
      tags: [route.tag],
      request,
      responses,
    });
  }
  const generator = new OpenApiGeneratorV31(registry.definitions);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Chokepoint API',
      version: '0.1.0',
      description:
        'Graph analysis of critical-mineral supply chains: concentration, supply risk, centrality, chokepoints and node-removal impact. Every error body is `{"error": {"code", "message", "details"?}}`; unknown query parameters and body keys are rejected.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'Service' },
      { name: 'Minerals' },
      { name: 'Nodes' },
      { name: 'Graph' },
      { name: 'Analyses' },
      { name: 'Scenarios' },
      { name: 'Store' },
    ],
  }) as unknown as Record<string, unknown>;
}
