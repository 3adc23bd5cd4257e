// The shipped dataset's I/O: build it from the raw public files, write it to graph/data (records one per line plus
// manifest.json), and read it back with its content hash checked. The CLI (`chokepoint data build`) calls these.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '../domain/errors.ts';
import { countDataset, type Dataset, type FlowRecord, type LinkRecord, type SupplyNode } from '../domain/model.ts';
import { buildDataset, buildInfoOf, INPUT_FILES, type InputFile } from './build/index.ts';
import { MINERAL_LISTS } from './sources/lists.ts';
import { SOURCES } from './sources/publishers.ts';
import { datasetVersion, serializeRecords } from './serialize.ts';
import { assertValidDataset } from './validate.ts';

export { buildDataset, INPUT_FILES };
export { datasetProblems, assertValidDataset } from './validate.ts';
export { MINERAL_LISTS } from './sources/lists.ts';
export { SEED000_ROWS, SEED000_CITATION, SEED000_YEAR } from './sources/seed000.ts';
export { SEED002_PROCESSING, SEED002_CITATION } from './sources/seed002.ts';
export type { Seed000Entry } from './build/minerals.ts';

/** The repository root (two levels above src/data). */
export const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the shipped dataset lives. */
export const DEFAULT_DATA_DIR = join(REPO_DIR, 'graph', 'data');

/** The raw public files: $CHOKEPOINT_SHARED_DATA, else <repo>/../shared/data. */
export function defaultSharedDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHOKEPOINT_SHARED_DATA ? resolve(env.CHOKEPOINT_SHARED_DATA) : resolve(REPO_DIR, '..', 'shared', 'data');
}

export const DATA_FILES = { nodes: 'nodes.json', flows: 'flows.json', links: 'links.json', manifest: 'manifest.json' } as const;

export interface Manifest {
  name: string;
  version: string;
  counts: ReturnType<typeof countDataset> & {
    links: number;
    facilities: number;
    aggregates: number;
    estimatedFlows: number;
    relianceLinks: number;
  };
  years: { flows: number[]; reliance: number[] };
  units: string;
  sources: typeof SOURCES;
  lists: typeof MINERAL_LISTS;
  builtFrom: Array<InputFile | { path: string; transcribedIn: string }>;
  builtBy: string;
}

export function manifestOf(dataset: Dataset, inputs: InputFile[] = []): Manifest {
  const base = countDataset(dataset);
  const flowYears = [...new Set(dataset.flows.map((f) => f.year))].sort();
  const relianceYears = [...new Set(dataset.links.filter((l) => l.type === 'RELIES_ON').map((l) => l.year))].sort();
  return {
    name: 'Chokepoint shipped dataset',
    version: dataset.version,
    counts: {
      ...base,
      links: dataset.links.length,
      facilities: dataset.nodes.filter((n) => (n.kind === 'mine' || n.kind === 'refiner') && !n.aggregate).length,
      aggregates: dataset.nodes.filter((n) => (n.kind === 'mine' || n.kind === 'refiner') && n.aggregate).length,
      estimatedFlows: dataset.flows.filter((f) => f.estimated).length,
      relianceLinks: dataset.links.filter((l) => l.type === 'RELIES_ON').length,
    },
    years: { flows: flowYears, reliance: relianceYears },
    units:
      "tonnes are metric tons in the mineral's basis (MineralNode.units); USGS thousand metric tons were multiplied by 1,000 and kilograms divided by 1,000",
    sources: SOURCES,
    lists: MINERAL_LISTS,
    builtFrom: [
      ...inputs,
      { path: '../seeds/000_d212d024c486a3c5.txt', transcribedIn: 'src/data/sources/seed000.ts' },
      { path: '../seeds/002_11c5717758bcda1a.txt', transcribedIn: 'src/data/sources/seed002.ts, src/data/sources/lists.ts' },
      { path: '../seeds/001_d58533e41ca3d3bb.txt', transcribedIn: 'src/data/sources/lists.ts' },
    ],
    builtBy: 'src/data/build (npm run data:build)',
  };
}

/** Writes nodes.json, flows.json, links.json and manifest.json; returns the directory. */
export async function writeDataset(dataset: Dataset, dir: string = DEFAULT_DATA_DIR): Promise<string> {
  assertValidDataset(dataset, 'writeDataset');
  const texts = {
    nodes: serializeRecords(dataset.nodes),
    flows: serializeRecords(dataset.flows),
    links: serializeRecords(dataset.links),
  };
  const version = datasetVersion(texts.nodes, texts.flows, texts.links);
  if (version !== dataset.version) {
    throw new InvalidInputError(`writeDataset: dataset.version "${dataset.version}" is not the content hash "${version}"; rebuild it with buildDataset()`);
  }
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  const manifest = manifestOf(dataset, buildInfoOf(dataset)?.inputs ?? []);
  await Promise.all([
    writeFile(join(target, DATA_FILES.nodes), texts.nodes),
    writeFile(join(target, DATA_FILES.flows), texts.flows),
    writeFile(join(target, DATA_FILES.links), texts.links),
    writeFile(join(target, DATA_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`),
  ]);
  return target;
}

async function readJson<T>(dir: string, file: string): Promise<{ text: string; value: T }> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`cannot read ${path} (${(error as Error).message}); run \`npm run data:build\` to compile the dataset`);
  }
  try {
    return { text, value: JSON.parse(text) as T };
  } catch (error) {
    throw new InvalidInputError(`${path} is not valid JSON (${(error as Error).message}); rebuild it with \`npm run data:build\``);
  }
}

/** Reads the dataset of `dir` (default graph/data); refuses files whose content hash differs from the manifest. */
export async function readShippedDataset(dir: string = DEFAULT_DATA_DIR): Promise<Dataset> {
  const target = resolve(dir);
  const [nodes, flows, links, manifest] = await Promise.all([
    readJson<SupplyNode[]>(target, DATA_FILES.nodes),
    readJson<FlowRecord[]>(target, DATA_FILES.flows),
    readJson<LinkRecord[]>(target, DATA_FILES.links),
    readJson<Manifest>(target, DATA_FILES.manifest),
  ]);
  const version = datasetVersion(nodes.text, flows.text, links.text);
  if (version !== manifest.value.version) {
    throw new InvalidInputError(
      `${target}: the records hash to ${version} but manifest.json says ${manifest.value.version}; the files were edited by hand or half-written — run \`npm run data:build\``,
    );
  }
  return { version, nodes: nodes.value, flows: flows.value, links: links.value };
}
