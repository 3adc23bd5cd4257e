// HTTP client of the Chokepoint API for the view: one typed method per route, errors turned into ApiError
// (code, message, status) whether the server answered with its error body, with something else, or not at all.
import type {
  CentralityMetric,
  CentralityResult,
  ChokepointRow,
  ImpactRequest,
  ImpactResult,
  ProductionStage,
  RiskReport,
} from '../../src/analysis/types.ts';
import type { PerspectiveReport } from '../../src/analysis/perspective.ts';
import type { ApiGraph } from './graph.ts';
import type { StageFilter } from './state.ts';

/** Error codes of the API (src/domain/errors.ts) plus the client's own: the server could not be reached or answered nonsense. */
export type ApiErrorCode = string;

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;
  constructor(message: string, status: number, code: ApiErrorCode, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface MineralSummary {
  slug: string;
  id: string;
  name: string;
  [key: string]: unknown;
}

export interface NodeHit {
  id: string;
  kind: string;
  name: string;
  country?: string;
  [key: string]: unknown;
}

export interface FlowPeer {
  node: string;
  name: string;
  mineral: string;
  stage: string;
  tonnes: number | null;
}

/** GET /api/nodes/:id (src/api/views.ts nodeDetail). */
export interface NodeDetails {
  id: string;
  kind: string;
  attributes: Record<string, unknown> & { name?: string };
  sources: Array<{ source: string; year: number; records: number }>;
  metrics: {
    year: number | null;
    flowsIn: number;
    flowsOut: number;
    tonnesIn: Record<string, number>;
    tonnesOut: Record<string, number>;
    production: Array<{ mineral: string; stage: string; year: number; tonnes: number; share: number; hhi: number }>;
    governanceRisk?: number | null;
  };
  suppliers: FlowPeer[];
  customers: FlowPeer[];
}

export interface GraphQuery {
  mineral?: string;
  stage?: StageFilter;
  year?: number | null;
}

export interface ApiClientOptions {
  /** Origin and path prefix, e.g. "http://127.0.0.1:8080"; default "" (same origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Abort a request after this many milliseconds (default 15,000). */
  timeoutMs?: number;
}

export interface Health {
  status: string;
  datasetVersion?: string;
  store?: { kind: string; location?: string };
  graph?: { nodes: number; edges: number; years?: number[] };
  [key: string]: unknown;
}

export interface ApiClient {
  health(): Promise<Health>;
  graph(query?: GraphQuery, signal?: AbortSignal): Promise<ApiGraph>;
  minerals(): Promise<MineralSummary[]>;
  node(id: string): Promise<NodeDetails>;
  searchNodes(q: string, limit?: number): Promise<NodeHit[]>;
  chokepoints(query: { mineral?: string; stage?: StageFilter; year?: number | null; limit?: number; level?: ChokepointQueryLevel }): Promise<ChokepointRow[]>;
  impact(request: ImpactRequest, signal?: AbortSignal): Promise<ImpactResult>;
  centrality(query: { metric: CentralityMetric; mineral?: string; year?: number | null }): Promise<CentralityResult>;
  risk(query?: { mineral?: string; year?: number | null }): Promise<RiskReport>;
  /**
   * GET /api/risk?perspective=: the EU CRM supply risk SR from one importer's point of view (Blengini et al. 2017,
   * gross), per mineral; the same analysis the CLI's `risk --perspective` runs (src/analysis/perspective.ts).
   */
  perspectiveRisk(query: { perspective: string; mineral?: string; year?: number | null }, signal?: AbortSignal): Promise<PerspectiveReport>;
  /** URL of the GEXF export of the filtered graph (served by the API, downloaded by the browser). */
  exportUrl(query: { format: 'gexf' | 'json' | 'csv'; mineral?: string }): string;
}

/** GET /api/chokepoints `level`: countries only (the API's default), named facilities only, or all levels grouped. */
export type ChokepointQueryLevel = 'country' | 'facility' | 'all';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** The API's largest page (src/api/schemas.ts MAX_PAGE). */
export const MAX_PAGE = 500;

/** Query string from defined, non-"all" values only, so the API sees no empty or placeholder parameters. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === 'all') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** The API returns lists either bare or wrapped (`{items: [...]}`, `{minerals: [...]}` ...): accept both. */
export function unwrapList<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const key of [...keys, 'items', 'results', 'data']) {
      const v = (body as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v as T[];
    }
  }
  throw new ApiError(`expected a list${keys.length ? ` (${keys.join(' or ')})` : ''} in the API answer`, 0, 'BAD_RESPONSE', body);
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function request<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(base + path, { ...init, signal: combined, headers: { accept: 'application/json', ...init.headers } });
    } catch (error) {
      if (signal?.aborted) throw new ApiError('request cancelled', 0, 'ABORTED');
      if (timeout.aborted) throw new ApiError(`the API did not answer ${path} within ${timeoutMs / 1000} s`, 0, 'TIMEOUT');
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError(`cannot reach the API (${reason}): is the server running?`, 0, 'NETWORK');
    }
    const text = await response.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        if (!response.ok) throw new ApiError(`API ${response.status} on ${path}: ${text.slice(0, 200)}`, response.status, 'HTTP_' + response.status);
        throw new ApiError(`the API answered ${path} with something that is not JSON`, response.status, 'BAD_RESPONSE', text.slice(0, 200));
      }
    }
    if (!response.ok) {
      const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      throw new ApiError(
        err?.message ?? `API ${response.status} ${response.statusText} on ${path}`,
        response.status,
        err?.code ?? 'HTTP_' + response.status,
        err?.details,
      );
    }
    return body as T;
  }

  return {
    health: () => request<Health>('/api/health'),
    graph: (query = {}, signal) =>
      request<ApiGraph>(`/api/graph${queryString({ mineral: query.mineral, stage: query.stage, year: query.year })}`, {}, signal).then(
        (body) => {
          if (!body || !Array.isArray(body.nodes) || !Array.isArray(body.edges)) {
            throw new ApiError('the API graph has no nodes/edges arrays', 0, 'BAD_RESPONSE');
          }
          return body;
        },
      ),
    minerals: () => request<unknown>(`/api/minerals${queryString({ limit: MAX_PAGE })}`).then((b) => unwrapList<MineralSummary>(b, 'minerals')),
    node: (id) => request<NodeDetails>(`/api/nodes/${encodeURIComponent(id)}`),
    searchNodes: (q, limit = 12) => request<unknown>(`/api/nodes${queryString({ q, limit })}`).then((b) => unwrapList<NodeHit>(b, 'nodes')),
    // `limit` above the API's page size reads as many pages as needed (in parallel after the first).
    chokepoints: async (query) => {
      const wanted = query.limit ?? 20;
      const stage = query.stage === 'trade' ? undefined : (query.stage as ProductionStage | 'all' | undefined);
      const page = (offset: number, limit: number) => {
        const qs = queryString({ mineral: query.mineral, stage, year: query.year, level: query.level, limit, offset: offset || undefined });
        // level=all is a value the API needs (its default is country), unlike stage=all (no filter): append it.
        const all = query.level === 'all' ? `${qs ? '&' : '?'}level=all` : '';
        return request<{ total?: number; items?: ChokepointRow[] }>(`/api/chokepoints${qs}${all}`);
      };
      const first = await page(0, Math.min(wanted, MAX_PAGE));
      const rows = unwrapList<ChokepointRow>(first, 'chokepoints', 'rows');
      const total = Math.min(wanted, typeof first.total === 'number' ? first.total : rows.length);
      const offsets: number[] = [];
      for (let offset = rows.length; offset < total; offset += MAX_PAGE) offsets.push(offset);
      const rest = await Promise.all(offsets.map((o) => page(o, Math.min(MAX_PAGE, total - o))));
      for (const r of rest) rows.push(...unwrapList<ChokepointRow>(r, 'chokepoints', 'rows'));
      return rows;
    },
    impact: (body, signal) =>
      request<ImpactResult>('/api/impact', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, signal),
    // Scores come in pages (highest first); the view sizes every node, so it reads them all.
    centrality: async (query) => {
      const page = (offset: number) =>
        request<CentralityResult & { total?: number }>(
          `/api/centrality${queryString({ metric: query.metric, mineral: query.mineral, year: query.year, limit: MAX_PAGE, offset: offset || undefined })}`,
        );
      const first = await page(0);
      const scores = [...first.scores];
      while (typeof first.total === 'number' && scores.length < first.total) {
        const next = await page(scores.length);
        if (next.scores.length === 0) break;
        scores.push(...next.scores);
      }
      return { ...first, scores };
    },
    risk: (query = {}) => request<RiskReport>(`/api/risk${queryString({ mineral: query.mineral, year: query.year })}`),
    perspectiveRisk: (query, signal) =>
      request<PerspectiveReport>(`/api/risk${queryString({ perspective: query.perspective, mineral: query.mineral, year: query.year })}`, {}, signal).then((body) => {
        if (!body || !Array.isArray(body.risks) || typeof body.perspective !== 'string') {
          throw new ApiError('the API risk answer has no perspective rows', 0, 'BAD_RESPONSE');
        }
        return body;
      }),
    exportUrl: (query) => `${base}/api/export${queryString({ format: query.format, mineral: query.mineral })}`,
  };
}

/**
 * Whether asking again may succeed: the server was unreachable or slow, answered garbage, failed (5xx) or throttled
 * (429). A 4xx is the API refusing the question itself (unknown mineral, year or node): the same request fails again.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (error.status === 0) return error.code !== 'ABORTED';
  return error.status >= 500 || error.status === 429;
}

/** The "did you mean" ids of an API NotFound error (details.suggestions), else none. */
export function suggestionsOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || !error.details || typeof error.details !== 'object') return [];
  const s = (error.details as { suggestions?: unknown }).suggestions;
  return Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string') : [];
}
