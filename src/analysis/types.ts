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
  /** Node ids; `country:CHN/gallium` style entries remove one country's exports of one mineral (an export ban). */
  remove: string[];
  mineral?: string;
  model?: ImpactModel;
  year?: number;
}

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
}

export interface ImpactResult {
  removed: string[];
  model: ImpactModel;
  year: number;
  minerals: MineralImpact[];
  consumers: ConsumerImpact[];
  structure: {
    nodesDisconnected: string[];
    articulationPoints: Record<string, string[]>;
  };
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
}

export interface Scenario {
  name: string;
  title: string;
  description: string;
  remove: string[];
  mineral?: string;
  model?: ImpactModel;
  year?: number;
  source: string;
}
