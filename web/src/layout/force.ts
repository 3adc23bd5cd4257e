// Force-directed layout: ForceAtlas2 (Jacomy et al. 2014) in a web worker (graphology-layout-forceatlas2/worker,
// Barnes-Hut O(n log n) per iteration) for a fixed time, then graphology-layout-noverlap to pull overlapping nodes
// apart. Edges are unweighted for the attraction: tonnes of different minerals are not comparable (aluminium's
// millions would swamp beryllium's hundreds).
import FA2LayoutImport from 'graphology-layout-forceatlas2/worker.js';
import { inferSettings } from 'graphology-layout-forceatlas2';
import noverlapImport from 'graphology-layout-noverlap';
import { animateNodes } from 'sigma/utils';
import type { ViewGraph } from '../graph.ts';

/**
 * These CommonJS packages declare `export default` in their typings but set `module.exports` at run time: under
 * TypeScript's NodeNext rules the default import is typed as the module object, while Vite and Node hand over the
 * function itself. Reading `.default` when present covers both.
 */
function cjsDefault<T>(imported: { default: T }): T {
  return ((imported as unknown as { default?: T }).default ?? imported) as T;
}
const FA2Layout = cjsDefault(FA2LayoutImport);
type FA2Layout = InstanceType<typeof FA2Layout>;
const noverlap = cjsDefault(noverlapImport);

export const DEFAULT_FORCE_MS = 2_500;

export class ForceLayout {
  private supervisor: FA2Layout | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private cancelAnimation: (() => void) | null = null;
  private settle: (() => void) | null = null;

  constructor(private readonly graph: ViewGraph) {}

  /** Runs FA2 for `ms`, then noverlap; resolves when positions are final (or at once when killed). */
  run(ms = DEFAULT_FORCE_MS, sizeOf: (node: string) => number = () => 5): Promise<void> {
    this.stop();
    if (this.graph.order === 0) return Promise.resolve();
    const settings = { ...inferSettings(this.graph), barnesHutOptimize: this.graph.order > 300, adjustSizes: false };
    this.supervisor = new FA2Layout(this.graph, { settings, getEdgeWeight: null });
    this.supervisor.start();
    return new Promise((resolve) => {
      this.settle = resolve;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.supervisor?.kill();
        this.supervisor = null;
        noverlap.assign(this.graph, {
          maxIterations: 60,
          settings: { ratio: 1.2, margin: 1 },
          inputReducer: (key, attrs) => ({ x: attrs.x, y: attrs.y, size: sizeOf(key) }),
        });
        // After noverlap: a host country is as large as its national total and drawn over it on purpose (as on the
        // map); pulled apart, it would drift to the rim with its label.
        placeHostCountries(this.graph);
        this.settle = null;
        resolve();
      }, ms);
    });
  }

  isRunning(): boolean {
    return this.supervisor !== null;
  }

  /** Moves every node back to its geographic position, animated. */
  toGeo(durationMs = 600): void {
    this.stop();
    const targets: Record<string, { x: number; y: number }> = {};
    this.graph.forEachNode((node, a) => (targets[node] = { x: a.geoX, y: a.geoY }));
    this.cancelAnimation = animateNodes(this.graph, targets, { duration: durationMs });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.supervisor?.kill();
    this.supervisor = null;
    this.cancelAnimation?.();
    this.cancelAnimation = null;
    // A run cut short still settles, so nobody awaits it forever.
    this.settle?.();
    this.settle = null;
  }

  kill(): void {
    this.stop();
  }
}

/**
 * Countries drawn only because something is located in them have no flow, so ForceAtlas2 pushes them to the rim;
 * they are put back at the mean position of what they host.
 */
export function placeHostCountries(graph: ViewGraph): void {
  const hosted = new Map<string, { x: number; y: number; n: number }>();
  graph.forEachNode((_node, a) => {
    if (a.kind === 'country' || !a.country) return;
    const key = `country:${a.country}`;
    const sum = hosted.get(key) ?? { x: 0, y: 0, n: 0 };
    sum.x += a.x;
    sum.y += a.y;
    sum.n++;
    hosted.set(key, sum);
  });
  for (const [country, sum] of hosted) {
    if (!graph.hasNode(country) || graph.degree(country) > 0) continue;
    graph.mergeNodeAttributes(country, { x: sum.x / sum.n, y: sum.y / sum.n });
  }
}
