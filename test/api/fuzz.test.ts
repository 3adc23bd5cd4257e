// A bounded, seeded fuzz test over every operation of the generated OpenAPI document, against the app on the
// embedded store with the shipped dataset: parameters and bodies generated from the document's own schemas, valid
// and invalid (wrong types, out-of-range numbers, unknown and repeated parameters, bad percent-escapes, odd
// Unicode, wrong content types and encodings, malformed JSON). Every answer must be below 500, a status the
// document lists for the operation, and a body that matches the documented schema of that status.
// FUZZ_SEED=... explores another sequence; FUZZ_PER_OPERATION sets the requests per operation (default 16).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import seedrandom from 'seedrandom';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ChokepointApp } from '../../src/api/app.ts';
import { readShippedDataset } from '../../src/data/index.ts';
import { openEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded.ts';
import { document, validatorFor } from './schema-check.ts';

const SEED = process.env.FUZZ_SEED ?? 'chokepoint-openapi-fuzz';
const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 16);

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  example?: unknown;
};
interface Parameter {
  in: 'query' | 'path';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

/** Realistic values, so valid requests also reach the analyses (not only the validators). */
const IDS = ['country:BRA', 'country:CHN', 'country:USA', 'mine:bra-niobium', 'mine:chn-gallium', 'country:CHN/gallium', 'mineral:niobium', 'country:ZZZ', 'refiner:chn-gallium'];
const SLUGS = ['niobium', 'gallium', 'beryllium', 'cobalt', 'rare-earths', 'graphite', 'unobtainium', 'nio-bium'];
const ISO3 = ['USA', 'BRA', 'CHN', 'DEU', 'usa', 'ZZZ'];
const SCENARIOS = ['brazil-niobium-outage', 'china-gallium-germanium-graphite-export-controls', 'no-such-scenario'];
/** Strings that have broken parsers elsewhere: escapes, separators, control and non-BMP characters, RTL marks. */
const NASTY = ['%', '%zz', '%E0%A4%A', '%00', '..', '../../etc/passwd', '\u0000', '\u202e', '𝔘𝔫𝔦', 'a'.repeat(300), ' ', '', '🦜', '%ED%A0%80', '[]', '{}', 'null', '1e400', '-0', 'NaN', '__proto__', 'constructor'];

const RAW_SEGMENTS = NASTY.filter((v) => v.length > 0 && v !== '.' && v !== '..' && /^[\x21-\x7e]+$/.test(v) && !/[/?#]/.test(v));

function resolve(schema: Schema): Schema {
  let s = schema;
  while (s.$ref) s = document.components.schemas[s.$ref.replace('#/components/schemas/', '')] as Schema;
  return s;
}

class Generator {
  constructor(private readonly rng: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rng() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.rng() < p;
  }

  /** A value the schema accepts (as far as realistic pools go), named `name` for picking realistic strings. */
  valid(input: Schema, name = '', depth = 0): unknown {
    const schema = resolve(input);
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return this.pick(schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) return this.valid(this.pick(alternatives), name, depth);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => this.valid(s, name, depth)));
    const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? (schema.properties ? 'object' : 'string')];
    const type = this.pick(types);
    switch (type) {
      case 'null':
        return null;
      case 'boolean':
        return this.chance(0.5);
      case 'integer':
      case 'number': {
        if (schema.example !== undefined && this.chance(0.5)) return schema.example;
        const lo = schema.minimum ?? (name === 'year' ? 2020 : 0);
        const hi = Math.min(schema.maximum ?? lo + 100, lo + (name === 'year' ? 10 : 1000));
        const n = this.int(lo, hi);
        return type === 'number' && this.chance(0.3) ? Math.min(hi, n + this.rng()) : n;
      }
      case 'array': {
        const count = this.int(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, (schema.minItems ?? 0) + 3));
        return Array.from({ length: count }, () => this.valid(schema.items ?? {}, name, depth + 1));
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [key, prop] of Object.entries(schema.properties ?? {})) {
          if (schema.required?.includes(key) || (depth < 3 && this.chance(0.5))) out[key] = this.valid(prop, key, depth + 1);
        }
        return out;
      }
      default:
        return this.string(schema, name);
    }
  }

  private string(schema: Schema, name: string): string {
    if (schema.example !== undefined && this.chance(0.3)) return String(schema.example);
    if (/iso3/i.test(name) || schema.pattern === '^[A-Za-z]{3}$') return this.pick(ISO3);
    if (name === 'name') return this.pick(SCENARIOS);
    if (/^(id|remove|node)$/.test(name)) return this.pick(IDS);
    if (schema.pattern === '^[a-z0-9-]+$' || /mineral|slug/.test(name)) return this.pick(SLUGS);
    if (name === 'query') return this.pick(['RETURN 1', 'MATCH (n) RETURN count(n)', "MATCH (c:Country {id: 'country:BRA'}) RETURN c.name"]);
    const length = this.int(schema.minLength ?? 1, Math.min(schema.maxLength ?? 12, (schema.minLength ?? 1) + 12));
    return Array.from({ length }, () => this.pick('abcdefghijklmnopqrstuvwxyz0123456789:-_'.split(''))).join('');
  }

  /** A value of the wrong type or out of range for the schema. */
  invalid(input: Schema, name = ''): unknown {
    const schema = resolve(input);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    const options: unknown[] = [...NASTY, null, true, 12.5, -1, [], {}];
    if (type === 'integer' || type === 'number') options.push('abc', 1.5, (schema.maximum ?? 1e6) + 1, (schema.minimum ?? 0) - 1, '0x10', '1e400', ' 7');
    if (type === 'string') options.push(42, 'x'.repeat((schema.maxLength ?? 100) + 1), this.pick(IDS).toUpperCase());
    if (type === 'array') options.push('country:BRA', [null], Array.from({ length: 400 }, () => this.pick(IDS)));
    if (schema.enum) options.push(`${String(this.pick(schema.enum))}x`, String(this.pick(schema.enum)).toUpperCase());
    void name;
    return this.pick(options);
  }
}

/** A query or path value as text; `raw` keeps it unencoded (to send bad escapes on purpose). */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface FuzzRequest {
  method: string;
  url: string;
  contentType?: string;
  contentEncoding?: string;
  body?: string;
}

function buildRequest(gen: Generator, method: string, template: string, op: Operation, mutate: boolean): FuzzRequest {
  const params = op.parameters ?? [];
  const mutation = mutate ? gen.pick(['path', 'query-type', 'query-unknown', 'query-repeat', 'query-raw', 'body-field', 'body-shape', 'body-encoding', 'body-type']) : 'none';
  const pathParams = params.filter((p) => p.in === 'path');
  const pathMutated = mutation === 'path' && pathParams.length > 0 ? gen.pick(pathParams).name : undefined;
  let url = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const param = pathParams.find((p) => p.name === name)!;
    // Raw (unencoded) values only where they stay one path segment: "/", "?", "#", spaces, "." and ".." would route
    // the request elsewhere, and that route's schema would not be this one's. Encoded, anything goes.
    if (name === pathMutated) return gen.chance(0.5) ? gen.pick(RAW_SEGMENTS) : encodeURIComponent(asText(gen.invalid(param.schema, name)));
    return encodeURIComponent(asText(gen.valid(param.schema, name)));
  });
  const query: string[] = [];
  for (const param of params.filter((p) => p.in === 'query')) {
    if (!param.required && !gen.chance(0.5)) continue;
    const value = mutation === 'query-type' && gen.chance(0.6) ? gen.invalid(param.schema, param.name) : gen.valid(param.schema, param.name);
    query.push(`${param.name}=${encodeURIComponent(asText(value))}`);
    if (mutation === 'query-repeat') query.push(`${param.name}=${encodeURIComponent(asText(gen.valid(param.schema, param.name)))}`);
  }
  if (mutation === 'query-unknown') query.push(`${gen.pick(['limt', 'mineral[]', '__proto__', 'a[b]', '%'])}=${gen.pick(['1', '%', 'x'])}`);
  if (mutation === 'query-raw') query.push(`${gen.pick(params.filter((p) => p.in === 'query').map((p) => p.name).concat('x'))}=${gen.pick(NASTY.filter((s) => /^[\x21-\x7e]*$/.test(s)))}`);
  if (query.length) url += `?${query.join('&')}`;

  const out: FuzzRequest = { method, url };
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const sendBody = bodySchema !== undefined || mutation.startsWith('body');
  if (!sendBody || (bodySchema && !op.requestBody?.required && mutation === 'none' && gen.chance(0.2))) return out;
  let value: unknown = bodySchema ? gen.valid(bodySchema) : { unexpected: true };
  if (mutation === 'body-field' && bodySchema) {
    const props = Object.keys(resolve(bodySchema).properties ?? {});
    const key = gen.chance(0.8) && props.length ? gen.pick(props) : gen.pick(['extra', '__proto__', 'constructor']);
    const prop = resolve(bodySchema).properties?.[key];
    value = { ...(value as object), [key]: prop ? gen.invalid(prop, key) : 1 };
  }
  if (mutation === 'body-shape') value = gen.pick<unknown>([null, [], 42, 'text', [value]]);
  out.body = JSON.stringify(value);
  out.contentType = 'application/json';
  if (mutation === 'body-type') {
    const broken = gen.pick(['truncate', 'content-type', 'charset']);
    if (broken === 'truncate') out.body = out.body.slice(0, Math.max(1, out.body.length - 1 - gen.int(0, 3)));
    else if (broken === 'content-type') out.contentType = gen.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']);
    else out.contentType = gen.pick(['application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; charset=bogus']);
  }
  if (mutation === 'body-encoding') out.contentEncoding = gen.pick(['bogus', 'gzip', 'deflate', 'br', 'identity, gzip']);
  return out;
}

let dir: string;
let store: EmbeddedStore;
let app: ChokepointApp;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'chokepoint-fuzz-'));
  store = await openEmbeddedStore({ path: path.join(dir, 'db') });
  await store.replaceDataset(await readShippedDataset());
  app = createApp({ store, logger: pino({ level: 'silent' }) });
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([template, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ method, template, op })),
);

describe(`OpenAPI fuzz (seed "${SEED}", ${PER_OPERATION} requests per operation)`, () => {
  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.template}`, o] as const))(
    '%s: no 5xx, only documented statuses, every body matching its schema',
    async (_name, { method, template, op }) => {
      const gen = new Generator(seedrandom(`${SEED}:${method}:${template}`));
      const statuses = new Map<number, number>();
      for (let i = 0; i < PER_OPERATION; i++) {
        const fuzz = buildRequest(gen, method, template, op, i % 2 === 1);
        let req = (request(app) as unknown as Record<string, (url: string) => request.Test>)[method]!(fuzz.url);
        if (fuzz.contentType) req = req.set('content-type', fuzz.contentType);
        if (fuzz.contentEncoding) req = req.set('content-encoding', fuzz.contentEncoding);
        const res = await (fuzz.body !== undefined ? req.send(fuzz.body) : req);
        const what = `${fuzz.method.toUpperCase()} ${fuzz.url}${fuzz.body !== undefined ? ` ${fuzz.contentType} ${fuzz.contentEncoding ?? ''} ${fuzz.body.slice(0, 300)}` : ''} -> ${res.status} ${res.text.slice(0, 300)}`;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, what).toBeLessThan(500);
        const documented = op.responses[String(res.status)];
        expect(documented, `undocumented status: ${what}`).toBeDefined();
        const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
        const media = documented!.content?.[type];
        expect(media, `undocumented content type ${type}: ${what}`).toBeDefined();
        if (type === 'application/json') {
          const validate = validatorFor(media!.schema);
          const ok = validate(res.body);
          expect(ok, `${what}\n${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
        }
      }
      // Both sides of the input space were reached: a success and a refusal (unless the route cannot succeed here).
      const codes = [...statuses.keys()];
      if (template !== '/api/cypher') expect(codes.some((c) => c < 300), `no success among ${codes.join(', ')}`).toBe(true);
      if (PER_OPERATION >= 4) expect(codes.some((c) => c >= 400), `no refusal among ${codes.join(', ')}`).toBe(true);
    },
    60_000,
  );
});
