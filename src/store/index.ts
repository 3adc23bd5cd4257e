// Store selection and first-run loading, shared by the CLI and the API: openStore() picks Neo4j, memory or the
// embedded LadybugDB store from the environment; ensureLoaded() loads the shipped dataset only when needed.
import { InvalidInputError } from '../domain/errors.ts';
import type { Dataset } from '../domain/model.ts';
import { MIN_CYPHER_MEMORY_BYTES } from './cypher-sandbox.ts';
import { defaultDbPath, openEmbeddedStore } from './embedded.ts';
import { MemoryStore } from './memory.ts';
import type { GraphStore, LoadReport, StoreKind } from './port.ts';

export type { GraphStore, LoadReport, StoreKind } from './port.ts';
export { MemoryStore } from './memory.ts';
export { EmbeddedStore, openEmbeddedStore, defaultDbPath } from './embedded.ts';

export type Env = Record<string, string | undefined>;

export interface OpenStoreOptions {
  env?: Env;
  /** Overrides the environment's choice. */
  kind?: StoreKind;
  /** The embedded database file (default CHOKEPOINT_DB, else `<repo>/.chokepoint/db`). */
  location?: string;
  /** Told when the embedded open waits for a server that is still loading the store. */
  onWait?: (message: string) => void;
}

const STORE_KINDS: readonly StoreKind[] = ['memory', 'embedded', 'neo4j'];

/**
 * The store the environment asks for: `NEO4J_URI` set -> Neo4j; `CHOKEPOINT_STORE=memory` -> memory; else the
 * embedded LadybugDB store. `CHOKEPOINT_STORE=embedded|neo4j` also select explicitly.
 */
export function storeKindFromEnv(env: Env): StoreKind {
  const wanted = env.CHOKEPOINT_STORE?.trim().toLowerCase();
  if (wanted) {
    if (!(STORE_KINDS as readonly string[]).includes(wanted)) {
      throw new InvalidInputError(`CHOKEPOINT_STORE="${env.CHOKEPOINT_STORE}" is not a store; use one of ${STORE_KINDS.join(', ')}`, [
        { field: 'CHOKEPOINT_STORE', message: `expected ${STORE_KINDS.join(' | ')}` },
      ]);
    }
    if (wanted !== 'neo4j' || env.NEO4J_URI) return wanted as StoreKind;
    throw new InvalidInputError('CHOKEPOINT_STORE=neo4j needs NEO4J_URI (e.g. bolt://localhost:7687)', [
      { field: 'NEO4J_URI', message: 'not set' },
    ]);
  }
  return env.NEO4J_URI ? 'neo4j' : 'embedded';
}

export async function openStore(options: OpenStoreOptions = {}): Promise<GraphStore> {
  const env = options.env ?? process.env;
  const kind = options.kind ?? storeKindFromEnv(env);
  switch (kind) {
    case 'memory':
      return new MemoryStore();
    case 'embedded': {
      const cypherMemoryBytes = cypherMemoryFromEnv(env);
      return openEmbeddedStore({
        path: options.location ?? defaultDbPath(env),
        ...(cypherMemoryBytes ? { cypherMemoryBytes } : {}),
        ...(options.onWait ? { onWait: options.onWait } : {}),
      });
    }
    case 'neo4j':
      return openNeo4j(env);
  }
}

/**
 * CHOKEPOINT_CYPHER_MEMORY_MB: the memory limit of the embedded store's Cypher sandbox in MiB (undefined: the
 * default, an eighth of the memory available, a container's limit included, between 256 MiB and 1 GiB).
 */
export function cypherMemoryFromEnv(env: Env): number | undefined {
  const raw = env.CHOKEPOINT_CYPHER_MEMORY_MB?.trim();
  if (!raw) return undefined;
  const mib = Number(raw);
  const min = MIN_CYPHER_MEMORY_BYTES / 2 ** 20;
  if (!/^\d+$/.test(raw) || mib < min) {
    throw new InvalidInputError(`CHOKEPOINT_CYPHER_MEMORY_MB="${raw}" must be a whole number of MiB, at least ${min}`, [
      { field: 'CHOKEPOINT_CYPHER_MEMORY_MB', message: `an integer >= ${min}` },
    ]);
  }
  return mib * 2 ** 20;
}

/** Imports the Neo4j store lazily: neo4j-driver loads only when a Neo4j is configured. */
async function openNeo4j(env: Env): Promise<GraphStore> {
  const { openNeo4jStore } = await import('./neo4j.ts');
  return openNeo4jStore(env);
}

export interface EnsureLoadedResult {
  loaded: boolean;
  report?: LoadReport;
}

/**
 * Loads `dataset` when the store is empty or holds another dataset; reuses it when it holds this one, including
 * with the user's imports on top (versions `<dataset.version>+<digest>`, written by `chokepoint import`).
 * A new shipped dataset replaces the stored one, imports included: the message says so.
 */
export async function ensureLoaded(
  store: GraphStore,
  dataset: Dataset,
  onProgress?: (message: string) => void,
): Promise<EnsureLoadedResult> {
  const stored = await store.datasetVersion();
  if (stored === dataset.version || stored?.startsWith(`${dataset.version}+`)) return { loaded: false };
  const why =
    stored === undefined
      ? 'the store is empty'
      : `the store holds dataset ${stored}${stored.includes('+') ? ' (with imported records, which are replaced: import them again)' : ''}`;
  onProgress?.(`Loading dataset ${dataset.version} into the ${store.kind} store (${store.location}): ${why}.`);
  const report = await store.replaceDataset(dataset);
  onProgress?.(
    `Loaded ${report.nodes} nodes, ${report.flows} flows and ${report.links} links in ${Math.round(report.ms)} ms.`,
  );
  return { loaded: true, report };
}
