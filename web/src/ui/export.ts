// Exports of what is on screen: a PNG of the graph with its map and legend (@sigma/export-image), the displayed
// subgraph as GEXF (graphology-gexf), and the impact table as CSV.
import type Sigma from 'sigma';
import { drawOnCanvas } from '@sigma/export-image';
import type { LegendSection } from '../legend.ts';
import { LabelPlacer } from '../labels.ts';
import { WorldLayer, type WorldShapes } from '../layout/world.ts';
import { drawLegend } from './legend.ts';
import { download } from './dom.ts';

/** Layers composed into the PNG, bottom to top (sigma's own order, with the map first). */
export const PNG_LAYERS = ['world', 'edges', 'nodes', 'edgeLabels', 'labels'];

export async function exportPng(sigma: Sigma, opts: { legend: LegendSection[]; world: WorldShapes | null; title: string; fileName: string }): Promise<void> {
  const canvas = await drawOnCanvas(sigma, {
    layers: PNG_LAYERS,
    backgroundColor: '#ffffff',
    withTempRenderer: (tmp: Sigma) => {
      // The temporary renderer has sigma's layers only: give it the map too, drawn for its camera, and the same label
      // placement as the screen (its settings copy still points at the screen renderer's).
      new LabelPlacer(tmp);
      if (opts.world) new WorldLayer(tmp).setShapes(opts.world);
      tmp.refresh();
    },
  });
  const ctx = canvas.getContext('2d')!;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.scale(ratio, ratio);
  ctx.font = 'bold 14px system-ui, sans-serif';
  ctx.fillStyle = '#1f2328';
  ctx.fillText(opts.title, 10, 20);
  ctx.restore();
  ctx.save();
  ctx.scale(ratio, ratio);
  const cssHeight = canvas.height / ratio;
  const legendRows = opts.legend.reduce((n, s) => n + 1 + s.items.length, 0);
  drawLegend(ctx, opts.legend, 10, Math.max(30, cssHeight - legendRows * 15 - 22));
  ctx.restore();
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export: the canvas gave no image'))), 'image/png'));
  download(opts.fileName, blob);
}
