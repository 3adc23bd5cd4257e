// The GraphStore port: what every store (memory, embedded LadybugDB, Neo4j) offers the CLI and the API.
// Analyses never query a store directly: they run on the typed graph built from `readDataset()`.
import type { Dataset, DatasetCounts, SupplyNode } from '../domain/model.ts';

export type StoreKind = 'memory' | 'embedded' | 'neo4j';

export interface LoadReport {
  nodes: number;
  flows: number;
  links: number;
  /** Milliseconds the load took. */
  ms: number;
}

export interface CypherOptions {
  params?: Record<string, unknown>;
  /** Stop after this many rows (default 1,000). */
  limit?: number;
  /** Abort after this many milliseconds (default 30,000). */
  timeoutMs?: number;
  /**
   * The caller's interest: once aborted (the HTTP request ended or timed out), a query still waiting is dropped
   * without running and a running one is stopped.
   */
  signal?: AbortSignal;
}

export interface CypherResult {
  columns: string[];
  rows: Record<string, unknown>[];
  /** True when the row limit cut the result. */
  truncated: boolean;
}

export interface GraphStore {
  readonly kind: StoreKind;
  /** A human-readable location: a directory, a URI, "memory". */
  readonly location: string;

  /** Replaces the whole stored dataset with `dataset`, atomically: on failure the previous data is intact. */
  replaceDataset(dataset: Dataset): Promise<LoadReport>;

  /**
   * Adds or updates the records of `patch` (merge by id; flows by id; links by type+from+to), atomically.
   * Callers validate the patch against the stored dataset first; the store still refuses dangling flows.
   */
  mergeRecords(patch: Omit<Dataset, 'version'>, newVersion: string): Promise<LoadReport>;

  /** The whole stored dataset; `undefined` when the store is empty. */
  readDataset(): Promise<Dataset | undefined>;

  /** The stored dataset version, or undefined when empty. Cheap: used to decide whether to (re)load. */
  datasetVersion(): Promise<string | undefined>;

  getNode(id: string): Promise<SupplyNode | undefined>;

  counts(): Promise<DatasetCounts>;

  /**
   * Runs a read-only query in the store's own query language (Cypher). Writes are refused with ReadOnlyError.
   * Stores without a query language throw UnsupportedError.
   */
  cypherRead(query: string, options?: CypherOptions): Promise<CypherResult>;

  /** Releases files, connections and drivers. Idempotent. */
  close(): Promise<void>;
}
