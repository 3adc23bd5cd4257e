// Validates JSON values against the component schemas of the API's own OpenAPI 3.1 document with ajv (JSON Schema
// 2020-12, the dialect of OpenAPI 3.1), so tests check real responses and documented examples alike.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { buildOpenApiDocument } from '../../src/api/openapi.ts';
import { ROUTES } from '../../src/api/routes.ts';

// ajv-formats is CommonJS (module.exports and exports.default): take whichever the loader hands over.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (
  ajv: Ajv2020,
) => void;

export const document = buildOpenApiDocument(ROUTES) as {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object; example?: unknown }> }> }>
  >;
  components: { schemas: Record<string, object> };
};

const DOC_ID = 'https://chokepoint.local/openapi.json';
// OpenAPI keywords that are not JSON Schema ("example") are annotations: not strict.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: DOC_ID, components: document.components });

const cache = new Map<string, ValidateFunction>();

/** A validator for any schema object of the document (its `#/components/...` refs resolved against the document). */
export function validatorFor(schema: object): ValidateFunction {
  const text = JSON.stringify(schema).replaceAll('"#/components/', `"${DOC_ID}#/components/`);
  let validate = cache.get(text);
  if (!validate) {
    validate = ajv.compile(JSON.parse(text) as object);
    cache.set(text, validate);
  }
  return validate;
}

/** Errors of `value` against component schema `name`, as readable strings (empty when valid). */
export function schemaErrors(name: string, value: unknown): string[] {
  if (!document.components.schemas[name]) return [`no component schema "${name}"`];
  const validate = validatorFor({ $ref: `#/components/schemas/${name}` });
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
