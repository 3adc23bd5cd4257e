// Writers for the export formats: GEXF (opens in Gephi and Gephi Lite) and flows CSV in the import schema.
import { write as writeGexf } from 'graphology-gexf';
import type { SupplyGraph } from '../domain/graph.ts';
import type { Dataset, FlowRecord } from '../domain/model.ts';
import { InvalidInputError, NotFoundError } from '../domain/errors.ts';

/**
 * GEXF 1.3 of the supply graph, valid against the normative RELAX NG grammar (../shared/specs/gexf-1.3/gexf.rng;
 * test/data/gexf.test.ts validates it with xmllint): `<meta>` holds only creator, keywords and description (the
 * dataset version and years go into the description), and the `xsi:schemaLocation` graphology-gexf writes, which the
 * grammar does not model, is dropped. Facilities and countries are placed at longitude/latitude where known.
 */
export function toGexf(graph: SupplyGraph): string {
  const years = graph.hasAttribute('years') ? graph.getAttribute('years') : [];
  const version = graph.hasAttribute('version') ? graph.getAttribute('version') : '';
  const saved = graph.getAttributes();
  // pedantic: graphology-gexf writes only creator/keywords/description into <meta>; the graph's own attributes
  // (version, years, reliance) are restored right after.
  graph.replaceAttributes({
    creator: 'Chokepoint',
    keywords: 'critical minerals, supply chain',
    description: `Chokepoint supply graph, dataset ${version || 'unversioned'}${years.length ? `, flows of ${years.join(', ')}` : ''}; tonnes in each mineral's unit`,
  } as never);
  try {
    return stripSchemaLocation(
      writeGexf(graph, {
        version: '1.3',
        pedantic: true,
        formatNode: (_key, a) => {
          const attributes: Record<string, string | number | boolean> = {
            kind: a.kind,
            source: a.source,
            year: a.year,
          };
          if ('country' in a && a.country) attributes.country = String(a.country);
          if ('aggregate' in a && a.aggregate) attributes.aggregate = true;
          const placed = 'lat' in a && typeof a.lat === 'number' && 'lon' in a && typeof a.lon === 'number';
          return { label: a.name, attributes, ...(placed ? { viz: { x: a.lon as number, y: a.lat as number } } : {}) };
        },
        formatEdge: (_key, a) => ({
          weight: a.tonnes ?? 0,
          attributes: {
            mineral: a.mineral,
            stage: a.stage,
            year: a.year,
            tonnes: a.tonnes ?? -1,
            estimated: Boolean(a.estimated),
            source: a.source,
          },
        }),
      }),
    );
  } finally {
    graph.replaceAttributes(saved);
  }
}

/** Drops graphology-gexf's `xsi:schemaLocation` (and its namespace): the GEXF 1.3 RELAX NG grammar rejects it. */
export function stripSchemaLocation(xml: string): string {
  return xml.replace(/ xmlns:xsi="[^"]*"/, '').replace(/ xsi:schemaLocation="[^"]*"/, '');
}

const CSV_COLUMNS = [
  'id',
  'from',
  'to',
  'mineral',
  'stage',
  'tonnes',
  'share',
  'importShare',
  'year',
  'source',
  'estimated',
  'rule',
] as const;

/** One CSV cell (RFC 4180 quoting); objects are written as JSON. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Flows as CSV in the import schema, so an export can be edited and imported back. Tonnes are written at the
 * dataset's precision (1e-6 t), so an imported sum never shows float noise such as 10000.000000000002. */
export function flowsCsv(flows: FlowRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  const cell = (flow: FlowRecord, c: (typeof CSV_COLUMNS)[number]) =>
    csvCell(c === 'tonnes' && typeof flow.tonnes === 'number' ? Math.round(flow.tonnes * 1e6) / 1e6 : flow[c]);
  for (const flow of flows) lines.push(CSV_COLUMNS.map((c) => cell(flow, c)).join(','));
  return `${lines.join('\n')}\n`;
}

/** The sub-dataset of one mineral and/or year: its flows and every node they touch (plus the mineral node). */
export function filterDataset(dataset: Dataset, mineral?: string, year?: number): Dataset {
  if (mineral && !dataset.nodes.some((n) => n.id === `mineral:${mineral}`)) {
    const slugs = dataset.nodes.filter((n) => n.kind === 'mineral').map((n) => n.id.slice('mineral:'.length));
    throw new InvalidInputError(`unknown mineral "${mineral}"; known minerals: ${slugs.join(', ')}`);
  }
  if (year !== undefined && !dataset.flows.some((f) => f.year === year)) {
    const years = [...new Set(dataset.flows.map((f) => f.year))].sort((a, b) => a - b);
    throw new NotFoundError(`no flows in ${year}; years with data: ${years.join(', ')}`);
  }
  if (!mineral && year === undefined) return dataset;
  const flows = dataset.flows.filter(
    (f) => (!mineral || f.mineral === mineral) && (year === undefined || f.year === year),
  );
  const ids = new Set<string>(flows.flatMap((f) => [f.from, f.to]));
  if (mineral) ids.add(`mineral:${mineral}`);
  const nodes = dataset.nodes.filter((n) => ids.has(n.id));
  const links = dataset.links.filter((l) => ids.has(l.from) && ids.has(l.to));
  return { version: dataset.version, nodes, flows, links };
}
