/** A graph under construction: nodes de-duplicated by kind and value, neighbours added within a node budget. */
import type { Report } from '../report/report.js';
import { labelFor, withDistinctLabels } from './label-text.js';
import { type FeedCheck, type MarkWithReason, markOfNeighbour } from './marks.js';
import { type Graph, type GraphEdge, type GraphNode, type NodeKind, nodeId, type Omission, type Relation } from './model.js';
import { LOOKUP_OF_KIND, moreText, type Neighbour, neighboursOf } from './neighbours.js';

const STRENGTH = { malicious: 3, suspicious: 2, safe: 1 } as const;

/** Shares `slots` among groups one at a time in turn (earlier groups get the remainder). */
export function shareSlots(sizes: readonly number[], slots: number): number[] {
  let given = sizes.map(() => 0);
  let left = Math.max(0, slots);
  while (left > 0) {
    const before = left;
    given = given.map((n, i) => {
      if (left === 0 || n >= (sizes[i] ?? 0)) return n;
      left--;
      return n + 1;
    });
    if (left === before) break;
  }
  return given;
}

/** Like shareSlots, but a group that does not fit whole also needs one slot for its "+N more" node. */
export function shareSlotsWithSummaries(sizes: readonly number[], slots: number): number[] {
  let reserved = 0;
  for (;;) {
    const given = shareSlots(sizes, slots - reserved);
    const cut = given.filter((n, i) => n < (sizes[i] ?? 0)).length;
    if (cut <= reserved || reserved >= slots) return given;
    reserved = cut;
  }
}

export class GraphDraft {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly omissions: Omission[] = [];

  constructor(private readonly onFeed: FeedCheck) {}

  get size(): number {
    return this.nodes.size;
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  /** Adds a node, or returns the existing one with the stronger of the two marks. */
  addNode(kind: NodeKind, value: string, depth: number, mark: MarkWithReason): GraphNode {
    const id = nodeId(kind, value);
    const existing = this.nodes.get(id);
    const stronger = mark.mark !== null && (existing?.mark === null || STRENGTH[mark.mark] > STRENGTH[existing?.mark ?? 'safe']);
    if (existing && !stronger) return existing;
    const node: GraphNode = {
      id,
      kind,
      value,
      label: existing?.label ?? labelFor(kind, value),
      depth: Math.min(depth, existing?.depth ?? depth),
      mark: mark.mark,
      markReason: mark.reason,
      lookupType: LOOKUP_OF_KIND[kind] ?? null,
    };
    this.nodes.set(id, node);
    return node;
  }

  addEdge(from: string, to: string, relation: Relation, label: string | null): void {
    if (from === to || this.edges.has(`${to}>${from}`)) return;
    if (!this.edges.has(`${from}>${to}`)) this.edges.set(`${from}>${to}`, { from, to, relation, label });
  }

  /**
   * Hangs `report`'s neighbours from `parent`, using at most `slots` new nodes: neighbours already drawn
   * cost nothing (they show the cluster); each section gets a fair share and what does not fit is one "+N more" node.
   */
  addNeighbours(parent: GraphNode, report: Report, slots: number): number {
    const groups = new Map<Relation, Neighbour[]>();
    const seen = new Set<string>([parent.id]);
    for (const n of neighboursOf(report)) {
      const id = nodeId(n.kind, n.value);
      if (seen.has(id)) continue;
      seen.add(id);
      if (this.nodes.has(id)) this.addEdge(parent.id, id, n.relation, n.edgeLabel);
      else {
        const group = groups.get(n.relation) ?? [];
        group.push(n);
        groups.set(n.relation, group);
      }
    }
    const sections = [...groups.entries()].map(([relation, list]) => [relation, this.markedFirst(list, report)] as const);
    const given = shareSlotsWithSummaries(
      sections.map(([, list]) => list.length),
      slots,
    );
    let used = 0;
    sections.forEach(([relation, list], i) => {
      const room = given[i] ?? 0;
      for (const { neighbour, mark } of list.slice(0, room)) {
        const node = this.addNode(neighbour.kind, neighbour.value, parent.depth + 1, mark);
        this.addEdge(parent.id, node.id, relation, neighbour.edgeLabel);
        used++;
      }
      const cut = list.length - room;
      if (cut > 0 && used < slots) {
        this.addMore(parent, relation, cut);
        used++;
      }
    });
    return used;
  }

  private markedFirst(list: Neighbour[], report: Report) {
    const marked = list.map((neighbour) => ({
      neighbour,
      mark: markOfNeighbour({ type: LOOKUP_OF_KIND[neighbour.kind] ?? null, value: neighbour.value }, report, this.onFeed),
    }));
    // Stable: within each group, the report's own order (resolutions newest first).
    return [...marked.filter((m) => m.mark.mark !== null), ...marked.filter((m) => m.mark.mark === null)];
  }

  private addMore(parent: GraphNode, relation: Relation, count: number): void {
    const text = moreText(relation, count);
    const node = this.addNode('more', `${parent.id} ${relation}`, parent.depth + 1, { mark: null, reason: null });
    this.nodes.set(node.id, { ...node, label: labelFor('more', text) });
    this.addEdge(parent.id, node.id, relation, null);
    this.omissions.push({ from: parent.id, relation, count, text });
  }

  /** The finished graph around `centre`. */
  build(centre: GraphNode, source: string, expansion: Graph['expansion'] = null): Graph {
    const nodes = withDistinctLabels([...this.nodes.values()]);
    return {
      centre: nodes.find((n) => n.id === centre.id) ?? centre,
      nodes,
      edges: [...this.edges.values()],
      omissions: [...this.omissions],
      expansion,
      source,
    };
  }
}
