// The analysis engine's public surface: every analysis function, and the registry (STYLE.md habit 8) from which
// API routes, CLI commands and web panels can be derived: id, title, parameter schema (zod), outputs, run().
import { z } from 'zod';
import type { SupplyGraph } from '../domain/graph.ts';
import { InvalidInputError } from '../domain/errors.ts';
import { concentration } from './concentration.ts';
import { dependencies, hotSpots } from './dependency.ts';
import { supplyRisk } from './risk.ts';
import { impact, MAX_REMOVALS } from './impact.ts';
import { centrality } from './centrality.ts';
import { chokepoints } from './chokepoints.ts';

export * from './types.ts';
export {
  concentration,
  producerFigures,
  publishedWorldTotal,
  DEFAULT_CONCENTRATION_OPTIONS,
  PRODUCTION_STAGES,
  type ConcentrationDetail,
  type ConcentrationOptions,
} from './concentration.ts';
export {
  dependencies,
  hotSpots,
  DEFAULT_DEPENDENCY_OPTIONS,
  type DependencyDetail,
  type DependencyOptions,
  type HotSpotEntry,
  type HotSpotReport,
} from './dependency.ts';
export {
  supplyRisk,
  countryGovernanceRisk,
  countryGovernance,
  twoMeans,
  DEFAULT_RISK_OPTIONS,
  type TwoMeansResult,
  type GovernanceRisk,
  type RiskOptions,
  type RiskReportDetail,
  type SupplyRiskDetail,
} from './risk.ts';
export {
  impact,
  parseRemovals,
  proportionalLoss,
  DEFAULT_IMPACT_OPTIONS,
  IMPACT_MODELS,
  MAX_REMOVALS,
  type ImpactOptions,
  type RemovalSet,
} from './impact.ts';
export {
  chokepoints,
  CHOKEPOINT_LEVELS,
  DEFAULT_CHOKEPOINT_OPTIONS,
  type ChokepointLevel,
  type ChokepointOptions,
} from './chokepoints.ts';
export { facilityCoverage, DEFAULT_COVERAGE_OPTIONS, type CoverageRow, type CoverageOptions } from './coverage.ts';
export { runScenario, type ScenarioResult } from './scenario.ts';
export { FlowNetwork } from './maxflow.ts';
export { articulationPoints } from './articulation.ts';
export { defaultYear, graphIndex, mineralYearIndex, type MineralYearIndex } from './flow-index.ts';
export { resolveOptions, productionYears, OTHER_COUNTRIES } from './common.ts';
export * from './centrality.ts';
export {
  perspectiveRisk,
  residualByMineral,
  type ResidualRow,
  computedHotSpot,
  profileOf,
  EU27,
  SR_METHOD,
  HOT_SPOT_METHOD,
  type PerspectiveReport,
  type PerspectiveRisk,
  type TradeProfile,
  type ComputedHotSpot,
} from './perspective.ts';
import { perspectiveRisk } from './perspective.ts';

/** One registered analysis. `run` validates its parameters against `parameters` (InvalidInputError otherwise). */
export interface AnalysisDefinition<P extends z.ZodType = z.ZodType, R = unknown> {
  id: string;
  title: string;
  description: string;
  parameters: P;
  /** What the result is, in one line (the result types live in types.ts). */
  outputs: string;
  run(graph: SupplyGraph, params: z.input<P>): R;
}

const slug = z.string().min(1).describe('mineral slug, e.g. niobium');
const year = z.number().int().describe('data year (default: the latest with flows and production figures)');
const stage = z.enum(['mine', 'refined']).describe('production stage');

/** Validates registry parameters; zod issues become InvalidInputError problems naming each field. */
function parse<P extends z.ZodType>(id: string, schema: P, params: unknown): z.output<P> {
  const parsed = schema.safeParse(params ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({ field: i.path.join('.') || undefined, message: i.message }));
  throw new InvalidInputError(`${id}: ${problems.map((p) => `${p.field ?? 'parameters'}: ${p.message}`).join('; ')}`, problems);
}

function define<P extends z.ZodType, R>(def: AnalysisDefinition<P, R>): AnalysisDefinition<P, R> {
  return { ...def, run: (graph, params) => def.run(graph, parse(def.id, def.parameters, params) as z.input<P>) };
}

export const concentrationParameters = z.object({ mineral: slug.optional(), stage: stage.optional(), year: year.optional() }).strict();
export const dependencyParameters = z
  .object({ country: z.string().min(1).describe('consumer ISO3 or country id, e.g. USA').optional(), mineral: slug.optional(), year: year.optional() })
  .strict();
export const riskParameters = z.object({ mineral: slug.optional(), year: year.optional() }).strict();
export const perspectiveParameters = z
  .object({
    perspective: z.string().min(1).describe('importer: ISO3 (e.g. JPN) or EU (the 27 member states as one importer)'),
    mineral: slug.optional(),
    year: year.optional(),
  })
  .strict();
export const impactParameters = z
  .object({
    remove: z
      .array(z.string().min(1))
      .min(1)
      .max(MAX_REMOVALS)
      .describe('node ids; country:X removes X and everything located in it; country:X/<mineral> is an export ban'),
    mineral: slug.optional(),
    model: z.enum(['proportional', 'rerouting']).optional(),
    year: year.optional(),
  })
  .strict();
export const chokepointParameters = z
  .object({
    mineral: slug.optional(),
    stage: stage.optional(),
    year: year.optional(),
    limit: z.number().int().min(1).optional(),
    level: z.enum(['country', 'facility', 'all']).describe('country rows, facility rows, or both (default)').optional(),
  })
  .strict();

export const centralityParameters = z
  .object({
    metric: z.enum(['strength', 'pagerank', 'betweenness', 'closeness', 'eigenvector']),
    mineral: z.string().min(1).describe("mineral slug, or 'all' (default)").optional(),
    graph: z.enum(['flow', 'country']).optional(),
    year: year.optional(),
    cost: z.enum(['inverse-share', 'hops']).describe('betweenness/closeness edge cost (default 1/share)').optional(),
    sample: z.number().int().min(1).describe('betweenness: sampled sources').optional(),
    seed: z.union([z.string(), z.number()]).optional(),
  })
  .strict();

export const ANALYSES = [
  define({
    id: 'concentration',
    title: 'Production concentration',
    description: 'Producer-country shares, HHI and top-1/top-3 shares per mineral, stage and year (DOMAIN.md).',
    parameters: concentrationParameters,
    outputs: 'Concentration[]',
    run: (graph, p) => concentration(graph, p),
  }),
  define({
    id: 'dependencies',
    title: 'Import dependence',
    description: "A consuming country's suppliers, net import reliance, D = I/(I+P) (seed 003 eq. 1) and supplier HHI.",
    parameters: dependencyParameters,
    outputs: 'Dependency[]',
    run: (graph, p) => dependencies(graph, p),
  }),
  define({
    id: 'hot-spots',
    title: 'US-China hot-spot types (seed 000)',
    description: 'The three hot-spot types of seed 000 computed from its tables: both dependent, US dependent, China dependent.',
    parameters: z.object({}).strict(),
    outputs: 'HotSpotReport',
    run: (graph) => hotSpots(graph),
  }),
  define({
    id: 'risk',
    title: 'WGI-weighted supply risk',
    description: 'R = sum s_i^2 G_i, min-max normalised, low/high by 2-means (seed 003 eq. 4-7).',
    parameters: riskParameters,
    outputs: 'RiskReport',
    run: (graph, p) => supplyRisk(graph, p),
  }),
  define({
    id: 'perspective-risk',
    title: 'Supply risk from an importer perspective (EU CRM)',
    description:
      'SR = [HHI_WGI(global supply) x IR/2 + HHI_WGI(importer sourcing) x (1 - IR/2)] x (1 - EoL_RIR) x SI, gross (EoL_RIR = 0, SI = 1); Blengini et al. 2017.',
    parameters: perspectiveParameters,
    outputs: 'PerspectiveReport',
    run: (graph, p) => perspectiveRisk(graph, p),
  }),
  define({
    id: 'impact',
    title: 'Node-removal impact',
    description: 'Who loses how much of which mineral if nodes, countries or one export flow disappear (proportional or rerouting).',
    parameters: impactParameters,
    outputs: 'ImpactResult',
    run: (graph, p) => impact(graph, p),
  }),
  define({
    id: 'chokepoints',
    title: 'Chokepoints',
    description: 'Every producer of each mineral and stage ranked by the share of world supply its removal loses.',
    parameters: chokepointParameters,
    outputs: 'ChokepointRow[]',
    run: (graph, p) => chokepoints(graph, p),
  }),
  define({
    id: 'centrality',
    title: 'Centrality',
    description:
      'Strength, PageRank, betweenness, closeness or eigenvector on the flow or country graph; tonnes as strength, 1/share or hops as cost.',
    parameters: centralityParameters,
    outputs: 'CentralityResult',
    run: (graph, p) => centrality(graph, p),
  }),
] as const;

export type AnalysisId = (typeof ANALYSES)[number]['id'];
