// The refining stage of the seed-002 minerals (nickel, cobalt, lithium, graphite, rare earths): refiner aggregates for
// the paper's processing countries plus "other countries" for the remainder, each fed by every mine aggregate in
// proportion to the 2022 processing shares. No bilateral ore trade is published, so all of it is estimated.
import type { FacilityNode } from '../../domain/model.ts';
import { SEED002_CITATION, SEED002_PROCESSING } from '../sources/seed002.ts';
import type { CountryIndex } from './countries.ts';
import { DatasetBuilder, FLOW_YEARS } from './context.ts';
import { aggregateId, figureSource, OTHER, type WorldTable } from './producers.ts';
import { round } from './util.ts';

export const PROCESSING_RULE =
  'mine output allocated to refining countries in proportion to their 2022 processing shares (seed 002 table 2); no bilateral ore trade is published';
export const REFINER_OUTPUT_RULE = 'refiner output = sum of its estimated inflows from the mine aggregates';

/** Adds the refiner aggregates and mine -> refiner flows; returns the refiner aggregates by mineral. */
export function addProcessingStage(
  builder: DatasetBuilder,
  countries: CountryIndex,
  tables: Map<string, WorldTable>,
): Map<string, FacilityNode[]> {
  const refinersByMineral = new Map<string, FacilityNode[]>();
  for (const [slug, shares] of Object.entries(SEED002_PROCESSING)) {
    const table = tables.get(slug)!;
    const remainder = round(1 - shares.reduce((sum, s) => sum + s.share, 0));
    const targets = [...shares.map((s) => ({ iso3: s.iso3, share: s.share })), ...(remainder > 0 ? [{ iso3: OTHER, share: remainder }] : [])];
    const refiners: FacilityNode[] = [];
    for (const target of targets) {
      const place = target.iso3 === OTHER ? 'Other countries' : countries.nodes.get(target.iso3)?.name ?? target.iso3;
      const id = aggregateId('refined', target.iso3, slug);
      const output: Record<string, number> = {};
      for (const year of FLOW_YEARS) {
        let sum = 0;
        for (const mine of [...table.aggregates.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
          const mined = mine.output?.[String(year)];
          if (mined === undefined || mined <= 0) continue;
          const flow = builder.addFlow({
            from: mine.id,
            to: id,
            mineral: slug,
            stage: 'mine',
            tonnes: round(mined * target.share),
            share: target.share,
            year,
            source: `${figureSource(mine, year)}; ${SEED002_CITATION}`,
            estimated: true,
            rule: PROCESSING_RULE,
          });
          sum += flow.tonnes!;
        }
        output[String(year)] = round(sum);
      }
      const printed = target.iso3 === OTHER ? `remainder ${Math.round(target.share * 100)}%` : `${Math.round(target.share * 100)}%`;
      const node: FacilityNode = {
        id,
        kind: 'refiner',
        name: `${place} ${table.spec.name.toLowerCase()} refining (aggregate, estimated)`,
        country: target.iso3,
        minerals: [slug],
        aggregate: true,
        mineral: slug,
        stage: 'refined',
        output,
        source: `${SEED002_CITATION} (processing share ${printed}) applied to the USGS MCS 2026 ${table.commodity} mine figures`,
        year: 2025,
        estimated: true,
        rule: `${REFINER_OUTPUT_RULE}; ${PROCESSING_RULE}`,
      };
      builder.addNode(node);
      if (target.iso3 !== OTHER) builder.addLink({ type: 'LOCATED_IN', from: node.id, to: `country:${target.iso3}`, source: node.source, year: 2025 });
      refiners.push(node);
    }
    refinersByMineral.set(slug, refiners);
  }
  return refinersByMineral;
}
