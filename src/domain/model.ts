// The supply-chain data model: node and flow records as stored, shipped in graph/data and imported by users.
// See ../shared/docs/DOMAIN.md ("The graph") for the meaning of each field.

/** Node kinds. Ids are `<kind>:<key>`: `country:BRA`, `mineral:niobium`, `mine:<slug>`, `refiner:<slug>`. */
export const NODE_KINDS = ['country', 'mineral', 'mine', 'refiner'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** The stage of the product a flow carries: mine output, refined output, or country-to-country trade. */
export const STAGES = ['mine', 'refined', 'trade'] as const;
export type Stage = (typeof STAGES)[number];

/** Where a figure comes from. Every record carries one (STYLE.md habit 13). */
export interface Provenance {
  /** Publisher, document and table or URL, e.g. "USGS, Mineral Commodity Summaries 2026, Niobium, World Mine Production". */
  source: string;
  /** The year the figure refers to (data vintage), not the publication year. */
  year: number;
  /** True when the figure is a modelling assumption rather than a published number. */
  estimated?: boolean;
  /** With `estimated`: the rule that produced the figure. */
  rule?: string;
}

/** The six World Bank Worldwide Governance Indicators, estimates on the -2.5..2.5 scale. */
export const WGI_INDICATORS = ['va', 'pv', 'ge', 'rq', 'rl', 'cc'] as const;
export type WgiIndicator = (typeof WGI_INDICATORS)[number];
export type WgiScores = Partial<Record<WgiIndicator, number>>;

interface NodeBase extends Provenance {
  id: string;
  kind: NodeKind;
  name: string;
}

export interface CountryNode extends NodeBase {
  kind: 'country';
  iso3: string;
  iso2?: string;
  /** UN M49 numeric code, 3 digits ("076"): the id of the country's shape in the world map (world-atlas). */
  m49?: string;
  region?: string;
  subRegion?: string;
  lat?: number;
  lon?: number;
  /** An aggregate consumer, such as `country:ROW` (rest of world), not a real country. */
  aggregate?: boolean;
  /** WGI estimates by year ("2013".."2023"). */
  wgi?: Record<string, WgiScores>;
}

export interface MineralListMembership {
  /** USGS 2022 Final List of Critical Minerals (50). */
  us2022?: boolean;
  /** EU 2023 critical raw materials list (Critical Raw Materials Act, Annex II). */
  eu2023?: boolean;
  /** China's 24 strategic minerals, National Mineral Resources Plan 2016-2020 (cited in seeds 001, 002). */
  cn2016?: boolean;
}

export interface MineralNode extends NodeBase {
  kind: 'mineral';
  slug: string;
  /** Unit of the production figures by stage, e.g. { mine: "metric tons, Nb content" }. */
  units?: Partial<Record<Stage, string>>;
  lists?: MineralListMembership;
  applications?: string[];
  /** Figures transcribed from the seed papers (seed 000 tables 1-3, seed 002 table 2), each with its own source. */
  seed?: Record<string, unknown>;
  /** Published world totals by stage and year ("2024", "2025"), tonnes in the mineral's unit (USGS "World total"). */
  worldTotal?: Partial<Record<Stage, Record<string, number>>>;
  /** Published world reserves, tonnes in the mineral's unit. */
  worldReserves?: number;
  /** The USGS MCS 2026 world table the figures come from: commodity, measure, unit as published, PDF URL. */
  usgs?: { commodity: string; measure: string; unit: string; url: string };
  /** Raw published strings where they carry meaning beyond the number (">21000000", "XX", "W"). */
  raw?: Record<string, string>;
  /** Per year whose figures come from another document than `source` (MCS 2022-2024 editions): that citation. */
  yearSource?: Record<string, string>;
  /** Per year whose figures are USGS estimates (2023e of MCS 2024): the rule. */
  yearEstimated?: Record<string, string>;
  /**
   * An upstream stage the MCS 2022-2024 editions add (copper mine, bauxite, titanium concentrates): what it is, the
   * edition series, the citation of each year's world total and the feed rule (src/data/build/upstream.ts).
   */
  upstream?: { stage: Stage; what: string; series: string[]; worldTotalSource: Record<string, string>; rule: string };
  /** US annual price (USGS salient statistics, 2021-2025e; the first price row USGS lists), for market dynamics. */
  price?: { statistic: string; unit: string; values: Record<string, number>; source: string };
}

export interface FacilityNode extends NodeBase {
  kind: 'mine' | 'refiner';
  /** ISO3 of the country the facility (or aggregate) is located in. */
  country: string;
  /** Mineral slugs the node produces. */
  minerals: string[];
  lat?: number;
  lon?: number;
  /** ICMM asset type ("Mine", "Smelter;Refinery" ...), for named facilities. */
  assetType?: string;
  /** A country-level aggregate producer: all of a country's output of one mineral at one stage. */
  aggregate?: boolean;
  /** For aggregates: the mineral and stage they aggregate. */
  mineral?: string;
  stage?: Stage;
  /** Known output by year ("2024", "2025"), tonnes in the mineral's unit. */
  output?: Record<string, number>;
  /** Known capacity by year, tonnes; absent means unknown (never assumed infinite). */
  capacity?: Record<string, number>;
  /** Reserves as published, tonnes in the mineral's unit. */
  reserves?: number;
  /** ICMM record id and confidence, and its group/owner names, for named facilities. */
  icmmId?: string;
  confidence?: string;
  groupNames?: string[];
  /** Raw published strings where they carry meaning beyond the number ("W", "NA", ">9,100,000"). */
  raw?: Record<string, string>;
  /** Caveats on the figures (unit readings, withheld values). */
  notes?: string[];
  /** Per year whose `output` comes from another document than `source` (MCS 2022-2024 editions): that citation. */
  yearSource?: Record<string, string>;
  /** Per year whose `output` is a USGS estimate (2023e, or a country marked "e"): the rule. */
  yearEstimated?: Record<string, string>;
  /** Published facility figures (a USGS facility-layer capacity, a company-reported production) the split uses. */
  figures?: FacilityFigure[];
}

/** A facility's own published figure, the weight by which its country's USGS total is split among its facilities. */
export interface FacilityFigure {
  mineral: string;
  stage: Stage;
  /** Tonnes in the mineral's unit. */
  tonnes: number;
  basis: 'capacity' | 'production';
  /** The year the figure refers to (a capacity's year where the layer gives one). */
  year?: number;
  /** Publication and page (URL) or USGS layer and feature. */
  source: string;
  /** What was published and how it was read into tonnes (unit, conversion, shared capacity, the ICMM match). */
  reading: string;
  /** True when the reading applies a rule (a conversion factor, an equal share of a combined capacity, a USGS `e`). */
  estimated: boolean;
}

export type SupplyNode = CountryNode | MineralNode | FacilityNode;

/** A directed flow of one mineral at one stage in one year. */
export interface FlowRecord extends Provenance {
  id: string;
  from: string;
  to: string;
  /** Mineral slug. */
  mineral: string;
  stage: Stage;
  /** Tonnes in the mineral's unit (see MineralNode.units); null when only a share is known. */
  tonnes: number | null;
  /** Share of the source node's output of this mineral carried by the flow (0..1), when known. */
  share?: number | null;
  /** For flows into an importer: the partner's published share (0..1) of the importer's imports (USGS import sources). */
  importShare?: number;
  /** For trade flows from CEPII BACI: the traded value in US dollars of the BACI year (absent in years carried forward). */
  valueUsd?: number;
  /**
   * With `estimated`: the plausible tonnes range [low, high] of the figure, by the range rule `rangeRule` names
   * (src/domain/uncertainty.ts RANGE_RULES); high is null for a residual, bounded by its source's output.
   */
  range?: [number, number | null];
  rangeRule?: string;
}

/** Non-flow relationships. BY_PRODUCT_OF: companion mineral -> host mineral (by-product coupling, issue 13). */
export const LINK_TYPES = ['LOCATED_IN', 'RELIES_ON', 'BY_PRODUCT_OF'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export interface LinkRecord extends Provenance {
  type: LinkType;
  from: string;
  to: string;
}

/**
 * A country's published reliance on a mineral (USGS MCS net import reliance and salient statistics for the
 * United States; seed 000 NIR for China). Stored as a RELIES_ON link country -> mineral with these fields.
 */
export interface RelianceRecord extends LinkRecord {
  type: 'RELIES_ON';
  /** Net import reliance as a fraction 0..1 (a bound where `nirRaw` is ">95" style); null when "E" or NA. */
  nir: number | null;
  nirRaw?: string;
  netExporter?: boolean;
  production?: number | null;
  imports?: number | null;
  exports?: number | null;
  apparentConsumption?: number | null;
  /** Import sources as published: partner ISO3 -> share 0..1, over `importPeriod`. */
  importSources?: Record<string, number>;
  importPeriod?: string;
  /** Which published series the figures are (e.g. "refined zinc; percent of apparent consumption") and caveats. */
  basis?: string;
}

/**
 * A by-product coupling: the companion mineral (`from`, e.g. mineral:gallium) is recovered while processing the host
 * (`to`, e.g. mineral:aluminum). `share` is the fraction 0..1 of the companion's world primary production that comes
 * with this host (point value); `shareRange` its plausible range. A loss of the host's supply takes `share` of that
 * loss from the companion (src/analysis/by-products.ts). Shipped entries: src/data/sources/by-products.ts.
 */
export interface ByProductRecord extends LinkRecord {
  type: 'BY_PRODUCT_OF';
  share: number;
  shareRange?: [number, number];
  /** The source's statement the share is read from. */
  statement?: string;
}

export interface Dataset {
  /** Dataset version: a content hash or semantic version written by the build. */
  version: string;
  nodes: SupplyNode[];
  flows: FlowRecord[];
  links: LinkRecord[];
}

/** Counts reported by `chokepoint stats`. */
export interface DatasetCounts {
  minerals: number;
  countries: number;
  mines: number;
  refiners: number;
  flows: number;
  sources: number;
}

export function nodeKindOf(id: string): NodeKind | undefined {
  const kind = id.slice(0, id.indexOf(':'));
  return (NODE_KINDS as readonly string[]).includes(kind) ? (kind as NodeKind) : undefined;
}

/** Counts a dataset the way `chokepoint stats` reports it (aggregate consumers are not countries). */
export function countDataset(dataset: Pick<Dataset, 'nodes' | 'flows' | 'links'>): DatasetCounts {
  const counts: DatasetCounts = { minerals: 0, countries: 0, mines: 0, refiners: 0, flows: dataset.flows.length, sources: 0 };
  const sources = new Set<string>();
  for (const node of dataset.nodes) {
    sources.add(node.source);
    if (node.kind === 'mineral') counts.minerals++;
    else if (node.kind === 'country') {
      if (!node.aggregate) counts.countries++;
    } else if (node.kind === 'mine') counts.mines++;
    else counts.refiners++;
  }
  for (const flow of dataset.flows) sources.add(flow.source);
  for (const link of dataset.links) sources.add(link.source);
  counts.sources = sources.size;
  return counts;
}
