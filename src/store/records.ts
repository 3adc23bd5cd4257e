// Record <-> row mapping shared by the graph-database stores (embedded LadybugDB and Neo4j): labels, typed
// columns analysts filter on, and `props` (the whole record as JSON) so a store reads back exactly what it got.
// Also the store-side checks every store runs before writing (ids, kinds, dangling endpoints) and the canonical
// order `readDataset()` returns. Pure functions: no database client is imported here.
import {
  InvalidInputError,
  StoreError,
  suggestIds,
  type InputProblem,
} from '../domain/errors.ts';
import {
  LINK_TYPES,
  NODE_KINDS,
  WGI_INDICATORS,
  type CountryNode,
  type Dataset,
  type FacilityNode,
  type FlowRecord,
  type LinkRecord,
  type LinkType,
  type MineralNode,
  type NodeKind,
  type SupplyNode,
  type WgiScores,
} from '../domain/model.ts';

export type NodeLabel = 'Country' | 'Mineral' | 'Mine' | 'Refiner';
export type RelType = 'FLOW' | LinkType;
export type ColumnType = 'STRING' | 'INT64' | 'DOUBLE' | 'BOOLEAN';

export interface Column {
  name: string;
  type: ColumnType;
}

/** A row as the stores write it: one value per column, `null` where the record has none. */
export type Row = Record<string, string | number | boolean | null>;

export const LABEL_OF_KIND: Readonly<Record<NodeKind, NodeLabel>> = {
  country: 'Country',
  mineral: 'Mineral',
  mine: 'Mine',
  refiner: 'Refiner',
};
export const NODE_LABELS: readonly NodeLabel[] = NODE_KINDS.map((kind) => LABEL_OF_KIND[kind]);
export const REL_TYPES: readonly RelType[] = ['FLOW', ...LINK_TYPES];

/** The node table holding the dataset version (`key = 'version'`) and the schema version (`key = 'schema'`). */
export const META_LABEL = 'Meta';
export const META_VERSION_KEY = 'version';

/**
 * Bump when labels, columns or endpoints change. A store holding an older schema is migrated on open where
 * SCHEMA_MIGRATIONS has the step (nothing is lost: the new column is filled from each record's `props`), else it
 * must be rebuilt. 3: FLOW.valueUsd (the BACI traded value, issue 11).
 */
export const SCHEMA_VERSION = '3';

/** The typed FLOW columns added since an older schema, filled from `props` on migration (schema -> added columns). */
export const SCHEMA_MIGRATIONS: Readonly<Record<string, { to: string; flowColumns: readonly Column[] }>> = {
  '2': { to: '3', flowColumns: [{ name: 'valueUsd', type: 'DOUBLE' }] },
};

const COMMON_NODE_COLUMNS: readonly Column[] = [
  { name: 'id', type: 'STRING' },
  { name: 'name', type: 'STRING' },
  { name: 'source', type: 'STRING' },
  { name: 'year', type: 'INT64' },
  { name: 'estimated', type: 'BOOLEAN' },
  { name: 'props', type: 'STRING' },
];

const FACILITY_COLUMNS: readonly Column[] = [
  { name: 'country', type: 'STRING' },
  { name: 'mineral', type: 'STRING' },
  { name: 'stage', type: 'STRING' },
  { name: 'aggregate', type: 'BOOLEAN' },
  { name: 'lat', type: 'DOUBLE' },
  { name: 'lon', type: 'DOUBLE' },
  { name: 'assetType', type: 'STRING' },
  { name: 'output2024', type: 'DOUBLE' },
  { name: 'output2025', type: 'DOUBLE' },
  // The MCS 2022-2024 edition years (README "Years"); added after 2024/2025, so appended.
  { name: 'output2020', type: 'DOUBLE' },
  { name: 'output2021', type: 'DOUBLE' },
  { name: 'output2022', type: 'DOUBLE' },
  { name: 'output2023', type: 'DOUBLE' },
];

/** Columns of each node table; `id` is the primary key (a uniqueness constraint in Neo4j). */
export const NODE_COLUMNS: Readonly<Record<NodeLabel, readonly Column[]>> = {
  Country: [
    ...COMMON_NODE_COLUMNS,
    { name: 'iso3', type: 'STRING' },
    { name: 'region', type: 'STRING' },
    { name: 'lat', type: 'DOUBLE' },
    { name: 'lon', type: 'DOUBLE' },
    { name: 'aggregate', type: 'BOOLEAN' },
    { name: 'wgiYear', type: 'INT64' },
    { name: 'govRisk', type: 'DOUBLE' },
  ],
  Mineral: [
    ...COMMON_NODE_COLUMNS,
    { name: 'slug', type: 'STRING' },
    { name: 'usList', type: 'BOOLEAN' },
    { name: 'euList', type: 'BOOLEAN' },
    { name: 'cnList', type: 'BOOLEAN' },
  ],
  Mine: [...COMMON_NODE_COLUMNS, ...FACILITY_COLUMNS],
  Refiner: [...COMMON_NODE_COLUMNS, ...FACILITY_COLUMNS],
};

/**
 * Columns of each relationship table. Every one carries `props` (the whole record as JSON): FlowRecord and
 * LinkRecord have optional fields (`share` absent vs null, `estimated`, `rule`, reliance statistics) that typed
 * columns alone cannot give back exactly.
 */
export const REL_COLUMNS: Readonly<Record<RelType, readonly Column[]>> = {
  FLOW: [
    { name: 'id', type: 'STRING' },
    { name: 'mineral', type: 'STRING' },
    { name: 'stage', type: 'STRING' },
    { name: 'tonnes', type: 'DOUBLE' },
    { name: 'share', type: 'DOUBLE' },
    { name: 'year', type: 'INT64' },
    { name: 'source', type: 'STRING' },
    { name: 'estimated', type: 'BOOLEAN' },
    { name: 'rule', type: 'STRING' },
    { name: 'props', type: 'STRING' },
    // Schema 3: the traded value in US dollars of CEPII BACI trade flows (null elsewhere), for Cypher queries.
    { name: 'valueUsd', type: 'DOUBLE' },
  ],
  LOCATED_IN: [
    { name: 'source', type: 'STRING' },
    { name: 'year', type: 'INT64' },
    { name: 'props', type: 'STRING' },
  ],
  RELIES_ON: [
    { name: 'year', type: 'INT64' },
    { name: 'nir', type: 'DOUBLE' },
    { name: 'nirRaw', type: 'STRING' },
    { name: 'source', type: 'STRING' },
    { name: 'props', type: 'STRING' },
  ],
  BY_PRODUCT_OF: [
    { name: 'share', type: 'DOUBLE' },
    { name: 'shareLow', type: 'DOUBLE' },
    { name: 'shareHigh', type: 'DOUBLE' },
    { name: 'year', type: 'INT64' },
    { name: 'source', type: 'STRING' },
    { name: 'estimated', type: 'BOOLEAN' },
    { name: 'rule', type: 'STRING' },
    { name: 'props', type: 'STRING' },
  ],
};

const FLOW_ENDPOINT_LABELS: readonly NodeLabel[] = ['Mine', 'Refiner', 'Country'];

/**
 * Allowed (from, to) label pairs per relationship type. FLOW allows every pair of producers and countries
 * (the shipped data uses Mine->Refiner/Mine/Country, Refiner->Refiner/Country and Country->Country trade; a
 * user's import may add ore shipped from a country to a refiner); never a Mineral.
 */
export const REL_ENDPOINTS: Readonly<Record<RelType, ReadonlyArray<readonly [NodeLabel, NodeLabel]>>> = {
  FLOW: FLOW_ENDPOINT_LABELS.flatMap((from) => FLOW_ENDPOINT_LABELS.map((to) => [from, to] as const)),
  LOCATED_IN: [
    ['Mine', 'Country'],
    ['Refiner', 'Country'],
  ],
  RELIES_ON: [['Country', 'Mineral']],
  BY_PRODUCT_OF: [['Mineral', 'Mineral']],
};

export function labelOf(kind: NodeKind): NodeLabel {
  return LABEL_OF_KIND[kind];
}

const orNull = <T>(value: T | undefined | null): T | null => (value === undefined ? null : value);
const finiteOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * The latest WGI year with all six indicators and its governance risk G_i (seed 003 eq. 4-5, after Nassar et al.):
 * G'_j = 1 - (WGI_j + 3.5) / 7 per indicator, G = geometric mean of the six. Both null without a complete year.
 */
export function latestGovernanceRisk(wgi: Record<string, WgiScores> | undefined): { wgiYear: number | null; govRisk: number | null } {
  const years = Object.keys(wgi ?? {})
    .filter((y) => /^\d{4}$/.test(y))
    .sort()
    .reverse();
  for (const year of years) {
    const scores = wgi![year]!;
    const values = WGI_INDICATORS.map((k) => scores[k]);
    if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) continue;
    // Geometric mean via logs; G' is in (0, 1) for WGI in (-2.5, 2.5), so every log is defined.
    const logSum = (values as number[]).reduce((sum, v) => sum + Math.log(1 - (v + 3.5) / 7), 0);
    return { wgiYear: Number(year), govRisk: Math.exp(logSum / values.length) };
  }
  return { wgiYear: null, govRisk: null };
}

/** The row of a node for its label's table: every column of NODE_COLUMNS[label], null where absent. */
export function nodeToRow(node: SupplyNode): Row {
  const row: Row = {
    id: node.id,
    name: orNull(node.name),
    source: orNull(node.source),
    year: orNull(node.year),
    estimated: node.estimated === true,
    props: JSON.stringify(node),
  };
  switch (node.kind) {
    case 'country': {
      const c = node as CountryNode;
      Object.assign(row, {
        iso3: orNull(c.iso3),
        region: orNull(c.region),
        lat: finiteOrNull(c.lat),
        lon: finiteOrNull(c.lon),
        aggregate: c.aggregate === true,
        ...latestGovernanceRisk(c.wgi),
      });
      break;
    }
    case 'mineral': {
      const m = node as MineralNode;
      Object.assign(row, {
        slug: orNull(m.slug),
        usList: m.lists?.us2022 === true,
        euList: m.lists?.eu2023 === true,
        cnList: m.lists?.cn2016 === true,
      });
      break;
    }
    default: {
      const f = node as FacilityNode;
      Object.assign(row, {
        country: orNull(f.country),
        mineral: orNull(f.mineral),
        stage: orNull(f.stage),
        aggregate: f.aggregate === true,
        lat: finiteOrNull(f.lat),
        lon: finiteOrNull(f.lon),
        assetType: orNull(f.assetType),
        output2024: finiteOrNull(f.output?.['2024']),
        output2025: finiteOrNull(f.output?.['2025']),
        output2020: finiteOrNull(f.output?.['2020']),
        output2021: finiteOrNull(f.output?.['2021']),
        output2022: finiteOrNull(f.output?.['2022']),
        output2023: finiteOrNull(f.output?.['2023']),
      });
    }
  }
  return row;
}

/** A relationship to write: its type, endpoint ids and the row of its properties (REL_COLUMNS[type]). */
export interface RelRow {
  type: RelType;
  from: string;
  to: string;
  row: Row;
}

export function flowToRel(flow: FlowRecord): RelRow {
  return {
    type: 'FLOW',
    from: flow.from,
    to: flow.to,
    row: {
      id: flow.id,
      mineral: orNull(flow.mineral),
      stage: orNull(flow.stage),
      tonnes: finiteOrNull(flow.tonnes),
      share: finiteOrNull(flow.share),
      year: orNull(flow.year),
      source: orNull(flow.source),
      estimated: flow.estimated === true,
      rule: orNull(flow.rule),
      props: JSON.stringify(flow),
      valueUsd: finiteOrNull(flow.valueUsd),
    },
  };
}

/** The value of a FLOW column added by a migration, read back from a stored record's `props` (null when absent). */
export function migratedFlowValue(props: unknown, column: string): number | string | boolean | null {
  if (typeof props !== 'string') return null;
  const record = JSON.parse(props) as Record<string, unknown>;
  const value = record[column];
  return typeof value === 'number' ? (Number.isFinite(value) ? value : null) : typeof value === 'string' || typeof value === 'boolean' ? value : null;
}

export function linkToRel(link: LinkRecord): RelRow {
  if (link.type === 'BY_PRODUCT_OF') {
    const range = (link as { shareRange?: unknown }).shareRange;
    const [low, high] = Array.isArray(range) ? range : [];
    const row: Row = {
      share: finiteOrNull((link as { share?: unknown }).share),
      shareLow: finiteOrNull(low),
      shareHigh: finiteOrNull(high),
      year: orNull(link.year),
      source: orNull(link.source),
      estimated: link.estimated === true,
      rule: orNull(link.rule),
      props: JSON.stringify(link),
    };
    return { type: link.type, from: link.from, to: link.to, row };
  }
  const row: Row =
    link.type === 'RELIES_ON'
      ? {
          year: orNull(link.year),
          nir: finiteOrNull((link as { nir?: unknown }).nir),
          nirRaw: orNull((link as { nirRaw?: string }).nirRaw),
          source: orNull(link.source),
          props: JSON.stringify(link),
        }
      : { source: orNull(link.source), year: orNull(link.year), props: JSON.stringify(link) };
  return { type: link.type, from: link.from, to: link.to, row };
}

/** Parses a stored `props` column back into its record; a missing or corrupt value is a StoreError. */
export function recordFromProps<T>(props: unknown, what: string): T {
  if (typeof props !== 'string') {
    throw new StoreError(`${what}: stored record has no props column; the store was not written by Chokepoint (reload the dataset)`);
  }
  try {
    return JSON.parse(props) as T;
  } catch (error) {
    throw new StoreError(`${what}: stored props are not valid JSON (${(error as Error).message}); reload the dataset`);
  }
}

/**
 * The merge key of a link: type, endpoints and year. The year belongs to it because reliance is published per
 * year (USA -> cobalt 2021..2025 are five records, not one). A patch replaces every stored link of its key.
 */
export function linkKey(link: Pick<LinkRecord, 'type' | 'from' | 'to' | 'year'>): string {
  return `${link.type}\u0000${link.from}\u0000${link.to}\u0000${link.year ?? ''}`;
}

// Code-unit order, not localeCompare: the same order on every machine and locale.
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical order of `readDataset()`: nodes and flows by id; links by type, from, to, year, then content. */
export function sortDataset(dataset: Dataset): Dataset {
  const linkJson = new Map(dataset.links.map((l) => [l, JSON.stringify(l)]));
  return {
    version: dataset.version,
    nodes: [...dataset.nodes].sort((a, b) => cmp(a.id, b.id)),
    flows: [...dataset.flows].sort((a, b) => cmp(a.id, b.id)),
    links: [...dataset.links].sort(
      (a, b) =>
        cmp(a.type, b.type) ||
        cmp(a.from, b.from) ||
        cmp(a.to, b.to) ||
        (a.year ?? 0) - (b.year ?? 0) ||
        cmp(linkJson.get(a)!, linkJson.get(b)!),
    ),
  };
}

/** What a store already holds, for checking a patch against it: node id -> kind. */
export type KnownNodes = ReadonlyMap<string, NodeKind>;

const MAX_PROBLEMS = 50;

/**
 * Checks records before a store writes them and throws InvalidInputError listing every problem: malformed or
 * duplicate ids, unknown kinds and link types, a patch changing an existing node's kind, flows and links whose
 * endpoints exist neither in `known` nor in the records (with "did you mean"), endpoints of the wrong kind.
 * `what` names the operation in the message. O(records) plus suggestions for the first few dangling ids.
 */
export function checkRecords(what: string, records: Omit<Dataset, 'version'>, known: KnownNodes = new Map()): void {
  const problems: InputProblem[] = [];
  const add = (problem: InputProblem): void => {
    problems.push(problem);
  };
  if (!records || !Array.isArray(records.nodes) || !Array.isArray(records.flows) || !Array.isArray(records.links)) {
    throw new InvalidInputError(`${what}: expected {nodes: [], flows: [], links: []}`, [
      { message: 'nodes, flows and links must all be arrays' },
    ]);
  }
  const kinds = new Map<string, NodeKind>(known);
  const seenNodes = new Set<string>();
  for (const node of records.nodes) {
    const id = (node as { id?: unknown })?.id;
    if (typeof id !== 'string' || !id) {
      add({ field: 'id', message: `a node has no id (name: ${JSON.stringify((node as { name?: unknown })?.name)})` });
      continue;
    }
    if (!(NODE_KINDS as readonly string[]).includes(node.kind)) {
      add({ at: id, field: 'kind', message: `unknown kind ${JSON.stringify(node.kind)} (expected one of ${NODE_KINDS.join(', ')})` });
      continue;
    }
    if (seenNodes.has(id)) add({ at: id, field: 'id', message: `duplicate node id "${id}"` });
    seenNodes.add(id);
    const before = known.get(id);
    if (before && before !== node.kind) {
      add({ at: id, field: 'kind', message: `node "${id}" is stored as a ${before}; a patch cannot make it a ${node.kind} (use a new id)` });
    }
    if (node.year !== undefined && node.year !== null && !Number.isInteger(node.year)) {
      add({ at: id, field: 'year', message: `year must be an integer, got ${JSON.stringify(node.year)}` });
    }
    kinds.set(id, node.kind);
  }

  let suggestionsLeft = 20;
  const endpoint = (at: string, field: 'from' | 'to', id: unknown, allowed: readonly NodeKind[]): void => {
    if (typeof id !== 'string' || !id) {
      add({ at, field, message: `missing ${field} node id` });
      return;
    }
    const kind = kinds.get(id);
    if (kind === undefined) {
      const hint = suggestionsLeft-- > 0 ? suggestIds(id, kinds.keys()) : [];
      add({ at, field, message: `unknown node "${id}"${hint.length ? ` (did you mean ${hint.map((s) => `"${s}"`).join(', ')}?)` : ''}` });
    } else if (!allowed.includes(kind)) {
      add({ at, field, message: `node "${id}" is a ${kind}; expected ${allowed.join(' or ')}` });
    }
  };

  const seenFlows = new Set<string>();
  const flowKinds: NodeKind[] = ['mine', 'refiner', 'country'];
  for (const flow of records.flows) {
    const id = (flow as { id?: unknown })?.id;
    if (typeof id !== 'string' || !id) {
      add({ field: 'id', message: `a flow has no id (from ${JSON.stringify(flow?.from)} to ${JSON.stringify(flow?.to)})` });
      continue;
    }
    if (seenFlows.has(id)) add({ at: id, field: 'id', message: `duplicate flow id "${id}"` });
    seenFlows.add(id);
    endpoint(id, 'from', flow.from, flowKinds);
    endpoint(id, 'to', flow.to, flowKinds);
    if (flow.year !== undefined && flow.year !== null && !Number.isInteger(flow.year)) {
      add({ at: id, field: 'year', message: `year must be an integer, got ${JSON.stringify(flow.year)}` });
    }
  }

  for (const link of records.links) {
    const at = `${link?.type} ${link?.from} -> ${link?.to}`;
    if (!(LINK_TYPES as readonly string[]).includes(link?.type)) {
      add({ at, field: 'type', message: `unknown link type ${JSON.stringify(link?.type)} (expected ${LINK_TYPES.slice(0, -1).join(', ')} or ${LINK_TYPES.at(-1)})` });
      continue;
    }
    if (link.type === 'LOCATED_IN') {
      endpoint(at, 'from', link.from, ['mine', 'refiner']);
      endpoint(at, 'to', link.to, ['country']);
    } else if (link.type === 'BY_PRODUCT_OF') {
      endpoint(at, 'from', link.from, ['mineral']);
      endpoint(at, 'to', link.to, ['mineral']);
      const share = (link as { share?: unknown }).share;
      if (typeof share !== 'number' || !(share >= 0 && share <= 1)) {
        add({ at, field: 'share', message: `share must be a number in [0, 1] (the companion's share of production from this host), got ${JSON.stringify(share)}` });
      }
    } else {
      endpoint(at, 'from', link.from, ['country']);
      endpoint(at, 'to', link.to, ['mineral']);
    }
    if (link.year !== undefined && link.year !== null && !Number.isInteger(link.year)) {
      add({ at, field: 'year', message: `year must be an integer, got ${JSON.stringify(link.year)}` });
    }
  }

  if (!problems.length) return;
  const shown = problems.slice(0, MAX_PROBLEMS);
  const first = shown
    .slice(0, 3)
    .map((p) => `${p.at ? `${p.at}: ` : ''}${p.message}`)
    .join('; ');
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
  throw new InvalidInputError(
    `${what}: refused, ${problems.length} problem(s) in the records, nothing was written: ${first}${more}`,
    problems.length > MAX_PROBLEMS
      ? [...shown, { message: `${problems.length - MAX_PROBLEMS} more problem(s) not listed` }]
      : shown,
  );
}
