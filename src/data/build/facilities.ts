// Named facilities from the ICMM Global Mining Dataset (Sept 2025, V1): every mine, smelter, refinery or processing
// plant listing one of our minerals, LOCATED_IN its country, and flowing into its country's USGS aggregate of that
// mineral and stage. ICMM publishes no capacities, so each flow is an equal split of the country figure (estimated).
import type { FacilityNode } from '../../domain/model.ts';
import { ICMM_COMMODITIES, type ProductionStage } from '../sources/minerals.ts';
import type { CountryIndex } from './countries.ts';
import { DatasetBuilder, FLOW_YEARS } from './context.ts';
import { figureSource, type WorldTable } from './producers.ts';
import { num, readCsv, round, slugify } from './util.ts';

export const ICMM_FILE = 'icmm_facilities/icmm_global_mining_dataset_2025_09_v1.csv';
export const ICMM_SOURCE = 'ICMM Global Mining Dataset, September 2025 (V1) release (CC BY 4.0)';

/**
 * Stages an ICMM asset type covers: Mine -> mine; Smelter, Refinery or (processing) Plant -> refined. A site that is
 * only a steel plant consumes our minerals rather than producing them and is left out.
 */
export function stagesOfAssetType(assetType: string): ProductionStage[] {
  const parts = assetType.split(';').map((p) => p.trim().toLowerCase());
  const stages: ProductionStage[] = [];
  if (parts.includes('mine')) stages.push('mine');
  if (parts.some((p) => p === 'smelter' || p === 'refinery' || p === 'plant')) stages.push('refined');
  return stages;
}

/** Our mineral slugs named in an ICMM commodity cell ("nickel;cobalt;platinum group metals"). */
export function mineralsOfCommodities(...cells: Array<string | undefined>): string[] {
  const slugs = new Set<string>();
  for (const cell of cells) {
    for (const word of (cell ?? '').split(';')) {
      for (const slug of ICMM_COMMODITIES[word.trim().toLowerCase()] ?? []) slugs.add(slug);
    }
  }
  return [...slugs].sort();
}

export const EQUAL_SPLIT_RULE = (mineral: string, n: number): string =>
  `equal split of the USGS country figure across the N = ${n} ICMM facilities listing ${mineral} (ICMM publishes no capacities)`;

/**
 * Adds facility nodes and their LOCATED_IN links, and flows into the country aggregates. `modelledRefiners` are the
 * refiner aggregates whose output is itself allocated from mines (seed 002): feeding them as well would count twice.
 */
export async function addFacilities(
  sharedDir: string,
  builder: DatasetBuilder,
  countries: CountryIndex,
  tables: Map<string, WorldTable>,
  modelledRefiners: ReadonlySet<string>,
): Promise<{ facilities: number; flows: number }> {
  const rows = await readCsv(sharedDir, ICMM_FILE);
  // aggregate id -> facilities feeding it (their N is the split divisor)
  const feeders = new Map<string, FacilityNode[]>();
  let facilities = 0;
  for (const row of rows) {
    const minerals = mineralsOfCommodities(row.primary_commodity, row.secondary_commodity, row.other_commodities);
    const stages = stagesOfAssetType(row.asset_type!);
    if (!minerals.length || !stages.length) continue;
    const icmmId = row.icmm_id!;
    const iso3 = countries.resolve(row.country!, `${ICMM_FILE} (${icmmId})`);
    const kind = stages.includes('mine') ? 'mine' : 'refiner';
    const lat = num(row.latitude);
    const lon = num(row.longitude);
    const groupNames = (row.group_names ?? '')
      .split(';')
      .map((g) => g.trim())
      .filter((g, i, all) => g && all.indexOf(g) === i);
    const node: FacilityNode = {
      id: `${kind}:${slugify(row.name!) || 'site'}-${icmmId.toLowerCase()}`,
      kind,
      name: row.name!,
      country: iso3,
      minerals,
      ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
      assetType: row.asset_type!,
      icmmId,
      ...(row.confidence ? { confidence: row.confidence } : {}),
      ...(groupNames.length ? { groupNames } : {}),
      source: `${ICMM_SOURCE}, record ${icmmId}`,
      year: 2025,
    };
    builder.addNode(node);
    builder.addLink({ type: 'LOCATED_IN', from: node.id, to: `country:${iso3}`, source: node.source, year: 2025 });
    facilities++;

    for (const mineral of minerals) {
      const table = tables.get(mineral);
      if (!table || !stages.includes(table.stage)) continue;
      const aggregate = table.aggregates.get(iso3);
      if (!aggregate || modelledRefiners.has(aggregate.id)) continue;
      feeders.set(aggregate.id, [...(feeders.get(aggregate.id) ?? []), node]);
    }
  }

  let flows = 0;
  for (const [aggregateId, sites] of [...feeders].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const aggregate = builder.facility(aggregateId)!;
    const mineral = aggregate.mineral!;
    const n = sites.length;
    for (const year of FLOW_YEARS) {
      const output = aggregate.output?.[String(year)];
      if (output === undefined || output <= 0) continue;
      for (const site of sites) {
        builder.addFlow({
          from: site.id,
          to: aggregate.id,
          mineral,
          stage: aggregate.stage!,
          tonnes: round(output / n),
          share: 1,
          year,
          source: `${ICMM_SOURCE} (facility ${site.icmmId}); ${figureSource(aggregate, year)}`,
          estimated: true,
          rule: EQUAL_SPLIT_RULE(mineral, n),
        });
        flows++;
      }
    }
  }
  return { facilities, flows };
}
