// The view's controller: wires the store, the API client, sigma, the layouts and the panels. State changes flow one
// way: DOM/sigma events -> store actions -> (fetches) -> store -> reducers + panels + URL. It owns sigma, the layout
// worker and the world layer, and releases them in kill().
import type { ImpactResult } from '../../src/analysis/types.ts';
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import type { CentralityMetric, CentralityScore, ChokepointRow, RiskReport } from '../../src/analysis/types.ts';
import { ApiError, isRetryable, suggestionsOf, type ApiClient, type NodeDetails } from './api.ts';
import {
  assignScores,
  buildViewGraph,
  type ApiGraph,
  type ViewEdgeAttributes,
  type ViewGraph,
  type ViewGraphAttributes,
  type ViewNodeAttributes,
} from './graph.ts';
import { viewGraphToGexf } from './gexf.ts';
import { impactCsv } from './impact.ts';
import { LabelPlacer } from './labels.ts';
import { ForceLayout } from './layout/force.ts';
import { LayerHeadings, layeredLayout } from './layout/layered.ts';
import { fitHeightCamera, worldExtent, worldProjection } from './layout/geo.ts';
import { WorldLayer, loadWorldShapes, type WorldShapes } from './layout/world.ts';
import { choroplethFills } from './choropleth.ts';
import { perspectiveKey, perspectiveOf } from './perspective.ts';
import type { PerspectiveLoad } from './ui/details.ts';
import { legendModel } from './legend.ts';
import { topPerMarket } from './ranking.ts';
import { deriveContext, makeEdgeReducer, makeNodeReducer, type ReducerContext } from './reducers.ts';
import type { SearchEntry } from './search.ts';
import { actions, createStore, impactRequestOf, type Store, type ViewState } from './state.ts';
import { ChokepointsPanel } from './ui/chokepoints.ts';
import { Controls } from './ui/controls.ts';
import { DetailsPanel } from './ui/details.ts';
import { byId, download } from './ui/dom.ts';
import { exportPng } from './ui/export.ts';
import { ImpactPanel } from './ui/impact.ts';
import { renderLegend } from './ui/legend.ts';
import { SearchBox } from './ui/search.ts';
import { describeFilter, renderStatus } from './ui/status.ts';
import { decodeUrlState, encodeUrlState } from './url.ts';

export interface AppOptions {
  api: ApiClient;
  /** URL of the world-atlas countries TopoJSON. */
  worldUrl: string;
  /** Initial query string (location.search). */
  search: string;
}

type Load<T> = {
  status: 'idle' | 'loading' | 'ready' | 'error';
  value: T;
  error: string | null;
  code?: string;
  suggestions?: string[];
};

/** Over all minerals the panel shows each market's top chokepoint, so it reads the whole ranking (a few pages). */
const ALL_ROWS = 10_000;
const CENTRALITY_FOR = { pagerank: 'pagerank', betweenness: 'betweenness' } as const;
export const MARKS = {
  firstRender: 'chokepoint:first-render',
  removeStart: 'chokepoint:remove',
  impactOnScreen: 'chokepoint:impact-on-screen',
} as const;

function message(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export class ChokepointView {
  readonly store: Store;
  readonly sigma: Sigma<ViewNodeAttributes, ViewEdgeAttributes, ViewGraphAttributes>;
  graph: ViewGraph;
  private graphAbort: AbortController | null = null;
  private impactAbort: AbortController | null = null;
  private force: ForceLayout;
  private readonly world: WorldLayer;
  readonly headings: LayerHeadings;
  readonly labels: LabelPlacer;
  private worldShapes: WorldShapes | null = null;
  private ctx: ReducerContext;
  private readonly names = new Map<string, string>();
  private readonly details = new Map<string, Load<NodeDetails | null>>();
  /** Importer-perspective supply risk per country, mineral and year (perspective.ts perspectiveKey). */
  private readonly perspectives = new Map<string, PerspectiveLoad>();
  private chokepoints: Load<ChokepointRow[]> & { key: string } = { status: 'idle', value: [], error: null, key: '' };
  private readonly centrality = new Map<string, Promise<void>>();
  private readonly centralityScores = new Map<string, CentralityScore[]>();
  private mineralRisk = new Map<string, { risk: number; level: string }>();
  private firstRenderMarked = false;
  private cameraHomed = false;
  private impactMarkPending = false;

  private readonly controls: Controls;
  private readonly search: SearchBox;
  private readonly detailsPanel: DetailsPanel;
  private readonly chokepointsPanel: ChokepointsPanel;
  private readonly impactPanel: ImpactPanel;
  private readonly statusEl = byId('status');
  private readonly legendEl = byId('legend');
  private readonly onKeyDown = (e: KeyboardEvent) => this.keyboard(e);

  constructor(private readonly options: AppOptions) {
    this.store = createStore(decodeUrlState(options.search));
    this.graph = new MultiDirectedGraph();
    this.graph.replaceAttributes({ version: '', year: null, years: [], maxTonnes: 0 });
    this.ctx = deriveContext(this.graph, this.store.getState());
    this.sigma = new Sigma(this.graph, byId('graph'), {
      defaultEdgeType: 'arrow',
      renderEdgeLabels: false,
      zIndex: true,
      labelRenderedSizeThreshold: 10,
      labelDensity: 0.25,
      labelFont: 'system-ui, sans-serif',
      stagePadding: 24,
      minCameraRatio: 0.01,
      maxCameraRatio: 3,
      allowInvalidContainer: true,
      nodeReducer: makeNodeReducer(this.ctx),
      edgeReducer: makeEdgeReducer(this.ctx, this.graph),
    });
    this.world = new WorldLayer(this.sigma as unknown as Sigma);
    this.headings = new LayerHeadings(this.sigma as unknown as Sigma, () => this.overlays());
    this.labels = new LabelPlacer(this.sigma as unknown as Sigma, () => this.overlays());
    this.force = new ForceLayout(this.graph);
    // setCustomBBox only schedules a render: the normalisation is recomputed by refresh(). Without it the map follows
    // the empty graph's default extent until a graph arrives, and off-centre for good when none does (an API error).
    this.sigma.setCustomBBox(worldExtent(worldProjection()));
    this.sigma.refresh();

    this.controls = new Controls(this.store);
    this.search = new SearchBox(
      options.api,
      () => this.searchEntries(),
      (hit) => this.pick(hit),
    );
    this.detailsPanel = new DetailsPanel({
      remove: (id, additive) => this.remove(id, additive),
      unremove: (id) => this.store.dispatch(actions.unremove(id)),
      select: (id) => this.selectAndFocus(id),
      clear: () => this.store.dispatch(actions.clearSelection()),
      nameOf: (id) => this.nameOf(id),
    });
    this.chokepointsPanel = new ChokepointsPanel({
      select: (id) => this.selectAndFocus(id),
      level: (level) => this.store.dispatch(actions.setChokepointLevel(level)),
    });
    this.impactPanel = new ImpactPanel({
      sort: (key) => this.store.dispatch(actions.sortImpact(key)),
      restore: () => this.store.dispatch(actions.restore()),
      unremove: (id) => this.store.dispatch(actions.unremove(id)),
      select: (id) => this.selectAndFocus(id),
      downloadCsv: () => this.downloadCsv(),
      setSeverity: (id, severity) => this.store.dispatch(actions.setSeverity(id, severity)),
    });
    this.bindSigma();
    this.bindExports();
    this.bindZoom();
    // On a phone the legend would cover the graph: it starts folded there.
    const legendBox = byId<HTMLDetailsElement>('legend-box');
    if (window.matchMedia?.('(max-width: 820px)').matches) legendBox.open = false;
    legendBox.addEventListener('toggle', () => this.frameForce());
    document.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('popstate', this.onPopState);
    this.store.subscribe((state, previous) => this.onChange(state, previous));
  }

  /** Browser Back/Forward: the view state the entry's URL describes (each user step pushed one, see render()). */
  private readonly onPopState = (): void => {
    this.restoringHistory = true;
    try {
      this.store.dispatch(actions.applyUrl(decodeUrlState(location.search)));
    } finally {
      this.restoringHistory = false;
    }
  };
  private restoringHistory = false;
  /** The change being rendered is a step the user took on a settled view: its URL gets a history entry. */
  private userStep = false;

  /** Loads the world map, the minerals, the years, the risk table and the graph; the graph overlay shows progress. */
  start(): void {
    this.render(this.store.getState(), null);
    void loadWorldShapes(this.options.worldUrl)
      .then((shapes) => {
        this.worldShapes = shapes;
        this.world.setShapes(shapes);
      })
      .catch((error) => console.warn('chokepoint: world outline unavailable:', message(error)));
    void this.options.api
      .minerals()
      .then((minerals) => {
        for (const m of minerals) this.names.set(m.id ?? `mineral:${m.slug}`, m.name);
        this.controls.setMinerals(minerals);
      })
      .catch((error) => console.warn('chokepoint: mineral list unavailable:', message(error)));
    void this.options.api
      .risk()
      .then((report) => this.setRisk(report))
      .catch(() => undefined);
    // The graph is fetched for one year: the latest, unless the link names one; health says which exist.
    void this.options.api
      .health()
      .then((h) => {
        const years = h.graph?.years ?? [];
        this.store.dispatch(actions.knowYears(years));
        if (this.store.getState().year === null && years.length)
          this.store.dispatch(actions.setYear(Math.max(...years)));
      })
      .catch(() => undefined)
      .finally(() => {
        this.loadGraph();
        this.loadChokepoints();
      });
    const state = this.store.getState();
    if (state.selected) {
      this.loadDetails(state.selected);
      this.loadPerspective();
    }
    if (impactRequestOf(state)) this.loadImpact();
  }

  kill(): void {
    document.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('popstate', this.onPopState);
    this.graphAbort?.abort();
    this.impactAbort?.abort();
    this.force.kill();
    this.world.kill();
    this.headings.kill();
    this.labels.kill();
    this.sigma.kill();
  }

  // ------------------------------------------------------------------ data

  /** Fetches the graph for the filter (mineral, stage, year); the API caches each filter's answer. */
  private loadGraph(): void {
    const state = this.store.getState();
    this.graphAbort?.abort();
    const abort = (this.graphAbort = new AbortController());
    this.store.dispatch(actions.graphLoading());
    this.options.api
      .graph({ mineral: state.mineral, stage: state.stage, year: state.year }, abort.signal)
      .then((data) => {
        if (abort.signal.aborted) return;
        this.applyGraph(data);
      })
      .catch((error) => {
        if (abort.signal.aborted) return;
        this.store.dispatch(
          actions.graphFailed(message(error), { retryable: isRetryable(error), suggestions: suggestionsOf(error) }),
        );
      });
  }

  private applyGraph(data: ApiGraph): void {
    const state = this.store.getState();
    const graph = buildViewGraph(data, { year: state.year });
    for (const n of data.nodes) if (n.attributes?.name) this.names.set(n.key, n.attributes.name);
    this.force.kill();
    this.graph = graph;
    this.force = new ForceLayout(graph);
    this.sigma.setGraph(graph);
    this.refreshReducers(state);
    const years = graph.getAttribute('years');
    this.store.dispatch(actions.graphLoaded({ years, empty: graph.size === 0 }));
    this.ensureCentrality();
    if (this.store.getState().layout !== 'geo') this.applyLayout();
    this.sigma.refresh();
    // The first graph sets the resting camera (on a phone it depends on where the supply is); later filters keep the
    // camera where the user put it.
    if (!this.cameraHomed && this.store.getState().layout === 'geo') {
      this.cameraHomed = true;
      this.sigma.getCamera().setState(this.homeCamera());
    }
  }

  private loadChokepoints(): void {
    const state = this.store.getState();
    const key = `${state.mineral}|${state.stage}|${state.year ?? ''}|${state.chokepointLevel}`;
    if (this.chokepoints.key === key && this.chokepoints.status !== 'error') return;
    this.chokepoints = { status: 'loading', value: [], error: null, key };
    this.renderChokepoints();
    this.options.api
      .chokepoints({
        mineral: state.mineral,
        stage: state.stage,
        year: state.year,
        level: state.chokepointLevel,
        limit: state.mineral === 'all' ? ALL_ROWS : 20,
      })
      .then((all) => {
        if (this.chokepoints.key !== key) return;
        const rows = state.mineral === 'all' ? topPerMarket(all) : all;
        for (const r of rows) this.names.set(r.node, r.name);
        this.chokepoints = { status: 'ready', value: rows, error: null, key };
        this.renderChokepoints();
      })
      .catch((error) => {
        if (this.chokepoints.key !== key) return;
        this.chokepoints = { status: 'error', value: [], error: message(error), key };
        this.renderChokepoints();
      });
  }

  private loadDetails(id: string): void {
    const known = this.details.get(id);
    if (known && known.status !== 'error') return;
    this.details.set(id, { status: 'loading', value: null, error: null });
    this.options.api
      .node(id)
      .then((d) => {
        if (typeof d.attributes?.name === 'string') this.names.set(id, d.attributes.name);
        this.details.set(id, { status: 'ready', value: d, error: null });
      })
      .catch((error) =>
        this.details.set(id, {
          status: 'error',
          value: null,
          error: message(error),
          code: error instanceof ApiError ? error.code : undefined,
          suggestions: suggestionsOf(error),
        }),
      )
      .finally(() => {
        if (this.store.getState().selected === id) this.renderDetails(this.store.getState());
        this.renderImpact(this.store.getState());
      });
  }

  /**
   * A selected country's supply risk as an importer (EU CRM SR), asked of the API like the other measures the view
   * does not compute itself (centrality, risk): the answer is the CLI's `risk --perspective`, not a second copy of it.
   */
  private loadPerspective(): void {
    const state = this.store.getState();
    const iso3 = perspectiveOf(this.graph, state.selected);
    if (!iso3) return;
    // Every mineral of the year in one answer, filtered by the panel: a mineral the country does not import is then an
    // empty row set, not a 404 (which the browser would log as a failed resource), and switching minerals asks nothing.
    const key = perspectiveKey(iso3, state.year);
    const known = this.perspectives.get(key);
    if (known && known.status !== 'error') return;
    this.perspectives.set(key, { iso3, status: 'loading', report: null, error: null });
    this.options.api
      .perspectiveRisk({ perspective: iso3, year: state.year })
      .then((report) => this.perspectives.set(key, { iso3, status: 'ready', report, error: null }))
      .catch((error) =>
        this.perspectives.set(key, {
          iso3,
          status: 'error',
          report: null,
          error: message(error),
          none: error instanceof ApiError && error.code === 'NOT_FOUND',
        }),
      )
      .finally(() => {
        if (this.store.getState().selected === state.selected) this.renderDetails(this.store.getState());
      });
  }

  private loadImpact(): void {
    const state = this.store.getState();
    const request = impactRequestOf(state);
    const key = state.impactKey;
    this.impactAbort?.abort();
    if (!request || !key) return;
    const abort = (this.impactAbort = new AbortController());
    this.options.api
      .impact(request, abort.signal)
      .then((result) => {
        if (abort.signal.aborted) return;
        this.impactMarkPending = true;
        this.store.dispatch(actions.impactLoaded(key, result));
        this.frameImpact(result);
      })
      .catch((error) => {
        if (abort.signal.aborted) return;
        this.store.dispatch(actions.impactFailed(key, message(error)));
      });
  }

  /**
   * PageRank / betweenness from the API, written onto the nodes: the one the size mode uses, and both once a node is
   * selected (its details show them). Cached per metric, mineral and year.
   */
  private ensureCentrality(): void {
    const state = this.store.getState();
    const wanted = new Set<'pagerank' | 'betweenness'>();
    if (state.sizeBy !== 'share') wanted.add(CENTRALITY_FOR[state.sizeBy]);
    if (state.selected) {
      wanted.add('pagerank');
      wanted.add('betweenness');
    }
    const graph = this.graph;
    for (const metric of wanted) {
      const key = `${metric}|${state.mineral}|${state.year ?? ''}`;
      let pending = this.centrality.get(key);
      if (!pending) {
        pending = this.options.api
          .centrality({
            metric: metric as CentralityMetric,
            mineral: state.mineral === 'all' ? undefined : state.mineral,
            year: state.year,
          })
          .then((result) => void this.centralityScores.set(key, result.scores));
        this.centrality.set(key, pending);
        pending.catch((error) => {
          this.centrality.delete(key);
          console.warn(`chokepoint: ${metric} unavailable:`, message(error));
        });
      }
      pending
        .then(() => {
          if (graph !== this.graph || graph.getAttribute('year') !== state.year) return;
          assignScores(graph, metric, this.centralityScores.get(key) ?? []);
          const now = this.store.getState();
          this.refreshReducers(now);
          this.renderDetails(now);
        })
        .catch(() => undefined);
    }
  }

  private setRisk(report: RiskReport): void {
    const map = new Map<string, { risk: number; level: string; year: number }>();
    for (const r of report.risks) {
      const prev = map.get(r.mineral);
      if (!prev || r.year > prev.year || (r.year === prev.year && r.risk > prev.risk))
        map.set(r.mineral, { risk: r.risk, level: r.level, year: r.year });
    }
    this.mineralRisk = map;
    const state = this.store.getState();
    if (state.selected) this.renderDetails(state);
  }

  // ------------------------------------------------------------------ reactions

  private onChange(state: ViewState, prev: ViewState): void {
    // Decided before the reactions below, which may dispatch (graphLoading) and render the new URL first.
    if (!this.restoringHistory && prev.graphStatus === 'ready' && encodeUrlState(state) !== encodeUrlState(prev)) this.userStep = true;
    // The first year comes with the health answer, before the first load: start() loads then.
    const filterChanged =
      state.mineral !== prev.mineral || state.stage !== prev.stage || (state.year !== prev.year && prev.year !== null);
    if (filterChanged) {
      this.loadGraph();
      this.loadChokepoints();
    } else if (state.chokepointLevel !== prev.chokepointLevel) this.loadChokepoints();
    if (state.impactKey !== prev.impactKey) this.loadImpact();
    if (state.sizeBy !== prev.sizeBy || (state.selected && !prev.selected)) this.ensureCentrality();
    if (state.layout !== prev.layout) this.applyLayout();
    if (state.selected && state.selected !== prev.selected) this.loadDetails(state.selected);
    if (state.selected && (state.selected !== prev.selected || state.year !== prev.year)) this.loadPerspective();
    this.render(state, prev);
  }

  private render(state: ViewState, prev: ViewState | null): void {
    this.refreshReducers(state);
    if (prev && state.hovered !== prev.hovered && onlyHoverChanged(state, prev)) return;
    this.controls.render(state);
    renderStatus(this.statusEl, state, {
      retry: () => this.loadGraph(),
      resetFilters: () => this.resetFilters(),
      allStages: () => this.store.dispatch(actions.setStage('all')),
      mineral: (slug) => this.store.dispatch(actions.setMineral(slug)),
    });
    renderLegend(
      this.legendEl,
      legendModel({
        colorBy: state.colorBy,
        sizeBy: state.sizeBy,
        impact: state.impactStatus === 'ready',
        removed: state.removed.length,
      }),
    );
    this.renderDetails(state);
    this.renderChokepoints();
    this.renderImpact(state);
    const csvButton = byId<HTMLButtonElement>('export-csv');
    csvButton.disabled = state.impactStatus !== 'ready';
    const query = encodeUrlState(state);
    const url = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      // A step the user took on a settled view gets its own history entry, so Back steps back through view states;
      // what the view settles on its own (the year a first load picks, a restored entry) replaces the current one.
      if (this.userStep) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    this.userStep = false;
  }

  private refreshReducers(state: ViewState): void {
    this.ctx = deriveContext(this.graph, state);
    this.sigma.setSettings({ nodeReducer: makeNodeReducer(this.ctx), edgeReducer: makeEdgeReducer(this.ctx, this.graph) });
    // Countries filled by the share of supply they lose (the what-if answer on the map, not only on the dots).
    this.world.setFills(choroplethFills(this.graph, this.ctx.lossByNode, state.colorBy));
  }

  private renderDetails(state: ViewState): void {
    const id = state.selected;
    const load = id ? this.details.get(id) : undefined;
    this.detailsPanel.render({
      id,
      graph: this.graph,
      details: load?.value ?? null,
      status: load?.status ?? 'idle',
      error: load?.error ?? null,
      errorCode: load?.code ?? null,
      suggestions: load?.suggestions ?? [],
      removed: state.removed,
      year: state.year,
      mineral: state.mineral,
      stage: state.stage,
      mineralRisk: this.mineralRisk,
      perspective: this.perspectiveFor(state),
    });
  }

  private perspectiveFor(state: ViewState): PerspectiveLoad | null {
    const iso3 = perspectiveOf(this.graph, state.selected);
    return iso3 ? (this.perspectives.get(perspectiveKey(iso3, state.year)) ?? null) : null;
  }

  private renderChokepoints(): void {
    const state = this.store.getState();
    this.chokepointsPanel.render({
      mineral: state.mineral,
      rows: this.chokepoints.value,
      status: this.chokepoints.status,
      error: this.chokepoints.error,
      selected: state.selected,
      level: state.chokepointLevel,
    });
  }

  private renderImpact(state: ViewState): void {
    this.impactPanel.render(state, (id) => this.nameOf(id));
    if (this.impactMarkPending && state.impactStatus === 'ready') {
      this.impactMarkPending = false;
      // Marked once the table and the recoloured graph are drawn (next frame), which is what "on screen" means.
      requestAnimationFrame(() => {
        performance.mark(MARKS.impactOnScreen);
        const start = performance.getEntriesByName(MARKS.removeStart, 'mark').at(-1);
        if (start) {
          const m = performance.measure('chokepoint:impact', MARKS.removeStart, MARKS.impactOnScreen);
          console.info(`chokepoint: impact on screen ${m.duration.toFixed(0)} ms after the removal`);
        }
      });
    }
  }

  private applyLayout(): void {
    const state = this.store.getState();
    if (state.layout !== 'layered') this.headings.set([]);
    if (state.layout === 'geo') {
      this.world.setVisible(true);
      this.sigma.setCustomBBox(worldExtent(worldProjection()));
      this.sigma.refresh();
      this.force.toGeo();
    } else if (state.layout === 'layered') {
      // Computed at once (a few sweeps over the drawn graph), then framed off the legend as the force layout is.
      this.force.stop();
      this.world.setVisible(false);
      this.sigma.setCustomBBox(null);
      const { positions, columns } = layeredLayout(this.graph);
      this.graph.updateEachNodeAttributes((node, a) => ({ ...a, ...positions.get(node)! }), { attributes: ['x', 'y'] });
      this.headings.set(columns);
      this.frameForce();
      this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      return;
    } else {
      this.world.setVisible(false);
      this.sigma.setCustomBBox(null);
      this.sigma.refresh();
      const graph = this.graph;
      void this.force
        .run(undefined, (node) => this.sigma.getNodeDisplayData(node)?.size ?? 5)
        .then(() => {
          if (graph !== this.graph) return;
          this.frameForce();
          this.sigma.getCamera().animatedReset({ duration: 300 });
        });
    }
    void this.sigma.getCamera().animate(this.homeCamera(), { duration: 300 });
  }

  /**
   * Frames the force layout so that no node sits under the legend (HTML over the stage's bottom-left corner), where
   * neither it nor its label could be seen: the frame is widened to the left until the nodes beside the legend clear
   * it. A few refreshes of the graph, once per layout or legend toggle.
   */
  private frameForce(): void {
    if (this.store.getState().layout === 'geo' || this.graph.order === 0) return;
    const x: [number, number] = [Infinity, -Infinity];
    const y: [number, number] = [Infinity, -Infinity];
    this.graph.forEachNode((_n, a) => {
      x[0] = Math.min(x[0], a.x);
      x[1] = Math.max(x[1], a.x);
      y[0] = Math.min(y[0], a.y);
      y[1] = Math.max(y[1], a.y);
    });
    const whole = { cameraState: { x: 0.5, y: 0.5, ratio: 1, angle: 0 } };
    const legendBox = byId<HTMLDetailsElement>('legend-box');
    for (let i = 0; i < 4; i++) {
      this.sigma.setCustomBBox({ x: [...x], y: [...y] });
      this.sigma.refresh();
      const legend = this.overlays()[0]!;
      const clear = legend.x + legend.width + 6;
      let need = 0;
      this.graph.forEachNode((n, a) => {
        const p = this.sigma.graphToViewport(a, whole);
        const r = this.sigma.getNodeDisplayData(n)?.size ?? 0;
        if (p.y + r >= legend.y && p.x - r < clear) need = Math.max(need, clear - (p.x - r));
      });
      if (need <= 0 || !legendBox.open) break;
      const unit =
        this.sigma.graphToViewport({ x: 1, y: 0 }, whole).x - this.sigma.graphToViewport({ x: 0, y: 0 }, whole).x;
      if (!(unit > 0)) break;
      x[0] -= need / unit;
    }
  }

  /** The HTML drawn over the graph (legend, zoom buttons), in the graph container's pixels: labels keep off it. */
  private overlays(): Array<{ x: number; y: number; width: number; height: number }> {
    const origin = byId('graph').getBoundingClientRect();
    return [byId('legend-box'), byId('zoom')].map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
    });
  }

  /**
   * The resting camera: everything in view; in the geographic layout on a tall narrow stage (a phone), zoomed until
   * the map fills most of the stage height, centred on where the drawn supply is (nodes weighted by their share).
   */
  homeCamera(): { x: number; y: number; ratio: number; angle: number } {
    const whole = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    const { width, height } = this.sigma.getDimensions();
    if (this.store.getState().layout !== 'geo' || !(width > 0) || !(height > 0)) return whole;
    const extent = worldExtent(worldProjection());
    const at1 = { cameraState: whole };
    const top = this.sigma.graphToViewport({ x: 0, y: extent.y[1] }, at1);
    const bottom = this.sigma.graphToViewport({ x: 0, y: extent.y[0] }, at1);
    const framedX = (x: number) =>
      this.sigma.viewportToFramedGraph(this.sigma.graphToViewport({ x, y: 0 }, at1), at1).x;
    let sx = 0;
    let sw = 0;
    this.graph.forEachNode((_n, a) => {
      const w = a.supplyShare ?? 0;
      sx += w * a.geoX;
      sw += w;
    });
    const left = this.sigma.viewportToFramedGraph({ x: 0, y: height / 2 }, at1).x;
    const right = this.sigma.viewportToFramedGraph({ x: width, y: height / 2 }, at1).x;
    const fit = fitHeightCamera({
      mapHeightPx: Math.abs(bottom.y - top.y),
      stageHeightPx: height,
      halfWidthAtRatio1: Math.abs(right - left) / 2,
      worldX: [framedX(extent.x[0]), framedX(extent.x[1])],
      centreX: sw > 0 ? framedX(sx / sw) : 0.5,
    });
    return { ...fit, angle: 0 };
  }

  // ------------------------------------------------------------------ interactions

  private bindSigma(): void {
    this.sigma.on('clickNode', ({ node, event }) => {
      const original = event.original as MouseEvent;
      if (original.shiftKey) this.remove(node, true);
      else this.store.dispatch(actions.select(node));
    });
    this.sigma.on('clickStage', () => this.store.dispatch(actions.clearSelection()));
    this.sigma.on('enterNode', ({ node }) => this.store.dispatch(actions.hover(node)));
    this.sigma.on('leaveNode', () => this.store.dispatch(actions.hover(null)));
    this.sigma.on('afterRender', () => {
      if (this.firstRenderMarked || this.graph.order === 0) return;
      this.firstRenderMarked = true;
      performance.mark(MARKS.firstRender);
      const m = performance.measure('chokepoint:first-meaningful-render', { start: 0, end: MARKS.firstRender });
      console.info(
        `chokepoint: first meaningful render at ${m.duration.toFixed(0)} ms (${this.graph.order} nodes, ${this.graph.size} flows)`,
      );
    });
  }

  private bindExports(): void {
    const menu = byId<HTMLDetailsElement>('export-menu');
    byId('export-png').addEventListener('click', () => {
      menu.open = false;
      const state = this.store.getState();
      void exportPng(this.sigma as unknown as Sigma, {
        legend: legendModel({
          colorBy: state.colorBy,
          sizeBy: state.sizeBy,
          impact: state.impactStatus === 'ready',
          removed: state.removed.length,
        }),
        world: state.layout === 'geo' ? this.worldShapes : null,
        title: `Chokepoint — ${describeFilter(state)}${state.removed.length ? ` — without ${state.removed.map((id) => this.nameOf(id)).join(', ')}` : ''}`,
        fileName: `chokepoint-${state.mineral}${state.year ? `-${state.year}` : ''}.png`,
      }).catch((error) => alert(`PNG export failed: ${message(error)}`));
    });
    byId('export-gexf').addEventListener('click', () => {
      menu.open = false;
      const state = this.store.getState();
      const reduce = makeNodeReducer(this.ctx);
      const gexf = viewGraphToGexf(this.graph, {
        nodeSize: (n) => reduce(n, this.graph.getNodeAttributes(n)).size ?? 3,
        nodeColor: (n) => reduce(n, this.graph.getNodeAttributes(n)).color ?? '#999999',
      });
      download(
        `chokepoint-${state.mineral}${state.stage === 'all' ? '' : `-${state.stage}`}${state.year ? `-${state.year}` : ''}.gexf`,
        gexf,
        'application/gexf+xml',
      );
    });
    byId('export-csv').addEventListener('click', () => {
      menu.open = false;
      this.downloadCsv();
    });
  }

  private bindZoom(): void {
    const camera = this.sigma.getCamera();
    byId('zoom-in').addEventListener('click', () => void camera.animatedZoom({ duration: 250 }));
    byId('zoom-out').addEventListener('click', () => void camera.animatedUnzoom({ duration: 250 }));
    byId('zoom-reset').addEventListener('click', () => void camera.animate(this.homeCamera(), { duration: 300 }));
  }

  private downloadCsv(): void {
    const state = this.store.getState();
    if (state.impactStatus !== 'ready') return;
    const slug = state.removed.map((id) => id.replace(/[^a-zA-Z0-9-]+/g, '_')).join('+');
    download(
      `impact-${slug}${state.mineral === 'all' ? '' : `-${state.mineral}`}.csv`,
      impactCsv(this.impactPanel.rows),
      'text/csv',
    );
  }

  private resetFilters(): void {
    const before = this.store.getState();
    this.store.dispatch(actions.resetFilters());
    // Already at the defaults (the refusal was about something else): the filter did not change, so ask again here.
    if (this.store.getState() === before) this.loadGraph();
  }

  private remove(id: string, additive: boolean): void {
    performance.mark(MARKS.removeStart);
    this.store.dispatch(actions.remove(id, additive));
  }

  private keyboard(e: KeyboardEvent): void {
    const target = e.target as HTMLElement | null;
    const typing =
      !!target &&
      (target.tagName === 'INPUT' ||
        target.tagName === 'SELECT' ||
        target.tagName === 'TEXTAREA' ||
        target.isContentEditable);
    if (e.key === '/' && !typing) {
      e.preventDefault();
      this.search.focus();
    } else if (e.key === 'Escape') {
      this.search.close();
      this.store.dispatch(actions.clearSelection());
    }
  }

  private searchEntries(): SearchEntry[] {
    const entries: SearchEntry[] = [];
    this.graph.forEachNode((id, a) => entries.push({ id, kind: a.kind, name: a.name, country: a.country }));
    for (const [id, name] of this.names) if (id.startsWith('mineral:')) entries.push({ id, kind: 'mineral', name });
    return entries;
  }

  private pick(hit: SearchEntry): void {
    this.names.set(hit.id, hit.name);
    if (hit.kind === 'mineral') {
      this.store.dispatch(actions.setMineral(hit.id.slice('mineral:'.length)));
      return;
    }
    this.selectAndFocus(hit.id);
  }

  /**
   * After a removal, frames the answer: the removed nodes (or, for a country not drawn, what is located in it) and the
   * consumers that lost supply, so none of them is off-screen (the camera would otherwise stay on the node just
   * removed). The box is taken in camera ("framed") coordinates, padded by 30%, never zoomed out past the whole graph.
   */
  private frameImpact(result: ImpactResult): void {
    const ids = new Set<string>();
    for (const id of result.removed) {
      const base = id.includes('/') ? id.slice(0, id.indexOf('/')) : id;
      if (this.graph.hasNode(base)) ids.add(base);
      else if (base.startsWith('country:')) {
        const iso3 = base.slice('country:'.length);
        this.graph.forEachNode((n, a) => a.country === iso3 && ids.add(n));
      }
    }
    for (const c of result.consumers)
      if ((c.tonnesLost > 0 || c.shareLost > 0) && this.graph.hasNode(c.country)) ids.add(c.country);
    if (!ids.size) return;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const id of ids) {
      const a = this.graph.getNodeAttributes(id);
      const p = this.sigma.viewportToFramedGraph(this.sigma.graphToViewport({ x: a.x, y: a.y }));
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x);
      y1 = Math.max(y1, p.y);
    }
    const camera = this.sigma.getCamera();
    const { width, height } = this.sigma.getDimensions();
    // At ratio r the stage shows r framed units across its smaller side (sigma's normalisation), more along the longer.
    const short = Math.min(width, height);
    const ratio = Math.min(
      1,
      Math.max(0.08, 1.3 * Math.max(((x1 - x0) * short) / width, ((y1 - y0) * short) / height)),
    );
    void camera.animate({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio }, { duration: 450 });
  }

  /** Selects a node and moves the camera to it (or, for a country not drawn, to what is located in it). */
  selectAndFocus(id: string): void {
    this.store.dispatch(actions.select(id));
    const camera = this.sigma.getCamera();
    let nodes = this.graph.hasNode(id) ? [id] : [];
    if (!nodes.length && id.startsWith('country:')) {
      const iso3 = id.slice('country:'.length);
      nodes = this.graph.filterNodes((_n, a) => a.country === iso3);
    }
    if (!nodes.length) return;
    const x = nodes.reduce((s, n) => s + this.graph.getNodeAttribute(n, 'x'), 0) / nodes.length;
    const y = nodes.reduce((s, n) => s + this.graph.getNodeAttribute(n, 'y'), 0) / nodes.length;
    // Graph -> camera ("framed") coordinates through the viewport: sigma's display cache may not be normalised yet
    // right after a reducer change, so it is not read here.
    const target = this.sigma.viewportToFramedGraph(this.sigma.graphToViewport({ x, y }));
    void camera.animate({ x: target.x, y: target.y, ratio: Math.min(camera.ratio, 0.35) }, { duration: 450 });
  }

  nameOf(id: string): string {
    if (this.graph.hasNode(id)) return this.graph.getNodeAttribute(id, 'name');
    const slash = id.indexOf('/');
    if (slash > 0) return `${this.nameOf(id.slice(0, slash))} (${id.slice(slash + 1)} exports)`;
    return this.names.get(id) ?? id;
  }
}

function onlyHoverChanged(a: ViewState, b: ViewState): boolean {
  for (const key of Object.keys(a) as Array<keyof ViewState>) if (key !== 'hovered' && a[key] !== b[key]) return false;
  return true;
}
