// The OpenAPI document: version 3.1, every route documented with a 200 example, and every documented example
// (success and error) valid against its own schema (ajv, JSON Schema 2020-12).
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/api/routes.ts';
import { openApiPath } from '../../src/api/route.ts';
import { document, validatorFor } from './schema-check.ts';

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every route of the route table', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const route of ROUTES) {
      expect(document.paths[openApiPath(route.path)]?.[route.method], `${route.method} ${route.path}`).toBeDefined();
    }
    expect(Object.keys(document.paths).length).toBe(new Set(ROUTES.map((r) => openApiPath(r.path))).size);
  });

  it('documents query parameters from the zod schemas that validate them', () => {
    const op = document.paths['/api/chokepoints']!.get as unknown as {
      parameters: Array<{ name: string; in: string }>;
    };
    expect(op.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'query:byProducts',
      'query:level',
      'query:limit',
      'query:mineral',
      'query:offset',
      'query:stage',
      'query:year',
    ]);
    const impact = document.paths['/api/impact']!.post as unknown as {
      requestBody: { content: Record<string, { schema: { $ref: string } }> };
    };
    expect(impact.requestBody.content['application/json']!.schema.$ref).toBe('#/components/schemas/ImpactRequest');
    // strict zod objects become closed JSON schemas: unknown body keys are documented as refused.
    expect(document.components.schemas.ImpactRequest).toMatchObject({ additionalProperties: false });
  });

  const examples: Array<[string, string, object, unknown]> = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          examples.push([`${method.toUpperCase()} ${path} ${status} ${type}`, status, media.schema, media.example]);
        }
      }
    }
  }

  it('has a 200 example for every route', () => {
    for (const route of ROUTES) {
      const op = document.paths[openApiPath(route.path)]![route.method]!;
      const content = Object.values(op.responses['200']!.content ?? {});
      expect(content.length, route.path).toBeGreaterThan(0);
      for (const media of content) expect(media.example, route.path).toBeDefined();
    }
  });

  it.each(examples)('example of %s matches its schema', (_name, _status, schema, example) => {
    expect(example).toBeDefined();
    const validate = validatorFor(schema);
    const ok = validate(example);
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it('rejects an example that breaks the schema (the check can fail)', () => {
    const validate = validatorFor({ $ref: '#/components/schemas/ImpactResult' });
    expect(validate({ removed: 'country:BRA' })).toBe(false);
  });
});
