/** One call from a graph to everything posted: the PNG, the SVG, alt text and the notes under it. */
import Bottleneck from 'bottleneck';
import { UserError } from '../errors/user-error.js';
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

/** Drawings at once in this process, and waiting: the layout takes the main thread, the PNG a worker. */
export const DRAWING_LIMITS = { running: 1, waiting: 8 } as const;

/** Too many drawings already asked for: the person sees this and asks again later. */
export class DrawingBusyError extends UserError {
  constructor() {
    super(`I am drawing ${DRAWING_LIMITS.waiting} other pictures already; ask again in a minute.`);
  }
}

// One bound for every caller, so a flood of graph requests for a cached value (no upstream wait) costs at most
// one drawing at a time and a short queue, not a render per request.
const drawings = new Bottleneck({
  maxConcurrent: DRAWING_LIMITS.running,
  highWater: DRAWING_LIMITS.waiting,
  strategy: Bottleneck.strategy.OVERFLOW,
});

/** Lays out and draws `graph`; the PNG is rendered off the main thread. Throws `DrawingBusyError` when the queue is full. */
export async function drawGraph(graph: Graph, options: DrawOptions = {}): Promise<GraphPicture> {
  try {
    return await drawings.schedule(() => draw(graph, options));
  } catch (error) {
    if (error instanceof Bottleneck.BottleneckError) throw new DrawingBusyError();
    throw error;
  }
}

async function draw(graph: Graph, options: DrawOptions): Promise<GraphPicture> {
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
