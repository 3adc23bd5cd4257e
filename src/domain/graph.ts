// The typed in-memory supply graph (graphology MultiDirectedGraph) built from any store's dataset.
// Only FLOW records become edges; LOCATED_IN is carried by the facility's `country` attribute, and
// RELIES_ON records are kept on the graph's attributes for the dependency analysis, BY_PRODUCT_OF records for the
// by-product coupling of impact.
import { MultiDirectedGraph } from 'graphology';
import type { ByProductRecord, Dataset, FlowRecord, RelianceRecord, SupplyNode } from './model.ts';
import { InvalidInputError, type InputProblem } from './errors.ts';

export type NodeAttributes = Omit<SupplyNode, 'id'>;
export type FlowAttributes = Omit<FlowRecord, 'id' | 'from' | 'to'>;
export interface GraphAttributes {
  version: string;
  /** Years of the flows present in the graph, ascending. */
  years: number[];
  reliance: RelianceRecord[];
  /** BY_PRODUCT_OF links (companion -> host), read by the by-product coupling of impact (analysis/by-products.ts). */
  byProducts?: ByProductRecord[];
}

export type SupplyGraph = MultiDirectedGraph<NodeAttributes, FlowAttributes, GraphAttributes>;

export interface BuildGraphOptions {
  /** Keep only flows of this year (default: every year). */
  year?: number;
  /** Keep only flows of these mineral slugs (default: every mineral). */
  minerals?: string[];
}

/** Builds the typed supply graph; throws InvalidInputError listing every dangling flow endpoint. */
export function buildSupplyGraph(dataset: Dataset, options: BuildGraphOptions = {}): SupplyGraph {
  const graph: SupplyGraph = new MultiDirectedGraph<NodeAttributes, FlowAttributes, GraphAttributes>();
  for (const node of dataset.nodes) {
    const { id, ...attributes } = node;
    graph.addNode(id, attributes as NodeAttributes);
  }
  const minerals = options.minerals ? new Set(options.minerals) : undefined;
  const problems: InputProblem[] = [];
  const years = new Set<number>();
  for (const flow of dataset.flows) {
    if (options.year !== undefined && flow.year !== options.year) continue;
    if (minerals && !minerals.has(flow.mineral)) continue;
    const { id, from, to, ...attributes } = flow;
    if (!graph.hasNode(from)) problems.push({ at: id, field: 'from', message: `unknown node "${from}"` });
    if (!graph.hasNode(to)) problems.push({ at: id, field: 'to', message: `unknown node "${to}"` });
    if (!graph.hasNode(from) || !graph.hasNode(to)) continue;
    graph.addDirectedEdgeWithKey(id, from, to, attributes);
    years.add(flow.year);
  }
  if (problems.length) throw new InvalidInputError(`${problems.length} flow(s) reference unknown nodes`, problems);
  graph.replaceAttributes({
    version: dataset.version,
    years: [...years].sort((a, b) => a - b),
    reliance: dataset.links.filter((l): l is RelianceRecord => l.type === 'RELIES_ON'),
    byProducts: dataset.links.filter((l): l is ByProductRecord => l.type === 'BY_PRODUCT_OF'),
  });
  return graph;
}
