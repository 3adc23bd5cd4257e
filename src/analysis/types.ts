// Result shapes of the analysis engine: stable JSON for the CLI (--json), the API and the web view.
// The functions producing them live one per question in this folder (see index.ts).
import type { NodeKind, Stage } from '../domain/model.ts';

export type ProductionStage = Exclude<Stage, 'trade'>;

export interface ProducerShare {
  /** Producer node id (country-level aggregate or facility) or country id when grouped by country. */
  node: string;
  name: string;
  country: string;
  tonnes: number;
  /** 0..1 of world output at that stage and year. */
  share: number;
}

export interface Concentration {
  mineral: string;
  stage: ProductionStage;
  year: number;
  unit?: string;
  worldTonnes: number;
  producers: ProducerShare[];
  /** sum (100 s_i)^2, 0..10,000 (DOMAIN.md). */
  hhi: number;
  top1Share: number;
  top3Share: number;
  producerCount: number;
}

export type HotSpotType = 'both-dependent' | 'us-dependent-china-main-source' | 'us-dependent' | 'china-dependent' | 'none';

export interface Dependency {
  country: string;
  mineral: string;
  year: number;
  /** Supplier country id -> share 0..1 of the country's imports. */
  suppliers: Array<{ country: string; share: number; tonnes: number | null }>;
  /** Published net import reliance 0..1, or null. */
  nir: number | null;
  nirRaw?: string;
  /** The NIR's plausible range: [bound, 1] for ">25"-style censored values, [0, bound] for "<25", [nir, nir] when exact. */
  nirRange?: [number, number];
  /** D = I / (I + P), seed 003 eq. 1, where I and P are known. */
  importDependence: number | null;
  supplierHhi: number;
  hotSpot?: HotSpotType;
  source: string;
}

export interface SupplyRisk {
  mineral: string;
  stage: ProductionStage;
  year: number;
  /** R_raw = sum s_i^2 * G_i (seed 003 eq. 6). */
  rawRisk: number;
  /** Min-max normalised over everything computed (seed 003 eq. 7). */
  risk: number;
  level: 'low' | 'high';
  /** Coverage: share of world output whose country had WGI figures. */
  coverage: number;
}

export interface RiskReport {
  /** Threshold between low and high found by 2-means on `risk`. */
  threshold: number;
  wgiYear: number;
  risks: SupplyRisk[];
}

export type CentralityMetric = 'strength' | 'pagerank' | 'betweenness' | 'closeness' | 'eigenvector';

export interface CentralityScore {
  node: string;
  name: string;
  kind: NodeKind;
  value: number;
  /** Strength only: tonnes in and out (value = in + out). */
  in?: number;
  out?: number;
}

export interface CentralityResult {
  metric: CentralityMetric;
  mineral: string | 'all';
  graph: 'flow' | 'country';
  /** How edges were weighted: e.g. "tonnes as strength", "cost 1/share", "unweighted hops". */
  weighting: string;
  converged?: boolean;
  scores: CentralityScore[];
  /** Data year of the flows used. */
  year?: number;
  /** Betweenness and closeness: the edge cost used. */
  cost?: 'inverse-share' | 'hops';
  /** Sampled betweenness: sources drawn (k of nodeCount) and the seed. */
  sample?: { sources: number; seed: string | number };
  /** Size of the graph the metric ran on. */
  nodeCount?: number;
  edgeCount?: number;
  /** Caveats: flows left out, tonnages estimated, non-convergence. */
  notes?: string[];
}

export type ImpactModel = 'proportional' | 'rerouting';

export interface ImpactRequest {
  /**
   * Node ids; `country:CHN/gallium` style entries remove one country's exports of one mineral (an export ban). An
   * entry may carry a severity, the fraction of that supply removed (0 < severity <= 1, default 1):
   * `"country:CHN/gallium@0.4"` or `{ "id": "country:CHN/gallium", "severity": 0.4 }`.
   */
  remove: Array<string | { id: string; severity?: number }>;
  mineral?: string;
  model?: ImpactModel;
  year?: number;
  /** Propagate host losses to their by-products (BY_PRODUCT_OF links) into `byProducts` (default true). */
  byProducts?: boolean;
  /**
   * Monte-Carlo draws for the uncertainty ranges (`shareLostRange` ...; default 200, 0 = no ranges), and the seed of
   * the draws (default 1): the same request gives the same ranges.
   */
  draws?: number;
  seed?: number;
}

/** A [low, high] range around a point value (p5-p95 of the Monte-Carlo draws, widened to contain the point). */
export type Range = [number, number];

export interface MineralImpact {
  mineral: string;
  tonnesBefore: number;
  tonnesLost: number;
  shareLost: number;
  /** Same value as `supplyHhiBefore` (the original name, kept for API consumers). */
  hhiBefore: number;
  /** Same value as `supplyHhiAfter` (the original name, kept for API consumers). */
  hhiAfter: number;
  /**
   * Supply concentration: HHI of the supplier countries of what reaches consumers (sum over the flows into every
   * consumer, trade partners included, "Other countries" in the total without a term), before and after the removal.
   * Differs from the production HHI wherever trade or rounding separates deliveries from output (niobium 2025: 8709
   * vs 8652).
   */
  supplyHhiBefore?: number;
  supplyHhiAfter?: number;
  /**
   * Production concentration of `stage`: HHI of producer countries' output over the world total, the figure
   * chokepoints' `hhi` and concentration's `hhi` report; after the removal, of the output producers keep over what
   * the world still produces (null when nothing is). Absent without production figures for the stage.
   */
  productionHhiBefore?: number;
  productionHhiAfter?: number | null;
  /** Rerouting model only: what spare capacity could replace; null when capacities are unknown. */
  tonnesRerouted?: number | null;
  unmetTonnes?: number | null;
  capacityKnown?: boolean;
  /** Rerouting model with unknown capacities: what known spare capacity alone can replace. */
  tonnesReroutedLowerBound?: number;
  /** Rerouting model with unknown capacities: unmet demand if no unknown producer could raise output. */
  unmetTonnesUpperBound?: number;
  /** Rerouting model: producers whose capacity is unknown (first 50). */
  unknownCapacityNodes?: string[];
  /** Final production stage delivering to consumers (the stage of `worldProduction`). */
  stage?: ProductionStage;
  /** Tonnes producers (not trade partners) delivered to consumers before the removal. */
  productionBefore?: number;
  /** Of `productionBefore`, what no longer reaches consumers. */
  productionLost?: number;
  /** World production at `stage`: the published world total unless it is below productionBefore (rounding). */
  worldProduction?: number;
  /** The published world total of `stage`, when the mineral node carries one. */
  publishedWorldProduction?: number;
  /** productionLost / worldProduction: the share of world output lost (USGS-style share). */
  productionShareLost?: number;
  /**
   * Uncertainty (issue 13): p5-p95 of `shareLost`, `tonnesLost` and `productionShareLost` over Monte-Carlo draws of
   * every estimated input within its range (uncertainty.ts), widened to contain the point value; zero width when
   * every input the loss depends on is published. Proportional figures only (not the rerouting ones).
   */
  shareLostRange?: Range;
  tonnesLostRange?: Range;
  productionShareLostRange?: Range;
  /** Share of final supply (tonnesBefore) that only the residual consumer country:ROW holds: what the data cannot place. */
  residualShare?: number;
  /** Consumer countries with supply before the removal, country:ROW excluded. */
  namedConsumers?: number;
}

/** A companion mineral's loss through its hosts (by-product coupling, analysis/by-products.ts). */
export interface ByProductImpact {
  mineral: string;
  /** The companion's supply reaching consumers in the year (0 when it has no flows). */
  tonnesBefore: number;
  tonnesLost: number;
  tonnesLostRange: Range;
  /** 1 - prod over hosts of (1 - share x hostShareLost). */
  shareLost: number;
  shareLostRange: Range;
  via: Array<{
    host: string;
    /** Fraction of the companion's primary production that comes with this host (point) and its range. */
    share: number;
    shareRange: Range;
    /** The host's share of world output lost (productionShareLost, else shareLost). */
    hostShareLost: number;
    shareLost: number;
    /** [host mineral id, companion mineral id]. */
    path: string[];
    source: string;
    estimated?: boolean;
    rule?: string;
  }>;
  /** The companion's consumers, each losing shareLost of what it receives. */
  consumers: Array<{ country: string; tonnesBefore: number; tonnesLost: number; tonnesLostRange: Range }>;
}

export interface ConsumerImpact {
  country: string;
  mineral: string;
  tonnesBefore: number;
  tonnesLost: number;
  shareLost: number;
  remainingSuppliers: string[];
  /** Node-id paths along which the loss travelled, largest loss first. */
  paths: Array<{ nodes: string[]; tonnes: number }>;
  /**
   * 'tonnes' (default); 'import-shares' when the consumer's inflows carry no tonnes, only the partners' published
   * shares of its imports: tonnesBefore/tonnesLost are then 0, shareLost and the paths' figures are import shares.
   */
  basis?: 'tonnes' | 'import-shares';
  /** Uncertainty: p5-p95 of shareLost and tonnesLost over the Monte-Carlo draws (see MineralImpact). */
  shareLostRange?: Range;
  tonnesLostRange?: Range;
}

export interface ImpactResult {
  /** The removed ids, without severity. */
  removed: string[];
  /** Every distinct removal entry with its severity (1 = all of it): overlapping entries combine as independent shocks. */
  removals?: Array<{ id: string; severity: number }>;
  model: ImpactModel;
  year: number;
  minerals: MineralImpact[];
  consumers: ConsumerImpact[];
  structure: {
    nodesDisconnected: string[];
    articulationPoints: Record<string, string[]>;
  };
  /** Companion minerals losing supply with their hosts (by-product coupling); absent when none. */
  byProducts?: ByProductImpact[];
  /** How the ranges were made: the method, draws and seed (absent with draws = 0). */
  uncertainty?: { method: 'monte-carlo'; draws: number; seed: number; percentiles: [5, 95] };
  notes: string[];
}

export interface ChokepointRow {
  node: string;
  name: string;
  kind: NodeKind;
  country: string;
  mineral: string;
  stage: ProductionStage;
  year: number;
  share: number;
  /**
   * Production concentration of the market (mineral, stage, year): HHI = sum (100 s_i)^2 over producer countries'
   * output shares of the published world total, as in concentration.ts; null when the market has no production
   * figures that year (unknown, never 0). Not the same figure as impact's supplyHhiBefore (see MineralImpact).
   */
  hhi: number | null;
  hhiContribution: number;
  /** Share of world supply lost when the node is removed (proportional model). */
  impactShare: number;
  consumersHit: number;
  countryRisk: number | null;
  pagerank: number | null;
  /** 1 = the removal that loses the most, within the mineral, stage and level (chokepoints' `level` option). */
  rank: number;
  /** Which group the row is ranked in: a producing country, a national total (country aggregate), a named facility. */
  level: 'country' | 'national-total' | 'facility';
  /**
   * True when `share` rests on a modelling estimate rather than a published figure: a facility's equal split of its
   * country's figure (ICMM lists no capacities), seed 002's allocation of mine output to refining countries, or a
   * country whose figure sums such estimates. `rule` then says which.
   */
  estimated: boolean;
  rule?: string;
  /**
   * With chokepoints' `byProducts` option: the row is a producer of a host of this mineral; impactShare is share x
   * the host supply its removal loses (by-product coupling), and `share` is 0 (it produces no companion).
   */
  via?: { host: string; share: number };
}

export interface Scenario {
  name: string;
  title: string;
  description: string;
  /** As ImpactRequest.remove: ids, `id@severity` or `{ id, severity }`. */
  remove: ImpactRequest['remove'];
  mineral?: string;
  model?: ImpactModel;
  year?: number;
  source: string;
}
