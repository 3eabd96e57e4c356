/**
 * Depth 2: the most connected neighbours are looked up in turn (the cache first, free; then upstream within
 * a budget of lookups) and their own neighbours hung from them. What was left out is said.
 */
import type { LookupType, Report } from '../report/report.js';
import { type BuildGraphOptions, MAX_GRAPH_NODES, startDraft } from './build-graph.js';
import type { GraphDraft } from './graph-draft.js';
import { type FeedCheck, markOfReport } from './marks.js';
import type { Graph, GraphNode } from './model.js';

/** Default `GRAPH_MAX_LOOKUPS`. */
export const DEFAULT_GRAPH_MAX_LOOKUPS = 5;

/** How expansion reads reports: injected so the bot's cache and limiter (or a test's fake) answer. */
export interface GraphLookups {
  /** A report already in the cache, whatever its age, without asking upstream. */
  cached(type: LookupType, value: string): Promise<Report | undefined>;
  /** Asks upstream (through the cache and limiter, at interactive priority): costs one lookup. */
  lookup(type: LookupType, value: string): Promise<Report>;
}

export interface ExpandGraphOptions extends BuildGraphOptions {
  /** Most upstream lookups. @default DEFAULT_GRAPH_MAX_LOOKUPS */
  readonly maxLookups?: number;
  /** Nodes kept for depth 1 so depth 2 has room. @default half of `maxNodes` */
  readonly firstRingNodes?: number;
  /** Most neighbours expanded (cached ones included). @default 4 */
  readonly maxExpanded?: number;
}

// Pivots that usually connect most: a registrant's other domains, an address's other names, then the rest.
const KIND_RANK: Record<string, number> = { email: 4, ip: 3, domain: 2, hash: 1 };

/** Candidates for expansion, most connected first: edges in the depth-1 graph, cached size, kind. */
async function rankCandidates(graph: Graph, lookups: GraphLookups) {
  const degree = new Map<string, number>();
  for (const e of graph.edges) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const nodes = graph.nodes.filter((n): n is GraphNode & { lookupType: LookupType } => n.depth === 1 && n.lookupType !== null);
  const ranked = await Promise.all(
    nodes.map(async (node) => {
      const cached = await lookups.cached(node.lookupType, node.value);
      const size = cached ? neighbourCount(cached) : 0;
      return { node, cached, score: [node.mark ? 1 : 0, degree.get(node.id) ?? 0, size, KIND_RANK[node.kind] ?? 0] };
    }),
  );
  return ranked.sort((a, b) => compareScores(b.score, a.score));
}

function compareScores(a: number[], b: number[]): number {
  for (const [i, x] of a.entries()) if (x !== b[i]) return x - (b[i] ?? 0);
  return 0;
}

function neighbourCount(report: Report): number {
  const r = report;
  return r.resolutions.length + r.hashes.length + r.emails.length + r.domains.length + r.subdomains.length + r.ips.length;
}

interface Tally {
  lookups: number;
  fromCache: number;
  failed: number;
  unknown: number;
  expanded: string[];
}

function expandOne(draft: GraphDraft, node: GraphNode, report: Report, slots: number, onFeed: FeedCheck): number {
  const marked = draft.addNode(node.kind, node.value, node.depth, markOfReport(report, onFeed));
  return draft.addNeighbours(marked, report, slots);
}

/** The depth-2 graph of `report`: never more than `maxLookups` upstream lookups. */
export async function expandGraph(report: Report, lookups: GraphLookups, options: ExpandGraphOptions = {}): Promise<Graph> {
  const onFeed = options.onFeed ?? (() => false);
  const maxNodes = options.maxNodes ?? MAX_GRAPH_NODES;
  const budget = Math.max(0, options.maxLookups ?? DEFAULT_GRAPH_MAX_LOOKUPS);
  const maxExpanded = options.maxExpanded ?? 4;
  const { draft, centre } = startDraft(report, onFeed);
  draft.addNeighbours(centre, report, Math.min(options.firstRingNodes ?? Math.ceil(maxNodes / 2), maxNodes) - 1);
  const candidates = await rankCandidates(draft.build(centre, report.source), lookups);
  const tally: Tally = { lookups: 0, fromCache: 0, failed: 0, unknown: 0, expanded: [] };
  for (const [index, { node, cached }] of candidates.entries()) {
    if (tally.expanded.length >= maxExpanded || draft.size >= maxNodes) break;
    let next = cached;
    if (!next) {
      if (tally.lookups >= budget) continue;
      tally.lookups++;
      next = await lookups.lookup(node.lookupType, node.value).catch(() => undefined);
      if (!next) {
        tally.failed++;
        continue;
      }
    } else tally.fromCache++;
    if (!next.found) tally.unknown++;
    // The room left, shared among the neighbours that may still be expanded (fewer candidates, more room each).
    const rest = candidates.slice(index + 1);
    const cachedLeft = rest.filter((c) => c.cached).length;
    const couldExpand = 1 + cachedLeft + Math.min(budget - tally.lookups, rest.length - cachedLeft);
    const sharers = Math.min(maxExpanded - tally.expanded.length, couldExpand);
    const share = Math.max(1, Math.floor((maxNodes - draft.size) / Math.max(1, sharers)));
    expandOne(draft, node, next, Math.min(share, maxNodes - draft.size), onFeed);
    tally.expanded.push(node.label);
  }
  const leftOut = candidates.length - tally.expanded.length;
  return draft.build(centre, report.source, { budget, ...tally, leftOut });
}
