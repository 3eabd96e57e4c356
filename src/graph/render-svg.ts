/** The graph as SVG: title, edges, node boxes (type icon, defanged label, edge date), notes and legend. */
import { escapeXml } from './escape-xml.js';
import { noteLines } from './graph-notes.js';
import { EDGE_FONT_SIZE, ICON_SPACE, LABEL_FONT_SIZE, PAD_X, textWidth } from './label-metrics.js';
import { type Layout, layoutGraph, type PlacedNode } from './layout.js';
import type { Graph } from './model.js';
import { LEGEND_FONT_SIZE, legendMinWidth, legendSvg, notesSvg } from './svg-legend.js';
import { shapeSvg } from './svg-shapes.js';
import { KIND_STYLE, THEME, type Theme, type ThemeName } from './theme.js';

/** The font every text is drawn in (shipped with the project, loaded explicitly when rendering PNG). */
export const FONT_FAMILY = 'DejaVu Sans Mono';
const MARGIN = 24;
const HEADER = 66;
const TITLE_FONT_SIZE = 20;
const MIN_WIDTH = 560;

export interface SvgPicture {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

const f = (n: number) => Number(n.toFixed(1));

function nodeSvg(p: PlacedNode, theme: Theme, top: number): string {
  const { node, box } = p;
  const left = p.x - box.width / 2;
  const y = top + p.y - box.height / 2;
  const centre = node.depth === 0;
  const colour = theme.kinds[node.kind];
  const stroke = node.mark ? `stroke="${theme.marks[node.mark]}" stroke-width="2.5"` : `stroke="${colour}" stroke-width="1.2"`;
  const dash = node.kind === 'more' ? ' stroke-dasharray="4 3"' : '';
  const size = centre ? LABEL_FONT_SIZE + 2 : LABEL_FONT_SIZE;
  const baseline = y + (centre ? 7 : 4) + size;
  const parts = [
    `<rect x="${f(left)}" y="${f(y)}" width="${box.width}" height="${box.height}" rx="6" fill="${centre ? theme.centrePanel : theme.panel}" ${stroke}${dash}/>`,
    shapeSvg(KIND_STYLE[node.kind].shape, left + PAD_X + 7, baseline - size * 0.36, centre ? 7 : 6, colour),
    `<text x="${f(left + PAD_X + ICON_SPACE)}" y="${f(baseline)}" font-size="${size}"${centre ? ' font-weight="bold"' : ''} fill="${node.kind === 'more' ? theme.muted : theme.text}">${escapeXml(node.label)}</text>`,
  ];
  if (p.edgeLabel) {
    parts.push(
      `<text x="${f(left + PAD_X + ICON_SPACE)}" y="${f(baseline + EDGE_FONT_SIZE + 4)}" font-size="${EDGE_FONT_SIZE}" fill="${theme.muted}">${escapeXml(p.edgeLabel)}</text>`,
    );
  }
  return parts.join('');
}

function edgesSvg(graph: Graph, layout: Layout, theme: Theme, top: number): string {
  const at = new Map(layout.nodes.map((p) => [p.node.id, p]));
  const lines = graph.edges.map((e) => {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) return '';
    const faint = a.node.depth > 0 && b.node.depth > 0 ? ' stroke-opacity="0.7"' : '';
    return `<line x1="${f(a.x)}" y1="${f(a.y + top)}" x2="${f(b.x)}" y2="${f(b.y + top)}"${faint}/>`;
  });
  return `<g stroke="${theme.edge}" stroke-width="1.3">${lines.join('')}</g>`;
}

function headerSvg(graph: Graph, theme: Theme, room: number): { svg: string; width: number } {
  const c = graph.centre;
  const title = `ThreatCrowd graph: ${c.label}`;
  const depth = graph.expansion ? 2 : 1;
  const facts = `${KIND_STYLE[c.kind].name} · depth ${depth} · ${graph.nodes.length} nodes · source: ${graph.source}`;
  const full = `${facts}${c.mark ? ` · ${c.mark}${c.markReason ? ` (${c.markReason})` : ''}` : ''}`;
  // The reason is in the alt text: it is left out rather than widen (and so shrink) the whole picture.
  const sub = textWidth(full, LEGEND_FONT_SIZE) <= room ? full : `${facts}${c.mark ? ` · ${c.mark}` : ''}`;
  const svg =
    `<text x="${MARGIN}" y="32" font-size="${TITLE_FONT_SIZE}" font-weight="bold" fill="${theme.text}">${escapeXml(title)}</text>` +
    `<text x="${MARGIN}" y="54" font-size="${LEGEND_FONT_SIZE}" fill="${theme.muted}">${escapeXml(sub)}</text>`;
  return { svg, width: Math.max(textWidth(title, TITLE_FONT_SIZE), textWidth(sub, LEGEND_FONT_SIZE)) + 2 * MARGIN };
}

/** Draws `graph` (laid out here unless `layout` is given) in the `theme` colours. */
export function renderSvg(graph: Graph, themeName: ThemeName = 'dark', layout: Layout = layoutGraph(graph)): SvgPicture {
  const theme = THEME[themeName];
  const header = headerSvg(graph, theme, Math.max(MIN_WIDTH, layout.width) - 2 * MARGIN);
  const notes = noteLines(graph);
  const notesWidth = Math.max(0, ...notes.map((n) => textWidth(n, LEGEND_FONT_SIZE))) + 2 * MARGIN;
  const width = Math.ceil(Math.max(MIN_WIDTH, layout.width, header.width, notesWidth, legendMinWidth(graph, theme) + 2 * MARGIN));
  // Centre the drawing when the header or legend is wider than it.
  const shift = (width - layout.width) / 2;
  const placed: Layout = { ...layout, nodes: layout.nodes.map((p) => ({ ...p, x: p.x + shift })) };
  const notesTop = HEADER + layout.height;
  const noteBlock = notesSvg(notes, theme, MARGIN, notesTop);
  const legend = legendSvg(graph, theme, MARGIN, notesTop + noteBlock.height + (notes.length ? 8 : 0), width - 2 * MARGIN);
  const height = Math.ceil(notesTop + noteBlock.height + (notes.length ? 8 : 0) + legend.height + MARGIN / 2);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    `<rect width="100%" height="100%" fill="${theme.background}"/>`,
    header.svg,
    edgesSvg(graph, placed, theme, HEADER),
    ...placed.nodes.map((p) => nodeSvg(p, theme, HEADER)),
    noteBlock.svg,
    legend.svg,
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}
