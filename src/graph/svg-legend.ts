/** The legend (a shape and colour per kind, an outline per mark) and the notes under the picture. */
import { escapeXml } from './escape-xml.js';
import { textWidth } from './label-metrics.js';
import type { Graph, Mark, NodeKind } from './model.js';
import { shapeSvg } from './svg-shapes.js';
import { KIND_STYLE, MARK_NAMES, type Theme } from './theme.js';

export const LEGEND_FONT_SIZE = 14;
const ROW = LEGEND_FONT_SIZE + 8;
const ITEM_GAP = 18;

interface Item {
  readonly width: number;
  draw(x: number, y: number): string;
}

function kindItem(kind: NodeKind, theme: Theme): Item {
  const name = KIND_STYLE[kind].name;
  return {
    width: 18 + textWidth(name, LEGEND_FONT_SIZE),
    draw: (x, y) =>
      `${shapeSvg(KIND_STYLE[kind].shape, x + 6, y - 4, 6, theme.kinds[kind])}<text x="${x + 18}" y="${y}">${escapeXml(name)}</text>`,
  };
}

function markItem(mark: Mark, theme: Theme): Item {
  const name = MARK_NAMES[mark];
  return {
    width: 26 + textWidth(name, LEGEND_FONT_SIZE),
    draw: (x, y) =>
      `<rect x="${x}" y="${y - 11}" width="18" height="13" rx="3" fill="${theme.panel}" stroke="${theme.marks[mark]}" stroke-width="2.5"/>` +
      `<text x="${x + 26}" y="${y}">${escapeXml(name)}</text>`,
  };
}

function dateItem(): Item {
  const text = 'date: last resolved';
  return { width: textWidth(text, LEGEND_FONT_SIZE), draw: (x, y) => `<text x="${x}" y="${y}">${text}</text>` };
}

/** Legend items for the kinds and marks present in `graph`, and what a date means when there are dates. */
function items(graph: Graph, theme: Theme): Item[] {
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))].sort((a, b) => a.localeCompare(b));
  const marks = (['malicious', 'suspicious', 'safe'] as const).filter((m) => graph.nodes.some((n) => n.mark === m));
  const dates = graph.edges.some((e) => e.label !== null) ? [dateItem()] : [];
  return [...kinds.map((k) => kindItem(k, theme)), ...marks.map((m) => markItem(m, theme)), ...dates];
}

/** The legend wrapped to `width`, starting at `top`: its SVG and height. */
export function legendSvg(graph: Graph, theme: Theme, left: number, top: number, width: number): { svg: string; height: number } {
  let x = left;
  let y = top + 14;
  const parts: string[] = [];
  for (const item of items(graph, theme)) {
    if (x > left && x + item.width > left + width) {
      x = left;
      y += ROW;
    }
    parts.push(item.draw(x, y));
    x += item.width + ITEM_GAP;
  }
  return { svg: `<g font-size="${LEGEND_FONT_SIZE}" fill="${theme.muted}">${parts.join('')}</g>`, height: y - top + 8 };
}

/** The widest legend row needs no more than this. */
export function legendMinWidth(graph: Graph, theme: Theme): number {
  return Math.max(0, ...items(graph, theme).map((i) => i.width));
}

/** Note lines as SVG text, one per row. */
export function notesSvg(lines: readonly string[], theme: Theme, left: number, top: number): { svg: string; height: number } {
  const rows = lines.map(
    (line, i) => `<text x="${left}" y="${top + LEGEND_FONT_SIZE + 2 + i * (LEGEND_FONT_SIZE + 6)}">${escapeXml(line)}</text>`,
  );
  return {
    svg: `<g font-size="${LEGEND_FONT_SIZE}" fill="${theme.muted}">${rows.join('')}</g>`,
    height: lines.length * (LEGEND_FONT_SIZE + 6),
  };
}
