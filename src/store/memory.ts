// The in-memory GraphStore: holds one Dataset in the process (tests, CHOKEPOINT_STORE=memory, quick runs).
// Writes are atomic by construction: records are checked and the next dataset is built aside, then swapped in.
import { StoreError, UnsupportedError } from '../domain/errors.ts';
import { countDataset, type Dataset, type DatasetCounts, type NodeKind, type SupplyNode } from '../domain/model.ts';
import type { CypherResult, GraphStore, LoadReport } from './port.ts';
import { checkRecords, linkKey, sortDataset } from './records.ts';

export interface MemoryStoreOptions {
  /** A dataset to start with (checked like replaceDataset). */
  dataset?: Dataset;
  /**
   * Called after the next dataset is built and before it is swapped in; throwing aborts the write and leaves the
   * stored dataset untouched. Tests use it to prove atomicity, as they do on the embedded store.
   */
  onBeforeCommit?: () => void | Promise<void>;
}

export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  readonly location = 'memory';
  private data: Dataset | undefined;
  private byId = new Map<string, SupplyNode>();
  private closed = false;
  private readonly onBeforeCommit: MemoryStoreOptions['onBeforeCommit'];

  constructor(options: MemoryStoreOptions = {}) {
    this.onBeforeCommit = options.onBeforeCommit;
    if (options.dataset) {
      checkRecords('MemoryStore', options.dataset);
      this.swap(sortDataset(structuredClone(options.dataset)));
    }
  }

  async replaceDataset(dataset: Dataset): Promise<LoadReport> {
    this.assertOpen('replaceDataset');
    const started = performance.now();
    checkRecords('replaceDataset', dataset);
    // A deep copy: the caller may go on mutating its objects, the store must not change with them.
    const next = sortDataset(structuredClone(dataset));
    await this.onBeforeCommit?.();
    this.swap(next);
    return { nodes: next.nodes.length, flows: next.flows.length, links: next.links.length, ms: performance.now() - started };
  }

  async mergeRecords(patch: Omit<Dataset, 'version'>, newVersion: string): Promise<LoadReport> {
    this.assertOpen('mergeRecords');
    const started = performance.now();
    const base = this.data ?? { version: newVersion, nodes: [], flows: [], links: [] };
    checkRecords('mergeRecords', patch, new Map<string, NodeKind>(base.nodes.map((n) => [n.id, n.kind])));
    const copy = structuredClone({ nodes: patch.nodes, flows: patch.flows, links: patch.links });
    const nodes = new Map(base.nodes.map((n) => [n.id, n]));
    for (const node of copy.nodes) nodes.set(node.id, node);
    const flows = new Map(base.flows.map((f) => [f.id, f]));
    for (const flow of copy.flows) flows.set(flow.id, flow);
    // A patch link replaces every stored link of its key (see linkKey); links outside the patch's keys stay.
    const patchKeys = new Set(copy.links.map(linkKey));
    const links = [...base.links.filter((l) => !patchKeys.has(linkKey(l))), ...copy.links];
    const next = sortDataset({ version: newVersion, nodes: [...nodes.values()], flows: [...flows.values()], links });
    await this.onBeforeCommit?.();
    this.swap(next);
    return { nodes: copy.nodes.length, flows: copy.flows.length, links: copy.links.length, ms: performance.now() - started };
  }

  async readDataset(): Promise<Dataset | undefined> {
    this.assertOpen('readDataset');
    return this.data && structuredClone(this.data);
  }

  async datasetVersion(): Promise<string | undefined> {
    this.assertOpen('datasetVersion');
    return this.data?.version;
  }

  async getNode(id: string): Promise<SupplyNode | undefined> {
    this.assertOpen('getNode');
    const node = this.byId.get(id);
    return node && structuredClone(node);
  }

  async counts(): Promise<DatasetCounts> {
    this.assertOpen('counts');
    return countDataset(this.data ?? { nodes: [], flows: [], links: [] });
  }

  async cypherRead(): Promise<CypherResult> {
    this.assertOpen('cypherRead');
    throw new UnsupportedError(
      'cypher: the memory store has no query language; use the embedded store (unset CHOKEPOINT_STORE, the default) ' +
        'or Neo4j (set NEO4J_URI)',
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    this.data = undefined;
    this.byId = new Map();
  }

  private swap(next: Dataset): void {
    this.data = next;
    this.byId = new Map(next.nodes.map((n) => [n.id, n]));
  }

  private assertOpen(operation: string): void {
    if (this.closed) throw new StoreError(`memory store: ${operation} after close(); open a new store`);
  }
}
