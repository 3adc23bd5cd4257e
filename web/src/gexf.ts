// The displayed subgraph as GEXF 1.3 (graphology-gexf), with positions, sizes and colours as viz attributes so
// Gephi / Gephi Lite open it looking like the view. Nested attributes (WGI tables, output by year) are flattened
// or left out: GEXF attributes are scalars.
import write from 'graphology-gexf/common/writer.js';
import type { ViewGraph, ViewNodeAttributes, ViewEdgeAttributes } from './graph.ts';

type Scalar = string | number | boolean;

const NODE_FIELDS = [
  'kind',
  'country',
  'mineral',
  'stage',
  'aggregate',
  'supplyShare',
  'pagerank',
  'betweenness',
  'risk',
  'source',
] as const;
const EDGE_FIELDS = ['mineral', 'stage', 'tonnes', 'share', 'year', 'estimated', 'source'] as const;

function scalars<T extends object>(attrs: T, fields: readonly (keyof T & string)[]): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const f of fields) {
    const v = attrs[f];
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[f] = v;
  }
  return out;
}

export interface GexfDisplay {
  nodeSize?: (node: string) => number;
  nodeColor?: (node: string) => string;
  /** Nodes left out (e.g. removed in the what-if). */
  exclude?: ReadonlySet<string>;
}

/**
 * GEXF 1.3 valid against the normative grammar (../shared/specs/gexf-1.3/gexf.rng, checked by test/web/gexf.test.ts
 * with xmllint): `<meta>` holds only creator, keywords and description (the view's year and dataset version go into the
 * description, not as `<year>`/`<maxTonnes>` elements), and graphology-gexf's `xsi:schemaLocation`, which the grammar
 * does not model, is dropped.
 */
export function viewGraphToGexf(graph: ViewGraph, display: GexfDisplay = {}): string {
  const exclude = display.exclude ?? new Set<string>();
  const sub = graph.nullCopy();
  const year = graph.getAttribute('year');
  const version = graph.getAttribute('version');
  sub.replaceAttributes({
    creator: 'Chokepoint web view',
    keywords: 'critical minerals, supply chain',
    description: `Chokepoint view${version ? `, dataset ${version}` : ''}${year ? `, year ${year}` : ''}; tonnes in each mineral's unit`,
  } as never);
  graph.forEachNode((node, attrs) => {
    if (!exclude.has(node)) sub.addNode(node, attrs);
  });
  graph.forEachEdge((edge, attrs, source, target) => {
    if (sub.hasNode(source) && sub.hasNode(target)) sub.addDirectedEdgeWithKey(edge, source, target, attrs);
  });
  const xml = write(sub, {
    version: '1.3',
    pedantic: true,
    formatNode: (key: string, attrs: ViewNodeAttributes) => ({
      label: attrs.name ?? key,
      attributes: scalars(attrs, NODE_FIELDS as unknown as (keyof ViewNodeAttributes & string)[]),
      viz: {
        x: attrs.x,
        y: attrs.y,
        ...(display.nodeSize ? { size: display.nodeSize(key) } : {}),
        ...(display.nodeColor ? { color: display.nodeColor(key) } : {}),
      },
    }),
    formatEdge: (_key: string, attrs: ViewEdgeAttributes) => ({
      attributes: scalars(attrs, EDGE_FIELDS as unknown as (keyof ViewEdgeAttributes & string)[]),
      ...(typeof attrs.tonnes === 'number' && attrs.tonnes > 0 ? { weight: attrs.tonnes } : {}),
    }),
  });
  return xml.replace(/ xmlns:xsi="[^"]*"/, '').replace(/ xsi:schemaLocation="[^"]*"/, '');
}
