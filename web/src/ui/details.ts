// The details panel of the selected node: identity, sources, production by mineral and stage with shares and the HHI
// of those markets, risk, centrality, top suppliers and customers (GET /api/nodes/:id), a country's supply risk as an
// importer (EU CRM SR, GET /api/risk?perspective=), and the what-if buttons.
import type { PerspectiveReport } from '../../../src/analysis/perspective.ts';
import type { FlowPeer, NodeDetails } from '../api.ts';
import { detailPeers, supplyShareFact, type ShareFact } from '../facts.ts';
import { BACI_ATTRIBUTION, GROSS_LABEL, PERSPECTIVE_METHOD_LABEL, perspectiveRows } from '../perspective.ts';
import type { ViewGraph } from '../graph.ts';
import type { StageFilter } from '../state.ts';
import { sparkline } from '../sparkline.ts';
import { byId, fmtNum, fmtPct, fmtTonnes, h, linkify, table } from './dom.ts';

export interface DetailsInput {
  id: string | null;
  graph: ViewGraph | null;
  details: NodeDetails | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The API error code of a failed details request (NOT_FOUND: the node does not exist). */
  errorCode?: string | null;
  /** Node ids the API suggests for an unknown id ("did you mean"). */
  suggestions?: readonly string[];
  removed: readonly string[];
  /** The year, mineral and stage on screen: production rows of that year, the mineral first; peers of that filter. */
  year: number | null;
  mineral: string;
  stage: StageFilter;
  /** Mineral slug -> supply risk R (0..1) and level, for the minerals the node handles. */
  mineralRisk: ReadonlyMap<string, { risk: number; level: string }>;
  /** A country's importer-perspective supply risk (GET /api/risk?perspective=), null for other nodes. */
  perspective?: PerspectiveLoad | null;
}

export interface PerspectiveLoad {
  iso3: string;
  status: 'loading' | 'ready' | 'error';
  report: PerspectiveReport | null;
  error: string | null;
  /** The API found no imports or consumption of the mineral for the country (404): not an error to retry. */
  none?: boolean;
}

export interface DetailsActions {
  remove(id: string, additive: boolean): void;
  unremove(id: string): void;
  select(id: string): void;
  clear(): void;
  nameOf(id: string): string;
}

const KIND_NAMES: Record<string, string> = { country: 'Country', mineral: 'Mineral', mine: 'Mine', refiner: 'Refiner' };

export class DetailsPanel {
  private readonly el = byId('details-panel');

  constructor(private readonly actions: DetailsActions) {}

  render(input: DetailsInput): void {
    if (!input.id) {
      this.el.replaceChildren(
        h('h2', {}, 'Details'),
        h('p', { class: 'hint' }, 'Click a node (or search) for its details. ', h('kbd', {}, '/'), ' search · ', h('kbd', {}, 'Esc'), ' clear · shift-click adds a node to the removal.'),
      );
      return;
    }
    const id = input.id;
    const attrs = input.graph?.hasNode(id) ? input.graph.getNodeAttributes(id) : null;
    // An id the data does not know (a hand-edited or stale link): say so and offer the API's nearest ids, never a
    // details card whose Remove button would ask the API about a node that is not there.
    if (!attrs && input.status === 'error' && input.errorCode === 'NOT_FOUND') {
      this.renderNotFound(id, input.suggestions ?? []);
      return;
    }
    const d = input.details;
    const name = (d?.attributes.name as string | undefined) ?? attrs?.name ?? id;
    const kind = d?.kind ?? attrs?.kind ?? id.slice(0, id.indexOf(':'));
    const isRemoved = input.removed.includes(id);
    const removeButton = h(
      'button',
      {
        type: 'button',
        class: 'danger',
        id: 'remove-node',
        title: 'Remove this node and see who loses what (shift-click: add it to the current removal)',
        onclick: ((e: MouseEvent) => this.actions.remove(id, e.shiftKey)) as EventListener,
      },
      isRemoved ? 'Removed' : 'Remove (what-if)',
    );
    // Removable once the node is known to exist: drawn, or described by the API.
    const known = attrs !== null || input.status === 'ready';
    if (isRemoved || !known) removeButton.setAttribute('disabled', '');

    const children: Node[] = [
      h('h2', { 'data-node': id }, name, h('span', { class: 'badge' }, KIND_NAMES[kind] ?? kind), isRemoved ? h('span', { class: 'badge removed' }, 'removed') : null),
      h(
        'div',
        { class: 'actions' },
        removeButton,
        isRemoved ? h('button', { type: 'button', onclick: () => this.actions.unremove(id) }, 'Put back') : null,
      ),
    ];

    const facts: Array<[string, Node | string]> = [['Id', h('code', {}, id)]];
    const country = (d?.attributes.country as string | undefined) ?? attrs?.country;
    if (country && kind !== 'country') {
      const cid = `country:${country}`;
      const cname = input.graph?.hasNode(cid) ? input.graph.getNodeAttribute(cid, 'name') : country;
      facts.push(['Country', country === 'OTH' ? 'other countries (USGS “Other countries” row)' : h('button', { type: 'button', class: 'link', onclick: () => this.actions.select(cid) }, cname)]);
    }
    if (d?.attributes.aggregate ?? attrs?.aggregate) facts.push(['Aggregate', 'yes: country-level total, no facility figure is published']);
    if (d?.attributes.estimated) facts.push(['Estimated', String(d.attributes.rule ?? 'modelling assumption')]);
    const shareFact = supplyShareFact({ production: d?.metrics.production, attrs, mineral: input.mineral, stage: input.stage, year: input.year });
    if (kind !== 'mineral' && (attrs || d)) facts.push(['Supply share', shareText(shareFact)]);
    if (attrs) {
      if (attrs.pagerank !== null) facts.push(['PageRank', fmtNum(attrs.pagerank, 4)]);
      if (attrs.betweenness !== null) facts.push(['Betweenness', fmtNum(attrs.betweenness, 4)]);
    }
    const g = d?.metrics.governanceRisk ?? attrs?.risk ?? null;
    if (kind !== 'mineral') facts.push(['Governance risk G', g === null ? 'no WGI data' : fmtNum(g, 3)]);
    children.push(h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));

    if (input.status === 'loading') children.push(h('p', { class: 'inline-status' }, 'Loading details…'));
    if (input.status === 'error') children.push(h('p', { class: 'inline-status error' }, `Details unavailable: ${input.error ?? 'error'}`));

    if (d) {
      const production = d.metrics.production
        .filter((p) => input.year === null || p.year === input.year)
        .sort((a, b) => Number(b.mineral === input.mineral) - Number(a.mineral === input.mineral) || b.share - a.share);
      const trend = yearTrend(d.metrics.production, input.mineral, input.stage);
      if (trend) {
        const pctFmt = (v: number) => fmtPct(v);
        const hhiFmt = (v: number) => Math.round(v).toLocaleString('en-US');
        children.push(
          h('h3', {}, `Over the years: ${trend.mineral} ${trend.stage}`),
          h(
            'div',
            { class: 'sparklines' },
            h('div', {}, 'Share ', sparkline('share', trend.share, { max: 1, current: input.year, format: pctFmt })),
            h('div', {}, 'Market HHI ', sparkline('HHI', trend.hhi, { max: 10000, current: input.year, format: hhiFmt })),
          ),
        );
      }
      if (production.length) {
        children.push(
          h('h3', {}, `Production and its market${input.year ? ` (${input.year})` : ''}`),
          table(
            ['Mineral', 'Stage', 'Tonnes', 'Share', 'Production HHI', 'Risk R'],
            production.map((p) => {
              const r = input.mineralRisk.get(p.mineral);
              return [p.mineral, p.stage, fmtTonnes(p.tonnes), fmtPct(p.share), Math.round(p.hhi).toLocaleString('en-US'), r ? `${fmtNum(r.risk, 2)} ${r.level}` : '—'];
            }),
            [2, 3, 4],
          ),
        );
      } else {
        const rows = flowTotals(d.metrics.tonnesOut, d.metrics.tonnesIn);
        if (rows.length) children.push(h('h3', {}, `Flows ${d.metrics.year ?? ''}`), table(['Mineral', 'Out (t)', 'In (t)'], rows, [1, 2]));
      }
    }
    // Suppliers and customers follow the filter on screen (a country's include its mines' and refiners').
    const scope = input.mineral === 'all' ? '' : ` (${input.mineral})`;
    const suppliers = detailPeers(input.graph, id, d, 'in', input.mineral);
    const customers = detailPeers(input.graph, id, d, 'out', input.mineral);
    if (suppliers.length) children.push(h('h3', {}, `Top suppliers${scope}`), this.peers(suppliers, 'suppliers'));
    if (customers.length) children.push(h('h3', {}, `Top customers${scope}`), this.peers(customers, 'customers'));
    if (input.perspective) children.push(...this.perspective(input.perspective, name, input.mineral));
    if (d) {
      if (d.sources.length) {
        children.push(
          h('h3', {}, 'Sources'),
          h('ul', { class: 'sources' }, ...d.sources.slice(0, 8).map((s) => h('li', {}, ...linkify(s.source), ` (${s.year}${s.records > 1 ? `, ${s.records} records` : ''})`))),
        );
      }
    }
    this.el.replaceChildren(...children);
  }

  private peers(peers: FlowPeer[], role: string): HTMLElement {
    const t = table(
      ['Node', 'Mineral', 'Stage', 'Tonnes'],
      peers.map((p) => [p.name, p.mineral, p.stage, fmtTonnes(p.tonnes)]),
      [3],
      (i) => this.actions.select(peers[i]!.node),
    );
    t.setAttribute('data-peers', role);
    return t;
  }

  /** The country's supply risk as an importer, per mineral: SR and the three terms it is made of, labelled and cited. */
  private perspective(p: PerspectiveLoad, name: string, mineral: string): Node[] {
    const out: Node[] = [h('h3', { title: p.report?.method ?? PERSPECTIVE_METHOD_LABEL }, `Supply risk as an importer: ${name}'s perspective`)];
    const section = h('div', { class: 'perspective', 'data-perspective': p.iso3, 'data-status': p.status });
    out.push(section);
    if (p.status === 'loading') section.append(h('p', { class: 'inline-status' }, 'Loading supply risk…'));
    else if (p.status === 'error' && p.none) section.append(h('p', { class: 'hint' }, `No imports or consumption${mineral === 'all' ? '' : ` of ${mineral}`} placed by the data for ${name}.`));
    else if (p.status === 'error') section.append(h('p', { class: 'inline-status error' }, `Supply risk unavailable: ${p.error ?? 'error'}`));
    else if (p.report) {
      const rows = perspectiveRows(p.report, mineral, (id) => this.actions.nameOf(id));
      if (!rows.length) section.append(h('p', { class: 'hint', 'data-empty': '' }, `No imports or consumption${mineral === 'all' ? '' : ` of ${mineral}`} placed by the data for ${name} in ${p.report.year}.`));
      else {
        const t = table(
          ['Mineral', 'SR', 'IR', 'HHI_WGI supply', 'HHI_WGI sourcing', 'Top suppliers'],
          rows.map((r) => [r.mineral, fmtNum(r.sr, 3), fmtPct(r.ir), fmtNum(r.hhiWgiSupply, 3), fmtNum(r.hhiWgiSourcing, 3), r.noImports ? 'no imports' : r.suppliers]),
          [1, 2, 3, 4],
        );
        t.querySelectorAll('thead th').forEach((th, i) => th.setAttribute('title', COLUMN_HELP[i] ?? ''));
        rows.forEach((r, i) => t.tBodies[0]?.rows[i]?.setAttribute('data-mineral', r.mineral));
        section.append(t);
      }
      section.append(
        h(
          'p',
          { class: 'hint method' },
          `${PERSPECTIVE_METHOD_LABEL}, ${p.report.year}: SR = HHI_WGI supply × IR/2 + HHI_WGI sourcing × (1 − IR/2); ${GROSS_LABEL}. `,
          `IR = net import reliance at the traded stage; HHI_WGI = Σ share² × governance risk G (WGI). Trade: ${BACI_ATTRIBUTION}.`,
        ),
      );
    }
    return out;
  }

  private renderNotFound(id: string, suggestions: readonly string[]): void {
    const children: Array<Node | null> = [
      h('h2', { 'data-node': id, 'data-state': 'not-found' }, h('code', {}, id), h('span', { class: 'badge removed' }, 'not found')),
      h('p', {}, 'No node with this id is in the data (a mistyped or outdated link?).'),
      suggestions.length
        ? h(
            'div',
            { class: 'suggestions' },
            'Did you mean ',
            ...suggestions.slice(0, 5).flatMap((s, i) => [
              i ? ', ' : '',
              h('button', { type: 'button', class: 'link', 'data-id': s, onclick: () => this.actions.select(s) }, this.actions.nameOf(s)),
            ]),
            '?',
          )
        : null,
      h('div', { class: 'actions' }, h('button', { type: 'button', id: 'clear-selection', onclick: () => this.actions.clear() }, 'Clear selection')),
    ];
    this.el.replaceChildren(...children.filter((c): c is Node => c !== null));
  }
}

const COLUMN_HELP = [
  '',
  'Supply risk SR, gross (EoL_RIR = 0, SI = 1): higher = riskier supply for this importer',
  'Import reliance IR = (imports − exports) / apparent consumption, 0..100%',
  'HHI_WGI of global supply: Σ over producer countries of share² × G (governance risk)',
  "HHI_WGI of this importer's sourcing: Σ over its suppliers of import share² × G",
  'Largest suppliers and their share of the imports',
];

function shareText(fact: ShareFact | null): string {
  if (!fact) return '—';
  const of = [fact.mineral, fact.stage === 'refined' ? 'refined' : fact.stage === 'mine' ? 'mine' : null].filter(Boolean).join(' ');
  const what = fact.basis === 'production' ? `world ${of ? `${of} ` : ''}production` : `the ${of ? `${of} ` : ''}supply drawn`;
  return `${fmtPct(fact.share)} of ${what}${fact.year ? ` (${fact.year})` : ''}`;
}

function flowTotals(out: Record<string, number>, inn: Record<string, number>): string[][] {
  const minerals = [...new Set([...Object.keys(out), ...Object.keys(inn)])].sort();
  return minerals.map((m) => [m, fmtTonnes(out[m]), fmtTonnes(inn[m])]);
}

/** The share and HHI series of the mineral (and stage) on screen, else the node's largest market; null with < 2 years. */
function yearTrend(rows: ReadonlyArray<{ mineral: string; stage: string; year: number; share: number; hhi: number }>, mineral: string, stage: string) {
  const pick = rows.filter((p) => (mineral === 'all' || p.mineral === mineral) && (stage === 'all' || p.stage === stage));
  const first = [...pick].sort((a, b) => b.share - a.share)[0];
  if (!first) return null;
  const series = pick.filter((p) => p.mineral === first.mineral && p.stage === first.stage).sort((a, b) => a.year - b.year);
  if (series.length < 2) return null;
  return {
    mineral: first.mineral,
    stage: first.stage,
    share: series.map((p) => ({ year: p.year, value: p.share })),
    hhi: series.map((p) => ({ year: p.year, value: p.hhi })),
  };
}
