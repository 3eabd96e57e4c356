/** Sizes of node boxes: labels are drawn in DejaVu Sans Mono, so a label's width is exact from its length. */
import type { GraphEdge, GraphNode } from './model.js';

/** Font size of node labels, px. */
export const LABEL_FONT_SIZE = 16;
/** Font size of edge labels (dates), px. */
export const EDGE_FONT_SIZE = 12;
/** DejaVu Sans Mono's advance width: 1233 of 2048 units per em. */
export const MONO_ADVANCE = 1233 / 2048;
/** Room for the type icon at the left of a box. */
export const ICON_SPACE = 22;
/** Padding left and right of a box's content. */
export const PAD_X = 8;
const LINE = LABEL_FONT_SIZE + 5;
const EDGE_LINE = EDGE_FONT_SIZE + 3;

export interface Box {
  readonly width: number;
  readonly height: number;
}

/** Width of `text` in px at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * MONO_ADVANCE * fontSize;
}

/** The box a node is drawn in: icon, label, and the date of the edge that leads to it (beneath the label). */
export function nodeBox(node: GraphNode, incomingLabel: string | null): Box {
  const label = textWidth(node.label, node.depth === 0 ? LABEL_FONT_SIZE + 2 : LABEL_FONT_SIZE);
  const date = incomingLabel ? textWidth(incomingLabel, EDGE_FONT_SIZE) : 0;
  const height = LINE + (incomingLabel ? EDGE_LINE : 0) + 8 + (node.depth === 0 ? 6 : 0);
  return { width: Math.ceil(ICON_SPACE + Math.max(label, date) + PAD_X * 2), height };
}

/** The label of the edge drawn inside each node's box: the first labelled edge that leads to it. */
export function incomingLabels(edges: readonly GraphEdge[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const edge of edges) if (edge.label && !labels.has(edge.to)) labels.set(edge.to, edge.label);
  return labels;
}
