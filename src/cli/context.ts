// What every CLI command shares: the configured store (opened and loaded once), the typed graph, and output
// helpers that print either stable JSON (--json) or a readable table.
import Table from 'cli-table3';
import { InvalidInputError } from '../domain/errors.ts';
import { buildSupplyGraph, type BuildGraphOptions, type SupplyGraph } from '../domain/graph.ts';
import type { Dataset } from '../domain/model.ts';
import { readShippedDataset } from '../data/index.ts';
import { ensureLoaded, openStore } from '../store/index.ts';
import type { GraphStore } from '../store/port.ts';
import type { CliDeps } from './run.ts';

export class CliContext {
  private storePromise: Promise<GraphStore> | undefined;
  private datasetCache: Dataset | undefined;
  readonly deps: CliDeps;

  constructor(deps: CliDeps) {
    this.deps = deps;
  }

  /** Progress and notes go to stderr so that stdout stays machine-readable. */
  note(message: string): void {
    this.deps.stderr.write(`${message}\n`);
  }

  /** The configured store, loaded with the shipped dataset on first use (later runs reuse it). */
  store(): Promise<GraphStore> {
    this.storePromise ??= (async () => {
      const store = await openStore({ env: this.deps.env, onWait: (message) => this.note(message) });
      const shipped = await readShippedDataset();
      // The memory store starts empty every run: loading it is routine, not news.
      const progress = store.kind === 'memory' ? undefined : (message: string) => this.note(message);
      const result = await ensureLoaded(store, shipped, progress);
      if (result.loaded && progress) this.note(`Loaded the shipped dataset ${shipped.version} into the ${store.kind} store (${store.location}).`);
      return store;
    })();
    return this.storePromise;
  }

  async dataset(): Promise<Dataset> {
    if (this.datasetCache) return this.datasetCache;
    const dataset = await (await this.store()).readDataset();
    if (!dataset) throw new Error('the store is empty after loading; run `chokepoint data build` and try again');
    this.datasetCache = dataset;
    return dataset;
  }

  async graph(options: BuildGraphOptions = {}): Promise<SupplyGraph> {
    return buildSupplyGraph(await this.dataset(), options);
  }

  /** Forgets the cached dataset, after a command changed the store. */
  invalidate(): void {
    this.datasetCache = undefined;
  }

  out(text: string): void {
    this.deps.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  json(value: unknown): void {
    this.out(JSON.stringify(value, null, 2));
  }

  table(head: string[], rows: Array<Array<string | number | null | undefined>>): void {
    const table = new Table({ head, style: { head: [], border: [] } });
    for (const row of rows) table.push(row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))));
    this.out(table.toString());
  }

  async close(): Promise<void> {
    if (this.storePromise) await (await this.storePromise.catch(() => undefined))?.close();
    this.storePromise = undefined;
  }
}

/** A commander parser for whole-number options: `--year 2024`; anything else is a clear input error. */
export const int = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidInputError(`--${name} must be a whole number, got "${value}"`);
  return n;
};

export function pct(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || Number.isNaN(share) ? '' : `${(share * 100).toFixed(digits)}%`;
}

export function num(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined ? '' : value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
