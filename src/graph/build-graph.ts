/** Depth 1: the report's value at the centre, its neighbours around it, at most `maxNodes` nodes in all. */
import type { Report } from '../report/report.js';
import { GraphDraft } from './graph-draft.js';
import { type FeedCheck, markOfReport } from './marks.js';
import type { Graph, GraphNode } from './model.js';
import { KIND_OF_LOOKUP } from './neighbours.js';

/** Most nodes drawn, the centre and "+N more" nodes included: readable at chat size. */
export const MAX_GRAPH_NODES = 22;

export interface BuildGraphOptions {
  /** ThreatCrowd's crowd feeds. @default nothing is on a feed */
  readonly onFeed?: FeedCheck;
  /** @default MAX_GRAPH_NODES */
  readonly maxNodes?: number;
}

/** Starts a draft with the report's value as its centre. */
export function startDraft(report: Report, onFeed: FeedCheck): { draft: GraphDraft; centre: GraphNode } {
  const draft = new GraphDraft(onFeed);
  const centre = draft.addNode(KIND_OF_LOOKUP[report.type], report.value, 0, markOfReport(report, onFeed));
  return { draft, centre };
}

/** The depth-1 graph of `report`. */
export function buildGraph(report: Report, options: BuildGraphOptions = {}): Graph {
  const { draft, centre } = startDraft(report, options.onFeed ?? (() => false));
  draft.addNeighbours(centre, report, (options.maxNodes ?? MAX_GRAPH_NODES) - 1);
  return draft.build(centre, report.source);
}
