// zod schemas of every request and response of the HTTP API: the same objects validate requests (strict: unknown
// keys are rejected) and generate the OpenAPI 3.1 document (openapi.ts), so the docs cannot drift from the checks.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type {
  CentralityResult,
  ChokepointRow,
  Concentration,
  Dependency,
  ImpactResult,
  RiskReport,
  Scenario,
  SupplyRisk,
} from '../analysis/types.ts';
import type { CoverageRow } from '../analysis/coverage.ts';

extendZodWithOpenApi(z);

/** The most ids one removal may name (issue 4, guards); bodies stay well under the 64 KiB limit at this size. */
export const MAX_REMOVALS = 1000;
export const MAX_PAGE = 500;

const STAGE = z.enum(['mine', 'refined', 'trade']);
const PRODUCTION_STAGE = z.enum(['mine', 'refined']);
const NODE_KIND = z.enum(['country', 'mineral', 'mine', 'refiner']);
const MODEL = z.enum(['proportional', 'rerouting']);
const METRIC = z.enum(['strength', 'pagerank', 'betweenness', 'closeness', 'eigenvector']);

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'a mineral slug: lowercase letters, digits and dashes, e.g. "niobium"');
const year = z.coerce.number().int().min(1900).max(2100);
const nodeId = z.string().min(3).max(200);
const RANGE = z.tuple([z.number(), z.number()]).openapi({ description: '[low, high]' });

// ---------------------------------------------------------------- requests

export const Pagination = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE)
    .optional()
    .openapi({ description: `Page size, 1..${MAX_PAGE}.` }),
  // Number(null) is 0, so the generator would call a coerced `min(0)` nullable: state the query type outright.
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .openapi({ type: 'integer', minimum: 0, maximum: 1_000_000, description: 'Items to skip.' }),
};

export const NoQuery = z.object({}).strict();

export const MineralsQuery = z.object({ ...Pagination }).strict();
export const MineralParams = z.object({ slug: slug.openapi({ example: 'niobium' }) }).strict();

export const NodeParams = z
  .object({
    id: nodeId.openapi({
      example: 'country:BRA',
      description: 'Node id `<kind>:<key>` (URL-encode the colon if your client needs to).',
    }),
  })
  .strict();
export const NodesQuery = z
  .object({
    kind: NODE_KIND.optional(),
    q: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Case-insensitive text found in the id or name.', example: 'brazil' }),
    ...Pagination,
  })
  .strict();

export const GraphQuery = z
  .object({
    mineral: slug.optional().openapi({ example: 'niobium' }),
    stage: STAGE.optional(),
    year: year.optional().openapi({ example: 2025 }),
  })
  .strict();

export const ChokepointsQuery = z
  .object({
    mineral: slug.optional().openapi({ example: 'beryllium' }),
    stage: PRODUCTION_STAGE.optional(),
    year: year.optional(),
    level: z.enum(['country', 'facility', 'all']).optional().openapi({
      description:
        'Which producers to rank: `country` (one row per producing country; the default), `facility` (named mines and refiners only, their shares from published facility figures where they exist) or `all` (countries, national totals and facilities, each group ranked on its own; the row\'s `level` says which). Ranks and `limit` are per level, so no top N names one producer twice.',
    }),
    byProducts: z
      .enum(['true', 'false'])
      .optional()
      .openapi({
        description:
          "Also rank the producers of each mineral's hosts by the companion supply their removal takes (share x host supply lost; rows carry `via`). Default false.",
      }),
    ...Pagination,
  })
  .strict();

/** The fraction of a supply one removal takes away: 0 < severity <= 1 (1 = all of it). */
const severity = z.number().gt(0, 'severity must be > 0 (the fraction of the supply removed)').max(1, 'severity must be <= 1 (1 = all of it)');

/** One removal: an id (optionally `id@severity`) or `{ id, severity }`. */
export const RemovalEntry = z
  .union([
    nodeId.openapi({ description: 'A node id, or `id@severity` (e.g. `country:CHN/gallium@0.4`).' }),
    z
      .object({
        id: nodeId,
        severity: severity.optional().openapi({
          description: 'Fraction of the supply removed, 0 < severity <= 1 (default 1: all of it).',
          example: 0.4,
        }),
      })
      .strict(),
  ])
  .openapi('Removal');

export const ImpactBody = z
  .object({
    remove: z
      .array(RemovalEntry)
      .min(1, 'name at least one node id to remove')
      .max(MAX_REMOVALS, `at most ${MAX_REMOVALS} ids per removal`)
      .openapi({
        description:
          "What to remove: node ids; `country:CHN/gallium` removes one country's exports of one mineral (an export ban). " +
          'An entry may carry a severity, the fraction of that supply removed: `"country:CHN/gallium@0.4"` or ' +
          '`{"id": "country:CHN/gallium", "severity": 0.4}` (plain ids: severity 1). Overlapping removals of the same supply ' +
          'combine as independent shocks: the fractions left multiply (0.5 and 0.5 leave 0.25).',
        example: ['country:BRA'],
      }),
    mineral: slug.optional().openapi({ example: 'niobium' }),
    model: MODEL.optional(),
    year: z.number().int().min(1900).max(2100).optional(),
    byProducts: z.boolean().optional().openapi({
      description: 'Propagate host losses to their by-products (BY_PRODUCT_OF links) into `byProducts` (default true).',
    }),
    draws: z.number().int().min(0).max(5000).optional().openapi({
      description: 'Monte-Carlo draws for the uncertainty ranges (default 200; 0 = no ranges).',
    }),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional().openapi({ description: 'Seed of the draws (default 1).' }),
  })
  .strict()
  .openapi('ImpactRequest');

export const ScenarioParams = z
  .object({ name: z.string().min(1).max(100).openapi({ example: 'brazil-niobium-outage' }) })
  .strict();
export const ScenarioRunBody = z
  .object({ model: MODEL.optional(), year: z.number().int().min(1900).max(2100).optional() })
  .strict()
  .openapi('ScenarioRunRequest', { description: "Optional overrides of the scenario's model and year." });

export const CentralityQuery = z
  .object({
    metric: METRIC.optional().openapi({ description: 'Default pagerank.' }),
    mineral: slug.optional().openapi({ example: 'cobalt' }),
    graph: z.enum(['flow', 'country']).optional(),
    year: year.optional(),
    ...Pagination,
  })
  .strict();

export const RiskQuery = z
  .object({
    mineral: slug.optional(),
    year: year.optional(),
    perspective: z
      .string()
      .regex(/^([A-Za-z]{3}|EU|eu|EU27|eu27)$/, 'an ISO 3166-1 alpha-3 code such as "JPN", or EU')
      .optional()
      .openapi({
        description:
          'Importer perspective: the EU CRM supply risk SR (Blengini et al. 2017), gross (EoL_RIR = 0, SI = 1), for one country or EU (the 27 member states as one importer). The response is then a PerspectiveReport.',
      }),
  })
  .strict();

export const CountryParams = z
  .object({
    iso3: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'an ISO 3166-1 alpha-3 code such as "USA"')
      .openapi({ example: 'USA' }),
  })
  .strict();
export const DependenciesQuery = z.object({ mineral: slug.optional(), year: year.optional() }).strict();

export const ExportQuery = z
  .object({
    format: z.enum(['gexf', 'json', 'csv']).optional().openapi({ description: 'Default gexf (opens in Gephi Lite).' }),
    mineral: slug.optional(),
    stage: STAGE.optional(),
    year: year.optional(),
  })
  .strict();

export const CypherBody = z
  .object({
    name: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'A library query (graph/queries; GET /api/cypher/queries lists them). Give name or query.', example: 'top-producers' }),
    query: z
      .string()
      .min(1)
      .max(10_000)
      .optional()
      .openapi({
        description: 'Ad-hoc read-only Cypher text; only when the server runs with CHOKEPOINT_ENABLE_CYPHER=1. Give name or query.',
        example: 'MATCH (m:Mineral) RETURN m.slug AS slug ORDER BY slug LIMIT 3',
      }),
    params: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "Parameters; for a library query exactly the ones its header declares, of its example's types.", example: { mineral: 'niobium', stage: 'mine', year: 2025, limit: 3 } }),
    limit: z.number().int().min(1).max(10_000).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.name === undefined) === (body.query === undefined)) {
      ctx.addIssue({ code: 'custom', path: [body.name === undefined ? 'name' : 'query'], message: 'give exactly one of "name" (a library query) or "query" (Cypher text)' });
    }
  })
  .openapi('CypherRequest');

export const LibraryQuerySchema = z
  .object({
    name: z.string(),
    purpose: z.string(),
    parameters: z.array(z.object({ name: z.string(), description: z.string() })),
    example: z.record(z.string(), z.unknown()),
    columns: z.array(z.string()),
  })
  .openapi('LibraryQuery');
export const LibraryQueryList = z.array(LibraryQuerySchema).openapi('LibraryQueryList');

// ---------------------------------------------------------------- responses
// Response schemas are not strict (analyses may add optional fields); `satisfies` keeps them in step with types.ts.

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const num = z.number();
const nullableNum = z.number().nullable();

export const Counts = z
  .object({ minerals: num, countries: num, mines: num, refiners: num, flows: num, sources: num })
  .openapi('DatasetCounts');

export const Health = z
  .object({
    status: z.literal('ok'),
    store: z.object({ kind: z.enum(['memory', 'embedded', 'neo4j']) }),
    datasetVersion: z.string(),
    counts: Counts,
    graph: z.object({ nodes: num, edges: num, years: z.array(num) }),
    uptimeSeconds: num,
  })
  .openapi('Health');

export const ProducerShareSchema = z
  .object({ node: z.string(), name: z.string(), country: z.string(), tonnes: num, share: num })
  .openapi('ProducerShare');

export const ConcentrationSchema = z
  .object({
    mineral: z.string(),
    stage: PRODUCTION_STAGE,
    year: num,
    unit: z.string().optional(),
    worldTonnes: num,
    producers: z.array(ProducerShareSchema),
    hhi: num,
    top1Share: num,
    top3Share: num,
    producerCount: num,
    worldTonnesSource: z.enum(['published', 'sum-of-producers']).optional(),
    producersTonnes: num.optional(),
    publishedWorldTonnes: nullableNum
      .optional()
      .openapi({ description: 'The published world total (USGS), when known.' }),
    otherTonnes: num.optional().openapi({ description: '"Other countries": in the world total, outside the HHI.' }),
    producerNodes: z.array(z.string()).optional(),
    notes: z.array(z.string()).optional(),
  })
  .openapi('Concentration') satisfies z.ZodType<Concentration>;

export const SupplyRiskSchema = z
  .object({
    mineral: z.string(),
    stage: PRODUCTION_STAGE,
    year: num,
    rawRisk: num,
    risk: num,
    level: z.enum(['low', 'high']),
    coverage: num,
  })
  .openapi('SupplyRisk') satisfies z.ZodType<SupplyRisk>;

export const RiskReportSchema = z
  .object({ threshold: num, wgiYear: num, risks: z.array(SupplyRiskSchema) })
  .openapi('RiskReport') satisfies z.ZodType<RiskReport>;

export const PerspectiveRiskSchema = z
  .object({
    perspective: z.string().openapi({ description: 'ISO3 of the importer, or EU.' }),
    mineral: z.string(),
    stage: PRODUCTION_STAGE.nullable(),
    year: num,
    sr: num.openapi({ description: 'SR = [HHI_WGI,supply x IR/2 + HHI_WGI,sourcing x (1 - IR/2)] x (1 - EoL_RIR) x SI.' }),
    ir: num.openapi({ description: 'Import reliance (imports - exports) / apparent consumption, 0..1, from the flows.' }),
    hhiWgiSupply: num.openapi({ description: 'sum s^2 G over producer countries of global supply at the traded stage.' }),
    hhiWgiSourcing: num.openapi({ description: "sum s^2 G over the importer's suppliers." }),
    eolRir: z.literal(0),
    si: z.literal(1),
    gross: z.literal(true).openapi({ description: 'No recycling-input or substitution data: EoL_RIR = 0 and SI = 1.' }),
    imports: num,
    exports: num,
    consumption: num,
    topSuppliers: z.array(z.object({ country: z.string(), share: num })),
    noImports: z.boolean(),
  })
  .openapi('PerspectiveRisk');
export const PerspectiveReportSchema = z
  .object({
    perspective: z.string(),
    members: z.array(z.string()),
    year: num,
    method: z.string(),
    risks: z.array(PerspectiveRiskSchema),
    notes: z.array(z.string()),
    sources: z.array(z.string()),
  })
  .openapi('PerspectiveReport');
export const RiskResponseSchema = z.union([RiskReportSchema, PerspectiveReportSchema]).openapi('RiskResponse');

const ListsSchema = z.object({
  us2022: z.boolean().optional(),
  eu2023: z.boolean().optional(),
  cn2016: z.boolean().optional(),
});

export const MineralSummary = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    lists: ListsSchema,
    stages: z.array(PRODUCTION_STAGE),
    year: num.nullable().openapi({ description: 'Latest year with production figures.' }),
    hhi: nullableNum.openapi({ description: 'HHI of the first stage in the latest year.' }),
    topProducer: z.object({ country: z.string(), share: num }).nullable(),
  })
  .openapi('MineralSummary');

function page<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ total: num, limit: num, offset: num, items: z.array(item) })
    .openapi(name, { description: 'One page of a list: `total` items match, `items` starts at `offset`.' });
}

export const MineralPage = page(MineralSummary, 'MineralPage');

const ProducerNode = z
  .object({
    node: z.string(),
    name: z.string(),
    country: z.string(),
    aggregate: z.boolean(),
    tonnes: nullableNum.openapi({ description: 'Output in the latest year, mineral units.' }),
  })
  .openapi('ProducerNode');

export const MineralDetail = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    lists: ListsSchema,
    units: z.record(z.string(), z.string()),
    applications: z.array(z.string()),
    source: z.string(),
    year: num.nullable(),
    concentration: z.array(ConcentrationSchema),
    risk: z.array(SupplyRiskSchema),
    producers: z.record(z.string(), z.array(ProducerNode)).openapi({
      description: 'Producer nodes by stage (country aggregates and named facilities), largest output first.',
    }),
  })
  .openapi('MineralDetail');

export const NodeSummary = z
  .object({ id: z.string(), kind: NODE_KIND, name: z.string(), country: z.string().optional() })
  .openapi('NodeSummary');
export const NodePage = page(NodeSummary, 'NodePage');

const FlowPeer = z.object({
  node: z.string(),
  name: z.string(),
  mineral: z.string(),
  stage: STAGE,
  tonnes: nullableNum,
});

export const NodeDetail = z
  .object({
    id: z.string(),
    kind: NODE_KIND,
    attributes: z.record(z.string(), z.unknown()),
    sources: z.array(z.object({ source: z.string(), year: num, records: num })),
    metrics: z.object({
      year: num.nullable(),
      flowsIn: num,
      flowsOut: num,
      tonnesIn: z.record(z.string(), num),
      tonnesOut: z.record(z.string(), num),
      production: z.array(
        z.object({ mineral: z.string(), stage: PRODUCTION_STAGE, year: num, tonnes: num, share: num, hhi: num }),
      ),
      governanceRisk: nullableNum.optional(),
    }),
    suppliers: z.array(FlowPeer),
    customers: z.array(FlowPeer),
  })
  .openapi('NodeDetail');

export const SerializedGraph = z
  .object({
    options: z.object({ type: z.string(), multi: z.boolean(), allowSelfLoops: z.boolean() }),
    attributes: z.record(z.string(), z.unknown()),
    nodes: z.array(z.object({ key: z.string(), attributes: z.record(z.string(), z.unknown()) })),
    edges: z.array(
      z.object({
        key: z.string(),
        source: z.string(),
        target: z.string(),
        attributes: z.object({ mineral: z.string(), stage: STAGE, tonnes: nullableNum, year: num }).loose(),
      }),
    ),
  })
  .openapi('SerializedGraph', { description: 'graphology `graph.export()` of the filtered subgraph.' });

export const ChokepointRowSchema = z
  .object({
    node: z.string(),
    name: z.string(),
    kind: NODE_KIND,
    country: z.string(),
    mineral: z.string(),
    stage: PRODUCTION_STAGE,
    year: num,
    share: num,
    hhi: nullableNum.openapi({
      description:
        "Production concentration of the market (mineral, stage, year): sum of (100 x each producer country's share of world output)^2, 0..10,000; null when the market has no production figures that year.",
    }),
    hhiContribution: num,
    impactShare: num,
    consumersHit: num,
    countryRisk: nullableNum,
    pagerank: nullableNum,
    rank: num.openapi({ description: '1 = the removal that loses the most, within the mineral, stage and level.' }),
    level: z.enum(['country', 'national-total', 'facility']).openapi({
      description: 'The group the row is ranked in: a producing country, a national total (country aggregate or "Other countries"), or a named facility.',
    }),
    estimated: z.boolean().openapi({
      description:
        "True when `share` rests on a modelling rule (a facility's share of its country figure split in proportion to published facility figures, or an equal split where none exists; seed 002's refining allocation), not a published figure. `rule` says which.",
    }),
    rule: z.string().optional().openapi({ description: 'With `estimated`: the rule that produced the figure.' }),
    via: z
      .object({ host: z.string(), share: num })
      .optional()
      .openapi({ description: 'With byProducts=true: the row is a producer of this host; impactShare = share x host supply lost.' }),
  })
  .openapi('ChokepointRow') satisfies z.ZodType<ChokepointRow>;
export const ChokepointPage = page(ChokepointRowSchema, 'ChokepointPage');

export const CoverageQuery = z.object({ mineral: slug.optional(), year: year.optional() }).strict();
export const CoverageRowSchema = z
  .object({
    mineral: z.string(),
    stage: PRODUCTION_STAGE,
    year: num,
    worldTonnes: num.openapi({ description: 'Sum of the country totals (USGS world table, Other countries included), tonnes to 0.001.' }),
    sourcedTonnes: num.openapi({ description: 'Tonnes carried by facilities with a published figure (USGS facility capacity or company report).' }),
    equalSplitTonnes: num.openapi({ description: 'Tonnes carried by facilities without a figure (equal split, the labelled last resort).' }),
    aggregateOnlyTonnes: num.openapi({ description: 'Tonnes no facility carries: the country total stands alone.' }),
    sourcedShare: num.openapi({ description: 'sourcedTonnes / worldTonnes.' }),
    facilitiesWithFigure: num,
    facilities: num.openapi({ description: 'Facilities carrying tonnes of the market that year.' }),
  })
  .openapi('CoverageRow') satisfies z.ZodType<CoverageRow>;
export const CoverageReport = z.array(CoverageRowSchema).openapi('CoverageReport');

export const ImpactResultSchema = z
  .object({
    removed: z.array(z.string()).openapi({ description: 'The removed ids, without severity.' }),
    removals: z
      .array(z.object({ id: z.string(), severity: num }))
      .optional()
      .openapi({ description: 'Every distinct removal with its severity (1 = all of it).' }),
    model: MODEL,
    year: num,
    minerals: z.array(
      z.object({
        mineral: z.string(),
        tonnesBefore: num,
        tonnesLost: num,
        shareLost: num,
        hhiBefore: num.openapi({ description: 'Same as supplyHhiBefore (original name, kept).' }),
        hhiAfter: num.openapi({ description: 'Same as supplyHhiAfter (original name, kept).' }),
        supplyHhiBefore: num.optional().openapi({
          description:
            'Supply concentration: HHI of the supplier countries of what reaches consumers (trade partners included), before the removal.',
        }),
        supplyHhiAfter: num.optional(),
        productionHhiBefore: num.optional().openapi({
          description:
            "Production concentration of `stage`: HHI of producer countries' output over the world total (the `hhi` of /api/chokepoints and concentration).",
        }),
        productionHhiAfter: nullableNum.optional().openapi({
          description: 'Production HHI of the output producers keep after the removal; null when nothing is produced.',
        }),
        tonnesRerouted: nullableNum.optional(),
        unmetTonnes: nullableNum.optional(),
        capacityKnown: z.boolean().optional(),
        tonnesReroutedLowerBound: num.optional(),
        unknownCapacityNodes: z.array(z.string()).optional(),
        stage: PRODUCTION_STAGE.optional(),
        productionBefore: num.optional(),
        productionLost: num.optional(),
        worldProduction: num.optional(),
        publishedWorldProduction: num.optional(),
        unmetTonnesUpperBound: num.optional(),
        productionShareLost: num.optional().openapi({ description: 'Share of world output lost (USGS-style share).' }),
        shareLostRange: RANGE.optional().openapi({
          description:
            'Uncertainty of shareLost: [p5, p95] over seeded Monte-Carlo draws of every estimated input within its range (widened to contain the point value); zero width when every input is published.',
        }),
        tonnesLostRange: RANGE.optional(),
        productionShareLostRange: RANGE.optional(),
        residualShare: num.optional().openapi({ description: 'Share of final supply held by country:ROW, the residual the data cannot place.' }),
        namedConsumers: num.optional().openapi({ description: 'Consumer countries with supply before the removal, ROW excluded.' }),
      }),
    ),
    consumers: z.array(
      z.object({
        country: z.string(),
        mineral: z.string(),
        tonnesBefore: num,
        tonnesLost: num,
        shareLost: num,
        remainingSuppliers: z.array(z.string()),
        paths: z.array(z.object({ nodes: z.array(z.string()), tonnes: num })),
        basis: z.enum(['tonnes', 'import-shares']).optional(),
        shareLostRange: RANGE.optional().openapi({ description: 'Uncertainty of shareLost: [p5, p95] of the Monte-Carlo draws.' }),
        tonnesLostRange: RANGE.optional(),
      }),
    ),
    byProducts: z
      .array(
        z.object({
          mineral: z.string().openapi({ description: 'The companion (by-product) mineral.' }),
          tonnesBefore: num,
          tonnesLost: num,
          tonnesLostRange: RANGE,
          shareLost: num.openapi({ description: '1 - product over hosts of (1 - share x hostShareLost).' }),
          shareLostRange: RANGE,
          via: z.array(
            z.object({
              host: z.string(),
              share: num.openapi({ description: "Fraction of the companion's primary production recovered with this host." }),
              shareRange: RANGE,
              hostShareLost: num,
              shareLost: num,
              path: z.array(z.string()).openapi({ description: '[host mineral id, companion mineral id]' }),
              source: z.string(),
              estimated: z.boolean().optional(),
              rule: z.string().optional(),
            }),
          ),
          consumers: z.array(z.object({ country: z.string(), tonnesBefore: num, tonnesLost: num, tonnesLostRange: RANGE })),
        }),
      )
      .optional()
      .openapi({ description: 'Companion minerals losing supply with their hosts (BY_PRODUCT_OF links, by-product coupling).' }),
    uncertainty: z
      .object({ method: z.literal('monte-carlo'), draws: num, seed: num, percentiles: z.tuple([z.literal(5), z.literal(95)]) })
      .optional()
      .openapi({ description: 'How the ranges were made (absent with draws = 0).' }),
    structure: z.object({
      nodesDisconnected: z.array(z.string()),
      articulationPoints: z.record(z.string(), z.array(z.string())),
    }),
    notes: z.array(z.string()),
  })
  .openapi('ImpactResult') satisfies z.ZodType<ImpactResult>;

export const ScenarioSchema = z
  .object({
    name: z.string(),
    title: z.string(),
    description: z.string(),
    remove: z.array(RemovalEntry),
    mineral: z.string().optional(),
    model: MODEL.optional(),
    year: num.optional(),
    source: z.string(),
  })
  .openapi('Scenario') satisfies z.ZodType<Scenario>;
export const ScenarioList = z.object({ items: z.array(ScenarioSchema) }).openapi('ScenarioList');
export const ScenarioRun = z.object({ scenario: ScenarioSchema, result: ImpactResultSchema }).openapi('ScenarioRun');

export const CentralityResultSchema = z
  .object({
    metric: METRIC,
    mineral: z.string(),
    graph: z.enum(['flow', 'country']),
    weighting: z.string(),
    converged: z.boolean().optional(),
    scores: z.array(
      z.object({
        node: z.string(),
        name: z.string(),
        kind: NODE_KIND,
        value: num,
        in: num.optional(),
        out: num.optional(),
      }),
    ),
    year: num.optional(),
    cost: z.enum(['inverse-share', 'hops']).optional(),
    sample: z.object({ sources: num, seed: z.union([z.string(), num]) }).optional(),
    nodeCount: num.optional(),
    edgeCount: num.optional(),
    notes: z.array(z.string()).optional(),
    total: num.openapi({ description: 'Scores before paging; `scores` is sorted by value, descending.' }),
    limit: num,
    offset: num,
  })
  .openapi('CentralityResult') satisfies z.ZodType<CentralityResult>;

export const DependencySchema = z
  .object({
    country: z.string(),
    mineral: z.string(),
    year: num,
    suppliers: z.array(z.object({ country: z.string(), share: num, tonnes: nullableNum })),
    nir: nullableNum,
    nirRaw: z.string().optional(),
    nirRange: RANGE.optional().openapi({ description: 'Plausible range of the NIR: [bound, 1] for a censored ">25", [0, bound] for "<25", zero width when exact.' }),
    importDependence: nullableNum,
    supplierHhi: num,
    hotSpot: z
      .enum(['both-dependent', 'us-dependent-china-main-source', 'us-dependent', 'china-dependent', 'none'])
      .optional(),
    source: z.string(),
    importReliance: nullableNum.optional().openapi({ description: 'IR = (imports - exports) / apparent consumption from the flows of the year.' }),
    supplierRiskWgi: num.optional().openapi({ description: 'WGI-weighted supplier risk: sum of share^2 x G over suppliers.' }),
    hotSpotComputed: z
      .object({
        type: z.enum(['both-dependent', 'us-dependent-china-main-source', 'us-dependent', 'china-dependent', 'none']),
        year: num,
        usIr: nullableNum,
        usIrFrom: z.enum(['usgs-nir', 'flows', 'none']),
        chinaIr: nullableNum,
        chinaMainSource: z.boolean(),
        method: z.string(),
      })
      .optional()
      .openapi({ description: "Seed 000's hot-spot type recomputed from the data of the year asked." }),
    hotSpotSeed2017: z
      .enum(['both-dependent', 'us-dependent-china-main-source', 'us-dependent', 'china-dependent', 'none'])
      .optional()
      .openapi({ description: "Seed 000's own 2017 classification (USA, CHN), for comparison." }),
  })
  .openapi('Dependency') satisfies z.ZodType<Dependency>;
export const DependencyList = z
  .object({ country: z.string(), name: z.string(), items: z.array(DependencySchema) })
  .openapi('DependencyList');

export const CypherResultSchema = z
  .object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())), truncated: z.boolean() })
  .openapi('CypherResult');
