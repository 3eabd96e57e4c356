/** One call from a graph to everything posted: the PNG, the SVG, alt text and the notes under it. */
import { altText } from './alt-text.js';
import { noteLines } from './graph-notes.js';
import type { Graph } from './model.js';
import { renderPngAsync } from './render-png.js';
import { renderSvg } from './render-svg.js';
import type { ThemeName } from './theme.js';

export interface GraphPicture {
  readonly svg: string;
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
  readonly altText: string;
  /** Said under the picture: what was left out, what depth 2 spent. */
  readonly notes: readonly string[];
  readonly nodeCount: number;
}

export interface DrawOptions {
  /** @default 'dark' */
  readonly theme?: ThemeName;
  /** PNG zoom. @default 1 */
  readonly zoom?: number;
}

/** Lays out and draws `graph`; the PNG is rendered off the main thread. */
export async function drawGraph(graph: Graph, options: DrawOptions = {}): Promise<GraphPicture> {
  const picture = renderSvg(graph, options.theme ?? 'dark');
  const png = await renderPngAsync(picture.svg, options.zoom ?? 1);
  return {
    svg: picture.svg,
    png: png.png,
    width: png.width,
    height: png.height,
    altText: altText(graph),
    notes: noteLines(graph),
    nodeCount: graph.nodes.length,
  };
}
