// The API's analysis context: the SupplyGraph built once from `store.readDataset()` and the results derived from it,
// kept per dataset version so requests never re-read the store; a new version (or invalidate()) starts a new snapshot,
// which drops every cached result with the old one.
import { LRUCache } from 'lru-cache';
import { buildSupplyGraph, type SupplyGraph } from '../domain/graph.ts';
import { ChokepointError, StoreError } from '../domain/errors.ts';
import type { GraphStore } from '../store/port.ts';
import { HttpError } from './errors.ts';

export interface Snapshot {
  version: string;
  graph: SupplyGraph;
  /** Serialised results keyed by canonical request (LRU bounded), e.g. impact responses: same request, same bytes. */
  responses: LRUCache<string, string>;
  /** Values derived once per version (mineral summaries, the full chokepoint ranking ...). */
  memo: Map<string, unknown>;
}

export interface ContextOptions {
  /** How long a checked dataset version is trusted before asking the store again (ms). */
  versionCheckMs?: number;
  /** Maximum serialised responses kept per snapshot. */
  cacheEntries?: number;
}

export const DEFAULT_CONTEXT_OPTIONS: Required<ContextOptions> = { versionCheckMs: 2000, cacheEntries: 500 };

export class AnalysisContext {
  private snapshot: Snapshot | undefined;
  private building: Promise<Snapshot> | undefined;
  private checking: Promise<string | undefined> | undefined;
  private checkedAt = 0;
  private generation = 0;
  private readonly options: Required<ContextOptions>;

  constructor(
    private readonly store: GraphStore,
    options: ContextOptions = {},
  ) {
    this.options = { ...DEFAULT_CONTEXT_OPTIONS, ...options };
  }

  /** The current snapshot; rebuilt (once, however many requests wait) when the store's dataset version changed. */
  async current(): Promise<Snapshot> {
    const now = Date.now();
    if (this.snapshot && now - this.checkedAt < this.options.versionCheckMs) return this.snapshot;
    const version = await this.storeVersion();
    if (this.snapshot && this.snapshot.version === version) {
      this.checkedAt = Date.now();
      return this.snapshot;
    }
    return this.rebuild();
  }

  /** Forgets the snapshot: the next request re-reads the store (call after loading new data). */
  invalidate(): void {
    this.snapshot = undefined;
    this.building = undefined;
    this.checkedAt = 0;
    this.generation++;
  }

  /** Memoises `compute` on the snapshot: computed once per dataset version. */
  static memo<T>(snapshot: Snapshot, key: string, compute: () => T): T {
    if (snapshot.memo.has(key)) return snapshot.memo.get(key) as T;
    const value = compute();
    snapshot.memo.set(key, value);
    return value;
  }

  private storeVersion(): Promise<string | undefined> {
    // One version query in flight at a time: under load, requests share it instead of queueing on the store.
    this.checking ??= this.store.datasetVersion().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private rebuild(): Promise<Snapshot> {
    if (this.building) return this.building;
    const generation = this.generation;
    const building = (async () => {
      const dataset = await this.store.readDataset();
      if (!dataset) {
        throw new HttpError(
          503,
          'EMPTY_STORE',
          `the ${this.store.kind} store at ${this.store.location} holds no dataset; \`npx chokepoint stats\` (any command) or \`npx chokepoint start\` loads the shipped one`,
        );
      }
      let graph: SupplyGraph;
      try {
        graph = buildSupplyGraph(dataset);
      } catch (error) {
        // A stored dataset that does not form a graph is the store's fault, not the request's (no 400).
        throw new StoreError(
          `the stored dataset ${dataset.version} does not form a graph: ${(error as Error).message}; reload it`,
          error instanceof ChokepointError ? error.details : undefined,
        );
      }
      const snapshot: Snapshot = {
        version: dataset.version,
        graph,
        responses: new LRUCache<string, string>({ max: this.options.cacheEntries }),
        memo: new Map(),
      };
      // An invalidate() during the read means the data changed under us: don't keep the stale result.
      if (generation === this.generation) {
        this.snapshot = snapshot;
        this.checkedAt = Date.now();
      }
      return snapshot;
    })().finally(() => {
      if (this.building === building) this.building = undefined;
    });
    this.building = building;
    return building;
  }
}
