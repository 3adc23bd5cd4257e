// POST /api/cypher: library queries by name (graph/queries: reviewed, parameterised, read-only) for everyone, ad-hoc
// query text only when the operator opts in (CHOKEPOINT_ENABLE_CYPHER=1). Either way the query goes through the
// store's guarded cypherRead, tied to the request: when the request ends or times out, the query is dropped.
import { unknownIdError } from '../domain/errors.ts';
import { checkLibraryParams, loadQueryLibrary, queryTextFor, type LibraryQuery } from '../store/cypher-library.ts';
import type { CypherOptions, CypherResult } from '../store/port.ts';
import { HttpError } from './errors.ts';
import type { RouteContext } from './route.ts';

export interface CypherRequestBody {
  name?: string;
  query?: string;
  params?: Record<string, unknown>;
  limit?: number;
}

let library: Promise<LibraryQuery[]> | undefined;

/** The query library, read once per process (the files ship with the code). */
export function queryLibrary(): Promise<LibraryQuery[]> {
  library ??= loadQueryLibrary().catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  return library;
}

/** Runs the body's library query (or, when enabled, its ad-hoc text) on the context's store. */
export async function runCypherRequest(body: CypherRequestBody, ctx: RouteContext): Promise<CypherResult> {
  // Aborted once the response is over (sent, timed out, or the client went away): a waiting query is dropped,
  // a running one stopped, so a burst of slow queries cannot hold the queue after their callers are gone.
  const controller = new AbortController();
  ctx.res.once('close', () => controller.abort());
  const options: CypherOptions = { timeoutMs: ctx.requestTimeoutMs, signal: controller.signal };
  if (body.limit) options.limit = body.limit;
  if (body.name !== undefined) {
    const queries = await queryLibrary();
    const named = queries.find((q) => q.name === body.name);
    if (!named) throw unknownIdError('library query', body.name, queries.map((q) => q.name));
    options.params = checkLibraryParams(named, body.params ?? {});
    return ctx.store.cypherRead(queryTextFor(named, ctx.store.kind === 'neo4j' ? 'neo4j' : 'ladybug'), options);
  }
  if (!ctx.enableCypher) {
    throw new HttpError(
      403,
      'CYPHER_DISABLED',
      'ad-hoc Cypher ("query") is disabled; run a library query by name ({"name": "top-producers", "params": {...}}, ' +
        'list them with GET /api/cypher/queries) or start the server with CHOKEPOINT_ENABLE_CYPHER=1 to allow read-only query text',
    );
  }
  if (body.params) options.params = body.params;
  return ctx.store.cypherRead(body.query!, options);
}
