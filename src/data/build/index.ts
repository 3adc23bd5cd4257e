// The dataset build: compiles USGS MCS 2026, World Bank WGI, ICMM, country_ref and the seed-paper transcriptions into
// the project's own records (src/domain/model.ts). Deterministic: same input files -> byte-identical output.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '../../domain/errors.ts';
import { countDataset, type Dataset, type LinkRecord } from '../../domain/model.ts';
import { assertValidDataset } from '../validate.ts';
import { tonnesRange } from '../../domain/uncertainty.ts';
import { addByProductLinks } from './by-products.ts';
import { addConsumerFlows, rowNode } from './consumers.ts';
import { DatasetBuilder, FLOW_YEARS } from './context.ts';
import { COUNTRY_FILES, loadCountries, WGI_SOURCE } from './countries.ts';
import { addFacilities, ICMM_FILE } from './facilities.ts';
import { USGS_FACILITY_FILES } from '../sources/usgs-facilities.ts';
import { addMineralNodes } from './minerals.ts';
import { loadPrices } from './prices.ts';
import { addEditionYears, addWorldProducers, WORLD_FILE } from './producers.ts';
import { latestEditionFigures, MCS_EDITIONS_FILE, readMcsEditions } from '../sources/usgs-mcs-editions.ts';
import { addProcessingStage } from './refining.ts';
import { addRelianceLinks } from './reliance.ts';
import { addUpstreamStages, annotateMineralNodes } from './upstream.ts';
import { loadUsStatistics, US_FILES } from './us.ts';
import { byId } from './util.ts';
import { addTradeFlows } from './trade.ts';
import { BACI_QUANTITY_YEAR, BACI_YEARS, baciFile, loadIso2ToIso3, readBaciYear } from '../sources/baci.ts';
import { datasetVersion, serializeRecords } from '../serialize.ts';

/** The raw files the build reads, relative to the shared data directory. BGS and Comtrade are never read. */
export const INPUT_FILES: readonly string[] = [
  WORLD_FILE,
  MCS_EDITIONS_FILE,
  US_FILES.salient,
  US_FILES.nir,
  US_FILES.imports,
  ICMM_FILE,
  USGS_FACILITY_FILES.africa,
  USGS_FACILITY_FILES.indopacific,
  COUNTRY_FILES.centroids,
  COUNTRY_FILES.datahub,
  COUNTRY_FILES.wgi,
  baciFile(BACI_QUANTITY_YEAR),
  ...valueOnlyTradeYears().map(baciFile),
];

/** The flow years before the BACI quantity year (2020-2023): their trade partner shares come from their own file, by value. */
function valueOnlyTradeYears(): number[] {
  return FLOW_YEARS.filter((y) => y < BACI_QUANTITY_YEAR && BACI_YEARS.includes(y));
}

export interface InputFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** Build facts that go to manifest.json but not into the records. */
export interface BuildInfo {
  inputs: InputFile[];
}

const buildInfo = new WeakMap<Dataset, BuildInfo>();
export const buildInfoOf = (dataset: Dataset): BuildInfo | undefined => buildInfo.get(dataset);

export function compareLinks(a: LinkRecord, b: LinkRecord): number {
  const ka = `${a.type}|${a.from}|${a.to}|${String(a.year).padStart(4, '0')}`;
  const kb = `${b.type}|${b.from}|${b.to}|${String(b.year).padStart(4, '0')}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export async function buildDataset(sharedDir: string, onProgress: (msg: string) => void = () => {}): Promise<Dataset> {
  const inputs = await hashInputs(sharedDir);
  const builder = new DatasetBuilder();

  onProgress('Reading country codes, centroids and WGI 2013-2023...');
  const countries = await loadCountries(sharedDir);
  for (const node of countries.nodes.values()) builder.addNode(node);
  builder.addNode(rowNode());
  const ensureCountry = (iso3: string) => {
    if (builder.node(`country:${iso3}`)) return;
    const extra = countries.wgiOnly.get(iso3);
    if (!extra) throw new InvalidInputError(`data build: country ${iso3} is referenced but is neither in ${COUNTRY_FILES.centroids} nor in the WGI`);
    builder.addNode({
      id: `country:${iso3}`,
      kind: 'country',
      name: extra.name,
      iso3,
      ...(Object.keys(extra.wgi).length ? { wgi: extra.wgi } : {}),
      source: `${WGI_SOURCE} (code not in ISO 3166: name and code from the WGI file)`,
      year: 2023,
    });
  };

  onProgress('Reading US salient statistics, net import reliance and import sources (USGS MCS 2026)...');
  const us = await loadUsStatistics(sharedDir);

  onProgress('Adding country-level producers from the USGS MCS 2026 world production table...');
  const tables = await addWorldProducers(sharedDir, builder, countries);
  onProgress('Adding 2020-2023e production from the USGS MCS 2022, 2023 and 2024 editions (latest edition per year)...');
  const editionFigures = await readMcsEditions(sharedDir, countries.resolve);
  const latestFigures = latestEditionFigures(editionFigures);
  const editions = addEditionYears(latestFigures, builder, tables);
  onProgress(`  ${editions.added} country figures added, ${editions.nodes} producers with no MCS 2026 row.`);
  onProgress('Adding upstream stages from the MCS 2022-2024 editions (copper mine, bauxite via alumina, titanium concentrates) and their feed flows...');
  const upstream = addUpstreamStages(builder, countries, tables, latestFigures, editionFigures);
  onProgress(`  ${[...upstream.aggregates.values()].flat().length} mine aggregates, ${upstream.flows} feed flows to the refined stage.`);

  onProgress('Allocating mine output to refining countries (seed 002 processing shares)...');
  const refiners = addProcessingStage(builder, countries, tables);
  const modelled = new Set([...refiners.values()].flat().map((r) => r.id));

  onProgress('Adding ICMM facilities, matching USGS facility capacities and company figures, splitting country totals...');
  const { facilities, matches } = await addFacilities(sharedDir, builder, countries, tables, modelled);
  const withFigures = [...builder.nodes.values()].filter((n) => (n.kind === 'mine' || n.kind === 'refiner') && n.figures?.length).length;
  onProgress(`  ${facilities} ICMM facilities list one of our minerals; ${matches.length} USGS facility rows matched to them; ${withFigures} carry a published figure.`);

  onProgress(`Reading CEPII BACI ${BACI_QUANTITY_YEAR} bilateral trade (V202601, from UN Comtrade)...`);
  const codes = await loadIso2ToIso3(sharedDir);
  const baci = await readBaciYear(sharedDir, BACI_QUANTITY_YEAR, codes);
  onProgress(`Reading CEPII BACI ${valueOnlyTradeYears().join(', ')} (values only: partner shares by value, tonnes at 2024 unit values)...`);
  const valueYears = new Map<number, Awaited<ReturnType<typeof readBaciYear>>>();
  for (const year of valueOnlyTradeYears()) valueYears.set(year, await readBaciYear(sharedDir, year, codes));
  const prices = await loadPrices(sharedDir);
  onProgress('Adding consumer flows: the United States (USGS), BACI trade partners and apparent consumption, the rest of the world...');
  addConsumerFlows(builder, countries, tables, refiners, us, ensureCountry, (spec, producers) =>
    addTradeFlows({ builder, baci, valueYears, prices, ensureCountry }, spec, producers),
  );

  onProgress('Adding mineral nodes (lists, seed 000 / seed 002 tables) and reliance links...');
  addMineralNodes(builder, tables, us, prices);
  annotateMineralNodes(builder, upstream);
  addRelianceLinks(builder, countries, us);
  const byProducts = addByProductLinks(builder);
  onProgress(`Added ${byProducts} by-product links (companion -> host, src/data/sources/by-products.ts).`);

  for (const node of builder.nodes.values()) {
    if ((node.kind === 'mine' || node.kind === 'refiner') && node.country !== 'OTH') ensureCountry(node.country);
  }
  for (const flow of builder.flows.values()) {
    for (const end of [flow.from, flow.to]) if (end.startsWith('country:')) ensureCountry(end.slice('country:'.length));
  }

  // Every estimated figure carries its plausible range and the rule giving it (issue 13; domain/uncertainty.ts).
  for (const flow of builder.flows.values()) {
    if (!flow.estimated || typeof flow.tonnes !== 'number') continue;
    const { range, rangeRule } = tonnesRange(flow.tonnes, flow.rule);
    flow.range = [round6(range[0]), range[1] === null ? null : round6(range[1])];
    flow.rangeRule = rangeRule;
  }

  const records = {
    nodes: [...builder.nodes.values()].sort(byId),
    flows: [...builder.flows.values()].sort(byId),
    links: [...builder.links].sort(compareLinks),
  };
  assertValidDataset(records, 'data build: the compiled dataset is invalid');
  const version = datasetVersion(serializeRecords(records.nodes), serializeRecords(records.flows), serializeRecords(records.links));
  const dataset: Dataset = { version, ...records };
  buildInfo.set(dataset, { inputs });
  const counts = countDataset(dataset);
  onProgress(
    `Built dataset ${version}: ${counts.countries} countries, ${counts.minerals} minerals, ${counts.mines} mines, ${counts.refiners} refiners, ${counts.flows} flows, ${dataset.links.length} links.`,
  );
  return dataset;
}

/** Rounds a derived bound to 6 significant digits, so the JSON stays short and the build deterministic. */
function round6(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(6));
}

async function hashInputs(sharedDir: string): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const path of INPUT_FILES) {
    const full = join(sharedDir, path);
    try {
      const [bytes, info] = await Promise.all([readFile(full), stat(full)]);
      out.push({ path, bytes: info.size, sha256: createHash('sha256').update(bytes).digest('hex') });
    } catch (error) {
      throw new InvalidInputError(
        `data build: cannot read ${full} (${(error as Error).message}); pass the raw-data directory or set CHOKEPOINT_SHARED_DATA`,
      );
    }
  }
  return out;
}
