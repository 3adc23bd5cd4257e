// Routes of the time analyses (issue 12): trends per mineral, seed 003's three-indicator view with market dynamics,
// seed 001's risk transmission between two importers, and the impact of one removal over a span of years. Declared
// like routes.ts (zod request and response schemas, examples, curl) and appended to its ROUTES table.
import { z } from 'zod';
import { riskTransmission, threeIndicators } from '../analysis/market.ts';
import { impactSpan, parseYearSpan } from '../analysis/span.ts';
import { trend, TREND_MEASURES } from '../analysis/trend.ts';
import { shippedTradeSeries } from '../data/trade.ts';
import { AnalysisContext } from './context.ts';
import { RemovalEntry } from './schemas.ts';
import * as ex from './time-examples.ts';
import { defineRoute, type AnyRoute } from './route.ts';

const slug = z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'a mineral slug such as "niobium"');
const year = z.coerce.number().int().min(1900).max(2100);
const iso3 = z.string().regex(/^[A-Za-z]{3}$/, 'an ISO 3166-1 alpha-3 code such as "USA"');
const num = z.number();
const nullableNum = z.number().nullable();

export const TrendsQuery = z.object({ mineral: slug, measure: z.enum(TREND_MEASURES).optional() }).strict();
export const TrendRowSchema = z
  .object({
    year: num,
    measure: z.enum(TREND_MEASURES),
    value: nullableNum,
    source: z.string(),
    estimated: z.boolean(),
    rule: z.string().optional(),
    stage: z.string().optional(),
    label: z.string().optional(),
  })
  .openapi('TrendRow');
const Direction = z.enum(['rising', 'falling', 'flat']);
export const TrendReportSchema = z
  .object({
    mineral: z.string(),
    measures: z.array(z.string()),
    years: z.array(num),
    rows: z.array(TrendRowSchema),
    seed003: z.array(
      z.object({
        measure: z.literal('supply-risk'),
        stage: z.string(),
        seed: z.object({ table: z.string(), years: z.string(), values: z.record(z.string(), num), direction: Direction, citation: z.string() }),
        ours: z.object({ years: z.string(), direction: Direction }).nullable(),
        agree: z.boolean().nullable(),
        caveat: z.string().optional().openapi({ description: "where the seed's printed form is not our stage's figure (titanium: rutile vs ilmenite + rutile)" }),
      }),
    ),
    notes: z.array(z.string()),
  })
  .openapi('TrendReport');

export const MarketQuery = z.object({ mineral: slug.optional(), year: year.optional() }).strict();
export const ThreeIndicatorSchema = z
  .object({
    mineral: z.string(),
    year: num,
    importDependence: nullableNum,
    importDependenceBasis: z.string().nullable(),
    supplyRisk: nullableNum,
    supplyRiskStage: z.string().nullable(),
    marketDynamics: nullableNum,
    marketWindow: z.string().nullable(),
    seed003Market: z.object({ value2022: nullableNum, direction: Direction, citation: z.string() }).nullable(),
    estimated: z.boolean(),
    notes: z.array(z.string()),
  })
  .openapi('ThreeIndicators');

export const TransmissionQuery = z
  .object({ mineral: slug, a: iso3.default('CHN'), b: iso3.default('USA'), from: year.optional(), to: year.optional() })
  .strict();
export const TransmissionSchema = z
  .object({
    mineral: z.string(),
    importers: z.array(z.string()),
    window: z.array(num),
    years: num,
    sigma: z.array(num),
    rho: num,
    sharedSuppliers: z.array(z.string()),
    sharedImportsUsd: z.array(num),
    totalImportsUsd: z.array(num),
    bilateralYear: num,
    theta: num,
    covarianceEq3: num,
    covarianceEq4: num,
    source: z.string(),
    estimated: z.literal(true),
    rule: z.string(),
  })
  .openapi('RiskTransmission');

export const ImpactYearsBody = z
  .object({
    remove: z
      .array(RemovalEntry)
      .min(1, 'name at least one node id to remove')
      .max(1000, 'at most 1000 ids per removal')
      .openapi({
        description:
          'As POST /api/impact: node ids, `country:CHN/gallium` for an export ban, and a severity per entry, ' +
          '`"country:CHN/gallium@0.4"` or `{"id": "country:CHN/gallium", "severity": 0.4}` (plain ids: severity 1).',
        example: ['country:COD'],
      }),
    mineral: slug.optional().openapi({ example: 'cobalt' }),
    model: z.enum(['proportional', 'rerouting']).optional(),
    draws: z.number().int().min(0).max(5000).optional().openapi({
      description: "Monte-Carlo draws for each year's ranges (default 200 as POST /api/impact; 0 = no ranges).",
    }),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional().openapi({ description: 'Seed of the draws (default 1).' }),
    years: z.string().regex(/^\d{4}(-\d{4})?$/, 'a span such as "2018-2024"').openapi({ example: '2020-2025' }),
  })
  .strict();
export const ImpactSpanSchema = z
  .object({
    removed: z.array(z.string()),
    removals: z.array(z.object({ id: z.string(), severity: num })).openapi({ description: 'The removals with their severities (1 = all of the supply named).' }),
    model: z.string(),
    years: z.array(num),
    available: z.array(num),
    uncertainty: z
      .object({ method: z.literal('monte-carlo'), draws: num, seed: num, percentiles: z.tuple([num, num]) })
      .optional()
      .openapi({ description: "How the rows' ranges were made (as ImpactResult.uncertainty), when draws > 0." }),
    rows: z.array(
      z.object({
        year: num,
        mineral: z.string().nullable(),
        tonnesBefore: nullableNum,
        tonnesLost: nullableNum,
        shareLost: nullableNum,
        productionHhiBefore: nullableNum,
        productionHhiAfter: nullableNum,
        consumersHit: num,
        shareLostRange: z.tuple([num, num]).optional().openapi({ description: "p5-p95 of the year's Monte-Carlo draws (README \"Uncertainty ranges\")." }),
        tonnesLostRange: z.tuple([num, num]).optional(),
        note: z.string().optional(),
      }),
    ),
  })
  .openapi('ImpactSpan');

const trends = defineRoute({
  method: 'get',
  path: '/api/trends',
  operationId: 'trends',
  cache: true,
  tag: 'Analyses',
  summary: "A mineral's series over the years: production HHI, top producer, supply risk, US import reliance, trade concentration",
  description:
    'Rows {year, measure, value, source, estimated} for every year each layer has: production 2020-2025e (USGS MCS 2022-2024 editions and MCS 2026, latest edition per year), US reliance 2021-2025e, trade 2002-2024 (CEPII BACI, V202601, from UN Comtrade; shares by value except 2024, flagged estimated). seed003 compares the supply-risk direction with seed 003 table 2 (2013-2021).',
  query: TrendsQuery,
  response: { description: 'The series of one mineral.', schema: TrendReportSchema, example: ex.trends },
  errors: [404],
  curl: 'curl -s "$BASE/api/trends?mineral=niobium&measure=trade-top-exporter-share"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    const trade = await shippedTradeSeries();
    return AnalysisContext.memo(snap, `trends:${query.mineral}|${query.measure ?? ''}`, () => trend(snap.graph, trade, query));
  },
});

const market = defineRoute({
  method: 'get',
  path: '/api/market-dynamics',
  operationId: 'marketDynamics',
  cache: true,
  tag: 'Analyses',
  summary: "Seed 003's three indicators per mineral and year: import dependence, supply risk, market dynamics (5-year price CV)",
  description:
    'Market dynamics = seed 003 eq. 2-3 on the USGS MCS 2026 US prices 2021-2025e (one 5-year window: 2025), min-max normalised over every mineral; seed003Market is seed 003 table 1 (2013-2022) for comparison.',
  query: MarketQuery,
  response: { description: 'One row per mineral.', schema: z.array(ThreeIndicatorSchema), example: ex.market },
  errors: [404],
  curl: 'curl -s "$BASE/api/market-dynamics?mineral=cobalt"',
  async handler({ query }, ctx) {
    const snap = await ctx.snapshot();
    return threeIndicators(snap.graph, query);
  },
});

const transmission = defineRoute({
  method: 'get',
  path: '/api/risk-transmission',
  operationId: 'riskTransmission',
  cache: true,
  tag: 'Analyses',
  summary: "Seed 001's supply-risk transmission (eq. 3-4) between two importers sharing suppliers, estimated from BACI 2002-2024",
  query: TransmissionQuery,
  response: { description: 'The estimate with its window and inputs.', schema: TransmissionSchema, example: ex.transmission },
  errors: [404],
  curl: 'curl -s "$BASE/api/risk-transmission?mineral=cobalt&a=CHN&b=USA"',
  async handler({ query }) {
    return riskTransmission(await shippedTradeSeries(), query);
  },
});

const impactYears = defineRoute({
  method: 'post',
  path: '/api/impact/years',
  operationId: 'impactYears',
  tag: 'Analyses',
  summary: 'The impact of one removal in every year of a span: a row per year and mineral',
  body: ImpactYearsBody,
  response: { description: 'A row per year (a note where the year has no flows).', schema: ImpactSpanSchema, example: ex.impactYears },
  errors: [404, 422],
  curl: `curl -s $BASE/api/impact/years -d '{"remove":["country:COD"],"mineral":"cobalt","years":"2020-2025"}' -H 'content-type: application/json'`,
  async handler({ body }, ctx) {
    const snap = await ctx.snapshot();
    const { years, ...request } = body;
    return impactSpan(snap.graph, request, parseYearSpan(years));
  },
});

export const TIME_ROUTES: AnyRoute[] = [trends, market, transmission, impactYears];
