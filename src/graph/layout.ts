/**
 * Layout with d3-force: the centre pinned in the middle, each kind of neighbour drawn toward its own
 * sector (a cluster per kind), depth-2 nodes near their parent, label boxes kept apart while the simulation
 * runs and any overlap left removed afterwards. Deterministic: d3-force's start positions and random source are fixed.
 */
import { forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import { type Box, incomingLabels, nodeBox } from './label-metrics.js';
import type { Graph, GraphNode, NodeKind } from './model.js';
import { forceRectCollide, removeOverlaps } from './overlap.js';

export interface PlacedNode {
  readonly node: GraphNode;
  /** Centre of the node's box. */
  readonly x: number;
  readonly y: number;
  readonly box: Box;
  /** The date drawn under the label (the label of the edge leading to it). */
  readonly edgeLabel: string | null;
}

export interface Layout {
  readonly nodes: readonly PlacedNode[];
  readonly width: number;
  readonly height: number;
}

interface SimNode extends SimulationNodeDatum {
  readonly index: number;
  readonly box: Box;
  readonly depth: number;
  readonly targetX: number;
  readonly targetY: number;
}

const GAP = 8;
const TICKS = 300;

/** Sector targets: kinds share the ring in a fixed order; the ellipse is wide, for a landscape picture. */
function sectorTargets(graph: Graph): Map<string, { x: number; y: number }> {
  const firstRing = graph.nodes.filter((n) => n.depth === 1);
  const kinds = [...new Set(firstRing.map((n) => n.kind))].filter((k) => k !== 'more');
  const radius = 90 + 9 * Math.sqrt(firstRing.length) * 6;
  const targets = new Map<string, { x: number; y: number }>();
  kinds.forEach((kind, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / kinds.length;
    targets.set(kind, { x: Math.cos(angle) * radius * 1.5, y: Math.sin(angle) * radius * 0.75 });
  });
  return targets;
}

/** One kind only (a family's samples, an address's names): fan the nodes around the whole ring instead. */
function aroundTheRing(sector: { x: number; y: number }, i: number, count: number): { x: number; y: number } {
  const rx = Math.max(Math.abs(sector.x), Math.abs(sector.y) * 2);
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, count - 1);
  return { x: Math.cos(angle) * rx, y: Math.sin(angle) * rx * 0.5 };
}

function simulate(graph: Graph, boxes: readonly Box[]): SimNode[] {
  const sectors = sectorTargets(graph);
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const parentOf = new Map<string, string>();
  for (const e of graph.edges) if (!parentOf.has(e.to)) parentOf.set(e.to, e.from);
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  // A "+N more" node sits with the section it stands for: the kind of its siblings of the same relation.
  const summarisedKind = new Map<string, NodeKind>();
  for (const e of graph.edges) {
    if (kindOf.get(e.to) !== 'more') continue;
    const sibling = graph.edges.find((s) => s.from === e.from && s.relation === e.relation && kindOf.get(s.to) !== 'more');
    const kind = sibling && kindOf.get(sibling.to);
    if (kind) summarisedKind.set(e.to, kind);
  }
  const sim: SimNode[] = graph.nodes.map((n, i) => {
    // Depth 2 goes outside its parent's sector, so the second ring reads as hanging from the first.
    const sectorKind = n.depth === 2 ? kindOf.get(parentOf.get(n.id) ?? '') : n.kind === 'more' ? summarisedKind.get(n.id) : n.kind;
    const own = (sectorKind && sectors.get(sectorKind)) || { x: 0, y: 0 };
    const sector = sectors.size === 1 && n.depth === 1 ? aroundTheRing(own, i, graph.nodes.length) : own;
    const reach = n.depth === 2 ? 1.9 : 1;
    const target = n.depth === 0 ? { x: 0, y: 0 } : { x: sector.x * reach, y: sector.y * reach };
    // Start each node near its target (a small golden-angle spiral apart): the simulation only tidies up.
    const spread = 12 * Math.sqrt(i);
    return {
      index: i,
      box: boxes[i] ?? { width: 0, height: 0 },
      depth: n.depth,
      targetX: target.x,
      targetY: target.y,
      x: target.x + spread * Math.cos(i * 2.4),
      y: target.y + spread * Math.sin(i * 2.4),
      ...(n.depth === 0 ? { x: 0, y: 0, fx: 0, fy: 0 } : {}),
    };
  });
  const links = graph.edges.map((e) => ({ source: index.get(e.from) ?? 0, target: index.get(e.to) ?? 0 }));
  const ringPull = (n: SimNode) => (n.depth === 0 ? 0 : n.depth === 1 ? 0.12 : 0.06);
  forceSimulation(sim)
    .randomSource(() => 0.5)
    .force('link', forceLink(links).distance(70).strength(0.2))
    .force('charge', forceManyBody().strength(-120).distanceMax(500))
    .force('x', forceX<SimNode>((n) => n.targetX).strength(ringPull))
    .force('y', forceY<SimNode>((n) => n.targetY).strength(ringPull))
    .force(
      'boxes',
      forceRectCollide((i) => sim[i]?.box ?? { width: 0, height: 0 }, GAP),
    )
    .stop()
    .tick(TICKS);
  return sim;
}

/** Places every node of `graph` so that no two label boxes intersect; coordinates start at `margin`. */
export function layoutGraph(graph: Graph, margin = 24): Layout {
  const dates = incomingLabels(graph.edges);
  const boxes = graph.nodes.map((n) => nodeBox(n, dates.get(n.id) ?? null));
  const sim = simulate(graph, boxes);
  const rects = sim.map((n) => ({ x: n.x ?? 0, y: n.y ?? 0, ...n.box }));
  removeOverlaps(rects, GAP, graph.nodes.indexOf(graph.centre));
  const minX = Math.min(...rects.map((r) => r.x - r.width / 2));
  const minY = Math.min(...rects.map((r) => r.y - r.height / 2));
  const maxX = Math.max(...rects.map((r) => r.x + r.width / 2));
  const maxY = Math.max(...rects.map((r) => r.y + r.height / 2));
  return {
    nodes: graph.nodes.map((node, i) => ({
      node,
      x: (rects[i]?.x ?? 0) - minX + margin,
      y: (rects[i]?.y ?? 0) - minY + margin,
      box: { width: rects[i]?.width ?? 0, height: rects[i]?.height ?? 0 },
      edgeLabel: dates.get(node.id) ?? null,
    })),
    width: Math.ceil(maxX - minX + 2 * margin),
    height: Math.ceil(maxY - minY + 2 * margin),
  };
}
