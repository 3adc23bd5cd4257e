// Named facilities from the ICMM Global Mining Dataset (Sept 2025, V1): every mine, smelter, refinery or processing
// plant listing one of our minerals, LOCATED_IN its country, and flowing into its country's USGS aggregate of that
// mineral and stage. ICMM publishes no capacities, so the country figure is split in proportion to the facility figures
// that exist (a USGS facility-layer capacity matched to the ICMM site, or a company-reported figure from
// sources/company-figures.ts); an equal split across the country's ICMM facilities is the labelled last resort.
import type { FacilityFigure, FacilityNode } from '../../domain/model.ts';
import { COMPANY_FIGURES } from '../sources/company-figures.ts';
import { ICMM_COMMODITIES, type ProductionStage } from '../sources/minerals.ts';
import { matchFacilities, readUsgsFacilities, USGS_FACILITY_SOURCES, type FacilityMatch } from '../sources/usgs-facilities.ts';
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

/** Rule of the last resort: no facility of the country has a figure. */
export const EQUAL_SPLIT_RULE = (mineral: string, n: number): string =>
  `last resort: equal split of the USGS country figure across the N = ${n} ICMM facilities listing ${mineral} (none has a published capacity or production figure)`;

/** Rule of a split in proportion to facility figures (see graph/data/README.md, facility flows). */
export const PROPORTIONAL_RULE = (weight: number, total: number, n: number, without: number): string =>
  `USGS country figure split in proportion to facility figures: this one ${round(weight)} t of ${round(total)} t over ${n} facilities with a figure` +
  (without ? `; ${without} without a figure get no share` : '');

/** Rule of a site run at its capacity when the country's capacities fall short of its total. */
export const AT_CAPACITY_RULE = (total: number, n: number): string =>
  `its published capacity (the ${n} capacities known in the country sum to ${round(total)} t, less than the USGS country figure)`;

/** Rule of the sites without a figure sharing what the capacities leave of the country total. */
export const RESIDUAL_SPLIT_RULE = (rest: number, n: number): string =>
  `equal split across the ${n} ICMM facilities without a published figure of the ${round(rest)} t the known capacities leave of the USGS country figure`;

/** A capacity above this multiple of the country's output of the mineral is read as a mis-keyed row and not used. */
export const IMPLAUSIBLE_CAPACITY_FACTOR = 5;

interface Feeder {
  node: FacilityNode;
  figure: FacilityFigure | undefined;
}

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
): Promise<{ facilities: number; flows: number; matches: FacilityMatch[] }> {
  const rows = await readCsv(sharedDir, ICMM_FILE);
  const company = new Map(COMPANY_FIGURES.map((f) => [`${f.icmmId}|${f.mineral}`, f]));
  // aggregate id -> facilities feeding it
  const feeders = new Map<string, Feeder[]>();
  const nodes: FacilityNode[] = [];
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
    nodes.push(node);
    facilities++;

    for (const mineral of minerals) {
      const table = tables.get(mineral);
      if (!table) continue;
      // A company figure may place a site at the stage it reports (Araxá: ICMM has the plant, CBMM reports the mine).
      const reported = company.get(`${icmmId}|${mineral}`);
      if (!stages.includes(table.stage) && reported?.stage !== table.stage) continue;
      const aggregate = table.aggregates.get(iso3);
      if (!aggregate || modelledRefiners.has(aggregate.id)) continue;
      feeders.set(aggregate.id, [...(feeders.get(aggregate.id) ?? []), { node, figure: undefined }]);
    }
  }

  // Facility figures: company-reported first (they are the more recent, and cover what the USGS layers do not), then
  // USGS capacities matched by country, coordinates, name and operator.
  const usgs = await readUsgsFacilities(sharedDir);
  const countryOf = (name: string): string | undefined => {
    try {
      return countries.resolve(name, 'USGS facility layer');
    } catch {
      return undefined;
    }
  };
  const matches = matchFacilities(usgs, nodes, countryOf);
  attachFigures(builder, feeders, matches, company);

  let flows = 0;
  for (const [aggregateId, sites] of [...feeders].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const aggregate = builder.facility(aggregateId)!;
    const mineral = aggregate.mineral!;
    const withFigure = sites.filter((s) => s.figure !== undefined);
    const without = sites.filter((s) => s.figure === undefined);
    const total = withFigure.reduce((sum, s) => sum + s.figure!.tonnes, 0);
    const capacitiesOnly = withFigure.every((s) => s.figure!.basis === 'capacity');
    if (withFigure.length && without.length) {
      aggregate.notes = [
        ...(aggregate.notes ?? []),
        `facility split: ${withFigure.length} of ${sites.length} ICMM facilities have a published figure (${round(total)} t${capacitiesOnly ? ' of capacity' : ''}); ` +
          (capacitiesOnly
            ? `in a year whose total exceeds those capacities, each gets its capacity and the remainder is split equally among the ${without.length} without one; otherwise the total is split in proportion to the capacities`
            : `the total is split in proportion to those figures and the ${without.length} without one get no share`) +
          ` (${without.slice(0, 4).map((s) => s.node.id).join(', ')}${without.length > 4 ? ', ...' : ''})`,
      ];
    }
    const add = (site: Feeder, year: number, tonnes: number, source: string, rule: string) => {
      builder.addFlow({ from: site.node.id, to: aggregate.id, mineral, stage: aggregate.stage!, tonnes: round(tonnes), share: 1, year, source, estimated: true, rule });
      flows++;
    };
    const equalSource = (site: Feeder, year: number) => `${ICMM_SOURCE} (facility ${site.node.icmmId}); ${figureSource(aggregate, year)}`;
    for (const year of FLOW_YEARS) {
      const output = aggregate.output?.[String(year)];
      if (output === undefined || output <= 0) continue;
      if (!withFigure.length || total <= 0) {
        for (const site of sites) add(site, year, output / sites.length, equalSource(site, year), EQUAL_SPLIT_RULE(mineral, sites.length));
      } else if (capacitiesOnly && without.length && total < output) {
        // Production cannot exceed capacity: the sites with a capacity run at it, the rest share what is left.
        const rest = output - total;
        for (const site of withFigure) add(site, year, site.figure!.tonnes, `${site.figure!.source}; ${figureSource(aggregate, year)}`, AT_CAPACITY_RULE(total, withFigure.length));
        for (const site of without) add(site, year, rest / without.length, equalSource(site, year), RESIDUAL_SPLIT_RULE(rest, without.length));
      } else {
        for (const site of withFigure) {
          add(site, year, (output * site.figure!.tonnes) / total, `${site.figure!.source}; ${figureSource(aggregate, year)}`, PROPORTIONAL_RULE(site.figure!.tonnes, total, withFigure.length, without.length));
        }
      }
    }
  }
  return { facilities, flows, matches };
}

/**
 * Gives each feeder its figure for the aggregate's mineral and stage and records it on the facility node
 * (`figures`). USGS rows of one `c` group share one capacity: it is counted once, and split equally when several ICMM
 * sites match members of the group (said in the reading). Several rows matched to one site (a mine and its plant)
 * describe one operation: the largest capacity is taken, not their sum.
 */
function attachFigures(
  builder: DatasetBuilder,
  feeders: Map<string, Feeder[]>,
  matches: readonly FacilityMatch[],
  company: ReadonlyMap<string, (typeof COMPANY_FIGURES)[number]>,
): void {
  for (const [aggregateId, sites] of feeders) {
    const aggregate = builder.facility(aggregateId)!;
    const mineral = aggregate.mineral!;
    const stage = aggregate.stage as ProductionStage;
    const maxOutput = Math.max(0, ...Object.values(aggregate.output ?? {}));
    const ids = new Set(sites.map((s) => s.node.id));
    const relevant = matches.filter(
      (m) => ids.has(m.icmm.id) && m.usgs.mineral === mineral && m.usgs.stage === stage && m.usgs.capacityTonnes !== undefined,
    );
    // group key -> ICMM sites matched to it (a non-combined row is its own group)
    const groupKey = (m: FacilityMatch) => (m.usgs.combined ? `${m.usgs.layer}|c|${m.usgs.sharedWith.join(',')}` : `${m.usgs.layer}|${m.usgs.uid}|${m.usgs.name}|${m.usgs.product}`);
    const groupSites = new Map<string, Set<string>>();
    for (const m of relevant) groupSites.set(groupKey(m), (groupSites.get(groupKey(m)) ?? new Set()).add(m.icmm.id));
    for (const site of sites) {
      const reported = company.get(`${site.node.icmmId}|${mineral}`);
      if (reported && reported.tonnes !== null && reported.stage === stage) {
        site.figure = {
          mineral,
          stage,
          tonnes: round(reported.tonnes),
          basis: reported.basis === 'capacity' ? 'capacity' : 'production',
          year: reported.year,
          source: `${reported.publication}, ${reported.page}`,
          reading: `${reported.published}; ${reported.reading}`,
          estimated: reported.estimatedReading,
        };
      } else {
        let best: { tonnes: number; m: FacilityMatch; sharedBy: number } | undefined;
        for (const m of relevant) {
          if (m.icmm.id !== site.node.id) continue;
          const sharedBy = groupSites.get(groupKey(m))!.size;
          const tonnes = m.usgs.capacityTonnes! / sharedBy;
          if (maxOutput > 0 && tonnes > IMPLAUSIBLE_CAPACITY_FACTOR * maxOutput) continue;
          if (!best || tonnes > best.tonnes) best = { tonnes, m, sharedBy };
        }
        if (best) {
          const u = best.m.usgs;
          site.figure = {
            mineral,
            stage,
            tonnes: round(best.tonnes),
            basis: 'capacity',
            ...(u.capacityYear !== undefined ? { year: u.capacityYear } : {}),
            source: `${USGS_FACILITY_SOURCES[u.layer]}, feature ${u.uid} "${u.name}"`,
            reading:
              `capacity ${u.capacityRaw} (${u.commodity}, ${u.product || 'product not stated'})` +
              (u.combined ? `, combined over ${u.sharedWith.join(' ')}` : '') +
              (best.sharedBy > 1 ? `, split equally over the ${best.sharedBy} ICMM sites matched to that group` : '') +
              `; matched to ICMM ${site.node.icmmId}: ${best.m.reason}`,
            estimated: u.estimatedCapacity || best.sharedBy > 1,
          };
        }
      }
      if (site.figure) site.node.figures = [...(site.node.figures ?? []), site.figure];
    }
  }
}
