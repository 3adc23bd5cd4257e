// Writes a graph as the plain "source target cost" edge list (formatEdgeList) that igraph and other tools read.
// Lives in bench/ because src/analysis does no I/O (STYLE.md layout).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AbstractGraph, Attributes } from 'graphology-types';
import { formatEdgeList } from '../src/analysis/synthetic.ts';

/** Writes the edge list to `file` and returns the node order (line indices -> node keys). */
export async function writeEdgeList<N extends Attributes, E extends Attributes>(
  graph: AbstractGraph<N, E>,
  file: string,
  getEdgeCost: (edge: string, attributes: E) => number,
): Promise<string[]> {
  const { nodes, text } = formatEdgeList(graph, getEdgeCost);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return nodes;
}
