// The /api/docs reference page: a self-contained HTML rendering of the OpenAPI document (no script, no CDN), because
// @scalar/express-api-reference loads its viewer from a CDN at run time and the tool must work offline.
import type { AnyRoute } from './route.ts';

type Json = Record<string, unknown>;

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Escaped prose with the documents' markdown code spans (`like this`) rendered as <code>. */
function inline(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function pretty(value: unknown, max = 4000): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return text.length > max ? `${text.slice(0, max)}\n… (abridged)` : text;
}

/** Inline description of a JSON schema for a parameter: type, enum, bounds. */
function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push((schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | '));
  else if (schema.type) parts.push(String(schema.type));
  if (schema.minimum !== undefined) parts.push(`≥ ${String(schema.minimum)}`);
  if (schema.maximum !== undefined) parts.push(`≤ ${String(schema.maximum)}`);
  if (schema.pattern) parts.push(`pattern ${String(schema.pattern)}`);
  return parts.join(', ');
}

function resolveRef(document: Json, ref: unknown): Json | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) node = (node as Json | undefined)?.[part];
  return node as Json | undefined;
}

/** The reference page; `base` (the server's URL as the client reached it) stands for `$BASE` in the curl lines. */
export function renderDocsPage(document: Json, routes: AnyRoute[], base = 'http://127.0.0.1:8080'): string {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  const info = document.info as { title: string; version: string; description: string };
  const byTag = new Map<string, string[]>();
  const toc: string[] = [];
  for (const route of routes) {
    const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const op = paths[openApiPath]?.[route.method];
    if (!op) continue;
    const anchor = String(op.operationId);
    toc.push(
      `<li><a href="#${esc(anchor)}"><code>${route.method.toUpperCase()} ${esc(route.path)}</code></a> ${inline(route.summary)}</li>`,
    );
    const parameters = (op.parameters ?? []) as Json[];
    const rows = parameters
      .map((p) => {
        const schema = p.schema as Json | undefined;
        return `<tr><td><code>${esc(String(p.name))}</code></td><td>${esc(String(p.in))}</td><td>${p.required ? 'yes' : ''}</td><td>${esc(typeOf(schema))}</td><td>${inline(String(schema?.description ?? p.description ?? ''))}</td></tr>`;
      })
      .join('');
    const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined;
    const bodySchema = body?.['application/json']?.schema;
    const resolvedBody = bodySchema && resolveRef(document, bodySchema.$ref);
    const responses = (op.responses ?? {}) as Record<string, Json>;
    const ok = responses['200'];
    const okContent = (ok?.content ?? {}) as Record<string, { example?: unknown }>;
    const statuses = Object.entries(responses)
      .map(([status, r]) => `<li><code>${esc(status)}</code> ${inline(String(r.description ?? ''))}</li>`)
      .join('');
    const section = [
      `<section id="${esc(anchor)}">`,
      `<h3><span class="m ${route.method}">${route.method.toUpperCase()}</span> <code>${esc(route.path)}</code></h3>`,
      `<p>${inline(route.summary)}.</p>`,
      route.description ? `<p>${inline(route.description)}</p>` : '',
      `<pre class="curl">${esc(route.curl.replaceAll('$BASE', base))}</pre>`,
      rows
        ? `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th>meaning</th></tr></thead><tbody>${rows}</tbody></table>`
        : '',
      resolvedBody
        ? `<details><summary>Request body schema</summary><pre>${esc(pretty(resolvedBody))}</pre></details>`
        : '',
      ...Object.entries(okContent).map(
        ([type, c]) =>
          `<details${type === Object.keys(okContent)[0] ? ' open' : ''}><summary>Example response (${esc(type)})</summary><pre>${esc(pretty(c.example, 2500))}</pre></details>`,
      ),
      `<ul class="statuses">${statuses}</ul>`,
      '</section>',
    ].join('\n');
    const list = byTag.get(route.tag) ?? [];
    list.push(section);
    byTag.set(route.tag, list);
  }
  const sections = [...byTag.entries()].map(([tag, list]) => `<h2>${esc(tag)}</h2>\n${list.join('\n')}`).join('\n');
  const schemas = Object.entries(((document.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>)
    .map(
      ([name, schema]) =>
        `<details id="schema-${esc(name)}"><summary><code>${esc(name)}</code></summary><pre>${esc(pretty(schema, 20000))}</pre></details>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)} reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:0 auto;padding:1rem 1.25rem;color:#1d2330}
code,pre{font:13px/1.45 ui-monospace,Menlo,Consolas,monospace}
pre{background:#f4f6f9;padding:.6rem .8rem;overflow:auto;border-radius:4px;max-height:28rem}
pre.curl{background:#1d2330;color:#e8edf5}
section{border-top:1px solid #dde2ea;padding:.4rem 0 .8rem}
table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #dde2ea;padding:.2rem .5rem;text-align:left;vertical-align:top}
.m{display:inline-block;min-width:3.2rem;text-align:center;color:#fff;border-radius:3px;font-size:12px;padding:0 .3rem}
.m.get{background:#2f6fdb}.m.post{background:#1f9d55}
ul.statuses{margin:.3rem 0;padding-left:1.2rem;font-size:14px}
</style></head><body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${inline(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (OpenAPI ${esc(String(document.openapi))}). Every response carries <code>X-Request-Id</code>.</p>
<ul>${toc.join('\n')}</ul>
${sections}
<h2>Schemas</h2>
${schemas}
</body></html>
`;
}
