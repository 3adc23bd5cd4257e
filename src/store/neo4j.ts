// The Neo4j GraphStore (neo4j-driver 6, Neo4j 5 Community or Aura): same labels, columns and `props` as the
// embedded store (records.ts), written in batches and switched atomically by load generation.
//
// Loading (replaceDataset, mergeRecords), why and how: one transaction per few thousand rows keeps a large load
// within the server's transaction memory, but then no single transaction holds the whole dataset. So every load
// writes a new *generation* beside the live one: nodes are MERGEd on (id, generation) (a composite uniqueness
// constraint, graph/schema.cypher), relationships on a load key between nodes of that generation, each batch
// idempotent so a retried batch writes nothing twice. Only when every batch has committed does one small
// transaction flip `(:Meta {key: 'generation'})` (and `version`) to the new generation; readers (readDataset,
// getNode, counts) select nodes of the live generation inside one read transaction, so they see the old dataset
// or the new one, whole. Stale generations are then deleted in batches. A load that fails before the flip
// leaves the live generation untouched and deletes its own partial generation (or the next load does). A
// `(:Meta {key: 'loading'})` lock keeps two loaders from deleting each other's generations. Ad-hoc Cypher sees
// both generations while a load is running: the query library is meant for a loaded, idle database.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import {
  ChokepointError,
  InvalidInputError,
  ReadOnlyError,
  StoreError,
  UnprocessableError,
  type InputProblem,
} from '../domain/errors.ts';
import { LINK_TYPES, nodeKindOf, type Dataset, type DatasetCounts, type FlowRecord, type LinkRecord, type SupplyNode } from '../domain/model.ts';
import { assertReadOnlyCypher, tokenizeCypher } from './cypher-guard.ts';
import { assertNeo4jReadOnly } from './cypher-guard-neo4j.ts';
import { SCHEMA_FILE, splitCypherStatements } from './cypher-library.ts';
import { driverRunner, type GdsRunner } from './gds.ts';
import { fromNeo4j, integerToNumber, rowToNeo4j, toNeo4jInt, toNeo4jParams } from './neo4j-values.ts';
import type { CypherOptions, CypherResult, GraphStore, LoadReport } from './port.ts';
import {
  META_LABEL,
  META_VERSION_KEY,
  NODE_COLUMNS,
  NODE_LABELS,
  REL_COLUMNS,
  SCHEMA_MIGRATIONS,
  SCHEMA_VERSION,
  migratedFlowValue,
  checkRecords,
  flowToRel,
  labelOf,
  linkKey,
  linkToRel,
  nodeToRow,
  recordFromProps,
  sortDataset,
  type NodeLabel,
  type RelRow,
  type RelType,
} from './records.ts';

export type Env = Record<string, string | undefined>;

export interface Neo4jStoreOptions {
  /** bolt://, bolt+s://, neo4j://, neo4j+s:// (Aura) ... */
  uri: string;
  user: string;
  password: string;
  /** The database to use; the server's default database when absent. */
  database?: string;
  /** Rows per write transaction (default DEFAULT_NEO4J_BATCH_SIZE). */
  batchSize?: number;
  /** Called after every batch committed and before the flip; throwing abandons the load. Tests use it. */
  onBeforeCommit?: () => void | Promise<void>;
  /** The schema script applied on open (default graph/schema.cypher). */
  schemaFile?: string;
  /** A lock older than this is taken over (default one hour): its loader died. */
  staleLockMs?: number;
}

/** Rows per write transaction: far below Neo4j's default transaction memory, few round trips for ~20k records. */
export const DEFAULT_NEO4J_BATCH_SIZE = 2000;
export const DEFAULT_CYPHER_LIMIT = 1000;
export const DEFAULT_CYPHER_TIMEOUT_MS = 30_000;
const GENERATION_KEY = 'generation';
const LOADING_KEY = 'loading';
const SCHEMA_KEY = 'schema';
const URI_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

/** Store options from NEO4J_URI, NEO4J_USER (default "neo4j"), NEO4J_PASSWORD and NEO4J_DATABASE (optional). */
export function neo4jOptionsFromEnv(env: Env): Neo4jStoreOptions {
  const problems: InputProblem[] = [];
  const uri = env.NEO4J_URI?.trim() ?? '';
  const scheme = /^([a-z0-9+]+):\/\//i.exec(uri)?.[1]?.toLowerCase();
  if (!uri) problems.push({ field: 'NEO4J_URI', message: 'not set; e.g. bolt://localhost:7687 or neo4j+s://<id>.databases.neo4j.io' });
  else if (!scheme || !URI_SCHEMES.includes(scheme)) {
    problems.push({ field: 'NEO4J_URI', message: `"${uri}" is not a Neo4j URI; use one of ${URI_SCHEMES.map((s) => `${s}://`).join(', ')}` });
  }
  const password = env.NEO4J_PASSWORD ?? '';
  if (!password) problems.push({ field: 'NEO4J_PASSWORD', message: 'not set; the password of NEO4J_USER (docker compose uses NEO4J_AUTH=neo4j/<password>)' });
  if (problems.length) {
    throw new InvalidInputError(`Neo4j store: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }
  const database = env.NEO4J_DATABASE?.trim();
  return { uri, user: env.NEO4J_USER?.trim() || 'neo4j', password, ...(database ? { database } : {}) };
}

/** Opens the Neo4j store the environment names, checks the connection and applies graph/schema.cypher. */
export async function openNeo4jStore(env: Env = process.env): Promise<Neo4jStore> {
  const store = new Neo4jStore(neo4jOptionsFromEnv(env));
  try {
    await store.init();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * The typed error for a failed user query, by Neo4j status code: refused access mode -> ReadOnlyError, timeout and
 * the server's memory guards (db.memory.transaction.max per transaction, dbms.memory.transaction.total.max, the
 * heap) -> UnprocessableError (422), a bad query -> InvalidInputError; undefined for the store's own failures.
 */
export function neo4jCypherError(error: unknown, timeoutMs: number): ChokepointError | undefined {
  if (error instanceof ChokepointError) return error;
  const code = errorCode(error);
  const text = errorText(error);
  if (/Statement\.AccessMode|Forbidden/.test(code)) return new ReadOnlyError(`cypher: refused by Neo4j: ${text}`);
  if (/TransactionTimedOut|Transaction\.Terminated|LockClient\.Stopped/.test(code)) {
    return new UnprocessableError(`cypher: stopped after the ${timeoutMs} ms timeout; narrow the MATCH, add a LIMIT or raise the timeout`);
  }
  if (/\.General\.(TransactionOutOfMemoryError|MemoryPoolOutOfMemoryError|OutOfMemoryError)$/.test(code)) {
    return new UnprocessableError(
      `cypher: the query needs more memory than the Neo4j server allows (${text}); narrow the MATCH, add a LIMIT, or ` +
        'avoid building huge lists (range(), collect())',
    );
  }
  if (/^Neo\.ClientError\.(Statement|Procedure|Schema)\./.test(code)) return new InvalidInputError(`cypher: ${text}`, [{ field: 'query', message: text }]);
  return undefined;
}

/** Runs tasks one at a time (this process's loads). */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const errorCode = (error: unknown): string => (error as { code?: unknown })?.code?.toString() ?? '';
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Nodes of one generation, by label: the label expression every reader starts from. */
const ANY_NODE = NODE_LABELS.join('|');

/**
 * Every Cypher statement the store sends (the per-label ones as builders), exported so test/neo4j lints each with
 * Neo4j's own parser against the project schema, the way the query library is linted.
 */
export const NEO4J_STATEMENTS = {
  /** On open: records the schema version once, returns the stored one. */
  schemaVersion: `MERGE (m:${META_LABEL} {key: $key}) ON CREATE SET m.value = $value RETURN m.value AS value`,
  /** Migration (records.ts SCHEMA_MIGRATIONS): the flows whose record holds a field that became a typed column. */
  migrationFlows: `MATCH ()-[e:FLOW]->() WHERE e.props CONTAINS $needle RETURN elementId(e) AS id, e.props AS props`,
  /** Migration: one batch of a new FLOW column's values, read from each record's props. */
  migrationFill: (column: string): string => `UNWIND $rows AS r MATCH ()-[e:FLOW]->() WHERE elementId(e) = r.id SET e.${column} = r.value`,
  migrationDone: `MATCH (m:${META_LABEL} {key: $key}) SET m.value = $value`,
  /** Load step 1: take the loading lock, or take over one older than $staleMs; returns who holds it. */
  takeLock: `MERGE (lock:${META_LABEL} {key: $loading})
ON CREATE SET lock.value = $generation, lock.since = timestamp()
WITH lock, lock.value <> $generation AND timestamp() - lock.since > $staleMs AS stale
FOREACH (_ IN CASE WHEN stale THEN [1] ELSE [] END | SET lock.value = $generation, lock.since = timestamp())
RETURN lock.value AS holder, lock.since AS since`,
  releaseLock: `MATCH (lock:${META_LABEL} {key: $loading}) WHERE lock.value = $generation DELETE lock`,
  /** Load step 2: one batch of nodes of one label, MERGEd on (id, generation) so a retried batch writes nothing twice. */
  writeNodes: (label: NodeLabel): string =>
    `UNWIND $rows AS r MERGE (n:${label} {id: r.id, generation: $generation}) SET n = r, n.generation = $generation`,
  /** Load step 2: one batch of relationships of one (type, from label, to label), MERGEd on loadKey; counts them. */
  writeRels: (type: RelType, from: NodeLabel, to: NodeLabel): string =>
    `UNWIND $rows AS r MATCH (a:${from} {id: r.from, generation: $generation}) MATCH (b:${to} {id: r.to, generation: $generation}) ` +
    `MERGE (a)-[e:${type} {loadKey: r.loadKey}]->(b) SET e = r.cols, e.loadKey = r.loadKey RETURN count(e) AS n`,
  /** Load step 3, the switch: only while this load holds the lock; returns 1 when it flipped. */
  flip: `MATCH (lock:${META_LABEL} {key: $loading}) WHERE lock.value = $generation
MERGE (g:${META_LABEL} {key: $generationKey}) SET g.value = $generation
MERGE (v:${META_LABEL} {key: $versionKey}) SET v.value = $version
DELETE lock
RETURN count(*) AS flipped`,
  /** Load step 4 (and abandoned loads): delete a generation, $batch nodes per transaction. */
  deleteGeneration: (label: NodeLabel): string =>
    `MATCH (n:${label}) WHERE n.generation = $generation WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n`,
  deleteOtherGenerations: (label: NodeLabel): string =>
    `MATCH (n:${label}) WHERE n.generation IS NULL OR n.generation <> $generation WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS n`,
  /** Readers: the live generation and dataset version (both null when the store is empty). */
  live: `OPTIONAL MATCH (g:${META_LABEL} {key: $generationKey}) OPTIONAL MATCH (v:${META_LABEL} {key: $versionKey})
RETURN g.value AS generation, v.value AS version`,
  readNodes: `MATCH (n:${ANY_NODE}) WHERE n.generation = $generation RETURN n.props AS props`,
  readFlows: `MATCH (a:${ANY_NODE})-[e:FLOW]->() WHERE a.generation = $generation RETURN e.props AS props`,
  readLinks: `MATCH (a:${ANY_NODE})-[e:${LINK_TYPES.join('|')}]->() WHERE a.generation = $generation RETURN e.props AS props`,
  getNode: (label: NodeLabel): string => `MATCH (n:${label} {id: $id, generation: $generation}) RETURN n.props AS props`,
  // Same rules as countDataset: aggregate consumers (country:ROW) are not countries.
  countMinerals: 'MATCH (n:Mineral) WHERE n.generation = $generation RETURN count(n) AS n',
  countCountries: 'MATCH (n:Country) WHERE n.generation = $generation AND NOT coalesce(n.aggregate, false) RETURN count(n) AS n',
  countMines: 'MATCH (n:Mine) WHERE n.generation = $generation RETURN count(n) AS n',
  countRefiners: 'MATCH (n:Refiner) WHERE n.generation = $generation RETURN count(n) AS n',
  countFlows: `MATCH (a:${ANY_NODE})-[e:FLOW]->() WHERE a.generation = $generation RETURN count(e) AS n`,
  countSources: `MATCH (n:${ANY_NODE}) WHERE n.generation = $generation RETURN DISTINCT n.source AS s
UNION
MATCH (a:${ANY_NODE})-[e]->() WHERE a.generation = $generation RETURN DISTINCT e.source AS s`,
} as const;

/** Keys of the loader's row maps (`r.from`, `r.to`, `r.cols`): not stored properties, but read like them. */
export const NEO4J_ROW_KEYS = ['from', 'to', 'cols'] as const;

/** The Meta keys the statements use: the live generation, the loading lock, the schema version. */
export const NEO4J_META_KEYS = { generation: GENERATION_KEY, loading: LOADING_KEY, schema: SCHEMA_KEY } as const;

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  readonly location: string;
  private readonly options: Neo4jStoreOptions & { batchSize: number; staleLockMs: number };
  private driver: Driver | undefined;
  private opening: Promise<void> | undefined;
  private closed = false;
  private readonly writes = new SerialQueue();

  constructor(options: Neo4jStoreOptions) {
    const batchSize = options.batchSize ?? DEFAULT_NEO4J_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidInputError(`Neo4j store: batchSize must be a positive integer, got ${batchSize}`);
    this.options = { ...options, batchSize, staleLockMs: options.staleLockMs ?? 3_600_000 };
    // Never the credentials: the location is printed by the CLI.
    this.location = `${options.uri.replace(/\/\/[^@/]*@/, '//')}${options.database ? ` (database ${options.database})` : ''}`;
  }

  /** Connects, verifies the server answers and applies the schema. Optional: every operation opens on first use. */
  init(): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async open(): Promise<void> {
    const driver = neo4j.driver(this.options.uri, neo4j.auth.basic(this.options.user, this.options.password), {
      // Integers come back as the driver's lossless Integer; neo4j-values.ts converts them explicitly.
      disableLosslessIntegers: false,
      useBigInt: false,
      userAgent: 'chokepoint',
      connectionAcquisitionTimeout: 30_000,
    });
    this.driver = driver;
    try {
      await driver.verifyConnectivity(this.options.database ? { database: this.options.database } : {});
      await this.applySchema();
    } catch (error) {
      this.driver = undefined;
      await driver.close().catch(() => undefined);
      throw this.storeError('open', error);
    }
  }

  /** Applies graph/schema.cypher (idempotent statements, each auto-committed: schema and data never share a transaction). */
  private async applySchema(): Promise<void> {
    const statements = splitCypherStatements(await readFile(this.options.schemaFile ?? SCHEMA_FILE, 'utf8'));
    const session = this.session('WRITE');
    try {
      for (const statement of statements) await session.run(statement);
      const result = await session.executeWrite((tx) =>
        tx.run(NEO4J_STATEMENTS.schemaVersion, { key: SCHEMA_KEY, value: SCHEMA_VERSION }),
      );
      let stored = result.records[0]?.get('value');
      // An older schema with a migration step (records.ts SCHEMA_MIGRATIONS) is brought up to date in place: Neo4j
      // needs no DDL for a new property, only its values, read from each record's props. (Not run against a server
      // here: no Neo4j can run on the build machine; test/neo4j lints these statements with Neo4j's parser.)
      while (typeof stored === 'string' && stored !== SCHEMA_VERSION && SCHEMA_MIGRATIONS[stored]) {
        const step = SCHEMA_MIGRATIONS[stored]!;
        await session.executeWrite(async (tx) => {
          for (const column of step.flowColumns) {
            const found = await tx.run(NEO4J_STATEMENTS.migrationFlows, { needle: `"${column.name}":` });
            const rows = found.records
              .map((r) => ({ id: String(r.get('id')), value: migratedFlowValue(r.get('props'), column.name) }))
              .filter((r) => r.value !== null);
            for (let i = 0; i < rows.length; i += 5000) await tx.run(NEO4J_STATEMENTS.migrationFill(column.name), { rows: rows.slice(i, i + 5000) });
          }
          await tx.run(NEO4J_STATEMENTS.migrationDone, { key: SCHEMA_KEY, value: step.to });
        });
        stored = step.to;
      }
      if (stored !== SCHEMA_VERSION) {
        throw new StoreError(
          `Neo4j ${this.location} holds Chokepoint schema version ${JSON.stringify(stored)}, this Chokepoint expects ` +
            `${SCHEMA_VERSION}; remove Chokepoint's data (MATCH (n) WHERE n:${NODE_LABELS.join(' OR n:')} OR n:${META_LABEL} ` +
            'DETACH DELETE n) and start again: the shipped dataset is reloaded',
        );
      }
    } finally {
      await session.close();
    }
  }

  private session(mode: 'READ' | 'WRITE', fetchSize?: number): Session {
    if (!this.driver || this.closed) throw this.closedError();
    return this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.options.database ? { database: this.options.database } : {}),
      ...(fetchSize ? { fetchSize } : {}),
    });
  }

  async replaceDataset(dataset: Dataset): Promise<LoadReport> {
    checkRecords('replaceDataset', dataset);
    await this.init();
    const started = performance.now();
    await this.writes.run(() => this.load(dataset, 'replaceDataset'));
    return { nodes: dataset.nodes.length, flows: dataset.flows.length, links: dataset.links.length, ms: performance.now() - started };
  }

  /**
   * Upserts by reloading: the stored dataset with the patch applied (nodes and flows by id, links by linkKey) is
   * written as a new generation, so a merge is as atomic as a replace. Costs a full load; datasets here are small.
   */
  async mergeRecords(patch: Omit<Dataset, 'version'>, newVersion: string): Promise<LoadReport> {
    await this.init();
    const started = performance.now();
    await this.writes.run(async () => {
      const base = (await this.readDataset()) ?? { version: newVersion, nodes: [], flows: [], links: [] };
      checkRecords('mergeRecords', patch, new Map(base.nodes.map((n) => [n.id, n.kind])));
      const nodes = new Map(base.nodes.map((n) => [n.id, n]));
      for (const node of patch.nodes) nodes.set(node.id, node);
      const flows = new Map(base.flows.map((f) => [f.id, f]));
      for (const flow of patch.flows) flows.set(flow.id, flow);
      const patchKeys = new Set(patch.links.map(linkKey));
      const links = [...base.links.filter((l) => !patchKeys.has(linkKey(l))), ...patch.links];
      await this.load({ version: newVersion, nodes: [...nodes.values()], flows: [...flows.values()], links }, 'mergeRecords');
    });
    return { nodes: patch.nodes.length, flows: patch.flows.length, links: patch.links.length, ms: performance.now() - started };
  }

  /** Writes `dataset` as a new generation, flips to it, deletes the others. See the header comment. */
  private async load(dataset: Dataset, operation: string): Promise<void> {
    const generation = `${dataset.version}@${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
    await this.takeLock(generation, operation);
    let flipped = false;
    try {
      const labels = new Map(dataset.nodes.map((n) => [n.id, labelOf(n.kind)]));
      await this.writeNodes(dataset.nodes, generation);
      await this.writeRels([...dataset.flows.map(flowToRel), ...dataset.links.map(linkToRel)], labels, generation);
      await this.options.onBeforeCommit?.();
      await this.write((tx) =>
        tx.run(NEO4J_STATEMENTS.flip, {
          loading: LOADING_KEY,
          generationKey: GENERATION_KEY,
          versionKey: META_VERSION_KEY,
          generation,
          version: dataset.version,
        }),
      ).then((result) => {
        if (integerToNumber(result.records[0]?.get('flipped') ?? 0, 'flip') !== 1) {
          throw new StoreError(`${operation}: the load lock was taken over by another loader before the switch; nothing changed, try again`);
        }
      });
      flipped = true;
      await this.deleteGenerationsExcept(generation);
    } catch (error) {
      if (!flipped) {
        await this.deleteGeneration(generation).catch(() => undefined);
        await this.releaseLock(generation).catch(() => undefined);
        throw this.storeError(`${operation} (abandoned before the switch, the previous data is intact)`, error);
      }
      // The new dataset is live; only the clean-up failed, and the next load repeats it.
      throw this.storeError(`${operation} (the new dataset is live; deleting the old one failed, the next load retries)`, error);
    }
  }

  /** Takes the `(:Meta {key: 'loading'})` lock for `generation`, or refuses while another live loader holds it. */
  private async takeLock(generation: string, operation: string): Promise<void> {
    const result = await this.write((tx) =>
      tx.run(NEO4J_STATEMENTS.takeLock, { loading: LOADING_KEY, generation, staleMs: toNeo4jInt(this.options.staleLockMs, 'staleLockMs') }),
    );
    const holder = result.records[0]?.get('holder') as string | undefined;
    if (holder !== generation) {
      const since = new Date(integerToNumber(result.records[0]?.get('since') ?? 0, 'lock.since')).toISOString();
      throw new StoreError(
        `${operation}: another load (${holder}) has been running on ${this.location} since ${since}; wait for it, or if ` +
          `its process died delete the lock: MATCH (m:${META_LABEL} {key: '${LOADING_KEY}'}) DELETE m`,
      );
    }
  }

  private async releaseLock(generation: string): Promise<void> {
    await this.write((tx) => tx.run(NEO4J_STATEMENTS.releaseLock, { loading: LOADING_KEY, generation }));
  }

  private async writeNodes(nodes: readonly SupplyNode[], generation: string): Promise<void> {
    const byLabel = new Map<NodeLabel, Record<string, unknown>[]>();
    for (const node of nodes) {
      const label = labelOf(node.kind);
      const rows = byLabel.get(label) ?? byLabel.set(label, []).get(label)!;
      rows.push(rowToNeo4j(nodeToRow(node), NODE_COLUMNS[label]));
    }
    for (const [label, rows] of byLabel) {
      // `SET n = r` replaces every property, so a retried batch leaves exactly the row; generation is set again.
      const statement = NEO4J_STATEMENTS.writeNodes(label);
      for (const batch of chunks(rows, this.options.batchSize)) await this.write((tx) => tx.run(statement, { rows: batch, generation }));
    }
  }

  /**
   * Relationships per (type, from label, to label), MERGEd on `loadKey` (the flow id, or the link key plus its
   * occurrence) between nodes of the generation, so a retried batch does not duplicate; counts every row written.
   */
  private async writeRels(rels: readonly RelRow[], labels: ReadonlyMap<string, NodeLabel>, generation: string): Promise<void> {
    const groups = new Map<string, { type: RelType; from: NodeLabel; to: NodeLabel; rows: Record<string, unknown>[] }>();
    const occurrences = new Map<string, number>();
    for (const rel of rels) {
      const from = labels.get(rel.from)!;
      const to = labels.get(rel.to)!;
      const key = `${rel.type}/${from}/${to}`;
      const group = groups.get(key) ?? groups.set(key, { type: rel.type, from, to, rows: [] }).get(key)!;
      const base = rel.type === 'FLOW' ? `FLOW ${String(rel.row.id)}` : `${rel.type} ${rel.from} ${rel.to} ${String(rel.row.year)}`;
      const n = occurrences.get(base) ?? 0;
      occurrences.set(base, n + 1);
      group.rows.push({ from: rel.from, to: rel.to, loadKey: `${base}#${n}`, cols: rowToNeo4j(rel.row, REL_COLUMNS[rel.type]) });
    }
    for (const { type, from, to, rows } of groups.values()) {
      const statement = NEO4J_STATEMENTS.writeRels(type, from, to);
      for (const batch of chunks(rows, this.options.batchSize)) {
        const result = await this.write((tx) => tx.run(statement, { rows: batch, generation }));
        const written = integerToNumber(result.records[0]?.get('n') ?? 0, `${type} count`);
        // checkRecords has ruled out dangling endpoints; this catches a database that disagrees with it.
        if (written !== batch.length) throw new StoreError(`${type} ${from}->${to}: wrote ${written} of ${batch.length} relationships (an endpoint is missing)`);
      }
    }
  }

  private async deleteGeneration(generation: string): Promise<void> {
    for (const label of NODE_LABELS) {
      await this.deleteInBatches(NEO4J_STATEMENTS.deleteGeneration(label), { generation });
    }
  }

  private async deleteGenerationsExcept(generation: string): Promise<void> {
    for (const label of NODE_LABELS) {
      await this.deleteInBatches(NEO4J_STATEMENTS.deleteOtherGenerations(label), { generation });
    }
  }

  private async deleteInBatches(statement: string, params: Record<string, unknown>): Promise<void> {
    for (;;) {
      const result = await this.write((tx) => tx.run(statement, { ...params, batch: toNeo4jInt(this.options.batchSize, 'batchSize') }));
      if (integerToNumber(result.records[0]?.get('n') ?? 0, 'deleted') === 0) return;
    }
  }

  private async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.session('WRITE');
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs `work` in a read transaction with the live generation and version (undefined when empty). Neo4j reads are
   * read-committed, not snapshots: a reader that picked the old generation just before a flip could see it
   * half-deleted. Deletion of a generation only starts after the flip away from it commits, so the generation is
   * read again at the end, and a reader whose generation changed meanwhile runs again (a few times at most).
   */
  private async read<T>(operation: string, work: (tx: ManagedTransaction, live: { generation: string; version: string } | undefined) => Promise<T>): Promise<T> {
    await this.init();
    const liveOf = async (tx: ManagedTransaction): Promise<{ generation: string; version: string } | undefined> => {
      const result = await tx.run(NEO4J_STATEMENTS.live, { generationKey: GENERATION_KEY, versionKey: META_VERSION_KEY });
      const generation = result.records[0]?.get('generation') as string | null | undefined;
      const version = result.records[0]?.get('version') as string | null | undefined;
      return generation && version ? { generation, version } : undefined;
    };
    const session = this.session('READ');
    try {
      for (let attempt = 1; ; attempt++) {
        const outcome = await session.executeRead(async (tx) => {
          const live = await liveOf(tx);
          const value = await work(tx, live);
          const after = await liveOf(tx);
          return { value, stable: after?.generation === live?.generation };
        });
        if (outcome.stable) return outcome.value;
        if (attempt >= 5) throw new StoreError(`${operation}: the dataset kept changing while being read (loads in a loop?); try again`);
      }
    } catch (error) {
      throw this.storeError(operation, error);
    } finally {
      await session.close();
    }
  }

  async readDataset(): Promise<Dataset | undefined> {
    return this.read('readDataset', async (tx, live) => {
      if (!live) return undefined;
      const props = async (statement: string, what: string): Promise<unknown[]> =>
        (await tx.run(statement, { generation: live.generation })).records.map((r) => recordFromProps(r.get('props'), what));
      const nodes = (await props(NEO4J_STATEMENTS.readNodes, 'readDataset node')) as SupplyNode[];
      const flows = (await props(NEO4J_STATEMENTS.readFlows, 'readDataset FLOW')) as FlowRecord[];
      const links = (await props(NEO4J_STATEMENTS.readLinks, 'readDataset link')) as LinkRecord[];
      return sortDataset({ version: live.version, nodes, flows, links });
    });
  }

  async datasetVersion(): Promise<string | undefined> {
    return this.read('datasetVersion', async (_tx, live) => live?.version);
  }

  async getNode(id: string): Promise<SupplyNode | undefined> {
    return this.read('getNode', async (tx, live) => {
      if (!live) return undefined;
      // The id's prefix names the label; other labels are tried too (ids are not required to match their kind).
      const kind = nodeKindOf(id);
      const order = kind ? [labelOf(kind), ...NODE_LABELS.filter((l) => l !== labelOf(kind))] : NODE_LABELS;
      for (const label of order) {
        const result = await tx.run(NEO4J_STATEMENTS.getNode(label), { id, generation: live.generation });
        if (result.records.length) return recordFromProps<SupplyNode>(result.records[0]!.get('props'), `getNode ${id}`);
      }
      return undefined;
    });
  }

  async counts(): Promise<DatasetCounts> {
    return this.read('counts', async (tx, live) => {
      const counts: DatasetCounts = { minerals: 0, countries: 0, mines: 0, refiners: 0, flows: 0, sources: 0 };
      if (!live) return counts;
      const g = { generation: live.generation };
      const count = async (statement: string): Promise<number> => integerToNumber((await tx.run(statement, g)).records[0]?.get('n') ?? 0, 'count');
      counts.minerals = await count(NEO4J_STATEMENTS.countMinerals);
      counts.countries = await count(NEO4J_STATEMENTS.countCountries);
      counts.mines = await count(NEO4J_STATEMENTS.countMines);
      counts.refiners = await count(NEO4J_STATEMENTS.countRefiners);
      counts.flows = await count(NEO4J_STATEMENTS.countFlows);
      const sources = await tx.run(NEO4J_STATEMENTS.countSources, g);
      counts.sources = new Set(sources.records.map((r) => r.get('s') as unknown)).size;
      return counts;
    });
  }

  /**
   * Runs a user's read-only Cypher, refusing writes four times over: the shared lexical guard (cypher-guard.ts),
   * Neo4j's own parser (cypher-guard-neo4j.ts: every clause and procedure/function invocation in the parse tree),
   * then `EXPLAIN` in the same transaction, whose `summary.queryType` must be 'r' (read only; 'rw', 'w' and
   * 's' (schema) are refused), then the server itself (a READ access-mode transaction cannot write). Rows stop
   * at `limit` (the stream is cancelled there), the transaction at `timeoutMs` (server-side timeout).
   */
  async cypherRead(query: string, options: CypherOptions = {}): Promise<CypherResult> {
    if (typeof query !== 'string' || !query.trim()) throw new InvalidInputError('cypher: the query is empty');
    const limit = options.limit ?? DEFAULT_CYPHER_LIMIT;
    const timeoutMs = options.timeoutMs ?? DEFAULT_CYPHER_TIMEOUT_MS;
    const problems: InputProblem[] = [];
    if (!Number.isInteger(limit) || limit < 1) problems.push({ field: 'limit', message: `must be a positive integer, got ${limit}` });
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) problems.push({ field: 'timeoutMs', message: `must be a positive integer, got ${timeoutMs}` });
    if (problems.length) throw new InvalidInputError(`cypher: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
    assertReadOnlyCypher(query);
    assertNeo4jReadOnly(query);
    return this.cypherReadWithoutPrecheck(query, { ...options, limit, timeoutMs });
  }

  /**
   * cypherRead without the lexical and parse-tree pre-checks: Neo4j alone (EXPLAIN query type, READ access mode) refuses writes.
   * Exists so tests can prove those gates on their own; the CLI and API call cypherRead.
   */
  async cypherReadWithoutPrecheck(query: string, options: CypherOptions = {}): Promise<CypherResult> {
    const limit = options.limit ?? DEFAULT_CYPHER_LIMIT;
    const timeoutMs = options.timeoutMs ?? DEFAULT_CYPHER_TIMEOUT_MS;
    const first = tokenizeCypher(query)[0];
    if (first?.kind === 'word' && ['EXPLAIN', 'PROFILE', 'CYPHER'].includes(first.text.toUpperCase())) {
      throw new InvalidInputError(`cypher: a leading ${first.text.toUpperCase()} is not supported here; send the query without it`, [
        { field: 'query', message: `remove the leading ${first.text.toUpperCase()}` },
      ]);
    }
    const params = toNeo4jParams(options.params ?? {});
    await this.init();
    const session = this.session('READ', Math.min(limit + 1, 1000));
    try {
      return await session.executeRead(
        async (tx) => {
          const explained = await tx.run(`EXPLAIN ${query}`, params);
          const queryType = explained.summary.queryType;
          if (queryType !== 'r') {
            throw new ReadOnlyError(
              `cypher: refused by Neo4j's plan, this query ${queryType === 's' ? 'changes the schema' : 'writes'} (query type "${queryType}"); queries here only read`,
            );
          }
          const result = tx.run(query, params);
          let columns: string[] | undefined;
          const rows: Record<string, unknown>[] = [];
          let truncated = false;
          for await (const record of result) {
            if (rows.length === limit) {
              truncated = true;
              break; // cancels the rest of the stream
            }
            columns ??= record.keys.map(String);
            rows.push(Object.fromEntries(columns.map((c) => [c, fromNeo4j(record.get(c))])));
          }
          // With no rows the columns come from the stream's header.
          columns ??= (await result.keys()).map(String);
          return { columns, rows, truncated };
        },
        { timeout: toNeo4jInt(timeoutMs, 'timeoutMs'), metadata: { app: 'chokepoint', api: 'cypherRead' } },
      );
    } catch (error) {
      throw this.cypherError(error, timeoutMs);
    } finally {
      await session.close();
    }
  }

  private cypherError(error: unknown, timeoutMs: number): ChokepointError {
    return neo4jCypherError(error, timeoutMs) ?? this.storeError('cypher', error);
  }

  /**
   * A runner for the GDS engine (src/store/gds.ts: gdsCentrality, gdsMaxFlowValue; gds-impact.ts) on this store's driver. Not for user
   * queries: it is not read-only (GDS projections live in the server's graph catalog).
   */
  gdsRunner(): GdsRunner {
    return {
      run: async (query, params) => {
        await this.init();
        if (!this.driver) throw this.closedError();
        return driverRunner(this.driver, this.options.database).run(query, params);
      },
    };
  }

  /** Closes the driver (and with it every pooled connection). Idempotent; later calls fail with StoreError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.opening?.catch(() => undefined);
    const driver = this.driver;
    this.driver = undefined;
    await driver?.close();
  }

  private closedError(): StoreError {
    return new StoreError(`Neo4j store ${this.location}: used after close(); open a new store`);
  }

  private storeError(operation: string, error: unknown): ChokepointError {
    if (error instanceof ChokepointError) return error;
    const code = errorCode(error);
    const text = errorText(error);
    if (/Security\.(Unauthorized|AuthenticationRateLimit)/.test(code)) {
      return new StoreError(`Neo4j ${this.location}: ${operation}: authentication failed for user "${this.options.user}"; check NEO4J_USER and NEO4J_PASSWORD`);
    }
    if (code === 'ServiceUnavailable' || /ServiceUnavailable|ECONNREFUSED|ENOTFOUND/.test(`${code} ${text}`)) {
      return new StoreError(
        `Neo4j ${this.location}: ${operation}: cannot reach the server (${text}); is it running (docker compose up neo4j)? check NEO4J_URI`,
      );
    }
    if (/Database\.DatabaseNotFound/.test(code)) {
      return new StoreError(`Neo4j ${this.location}: ${operation}: no database "${this.options.database}"; unset NEO4J_DATABASE for the default one`);
    }
    return new StoreError(`Neo4j ${this.location}: ${operation} failed: ${text}`, code ? { code } : undefined);
  }
}
