/** The graph of an indicator's neighbourhood: what is drawn, independent of layout and rendering. */
import type { LookupType } from '../report/report.js';

/** What a node is: decides its shape and colour. */
export const NODE_KINDS = ['domain', 'ip', 'email', 'hash', 'family', 'detection', 'reference', 'more'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** How a neighbour relates to the node it hangs from (a report section). */
export type Relation = 'resolution' | 'subdomain' | 'hash' | 'email' | 'domain' | 'ip' | 'reference' | 'detection' | 'alias';

/** A verdict drawn on a node. */
export type Mark = 'malicious' | 'suspicious' | 'safe';

export interface GraphNode {
  /** Unique in the graph: `kind:value`. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The normalised value (not for display). */
  readonly value: string;
  /** Display text: defanged, cleaned of control, bidi and markup characters, short enough to draw. */
  readonly label: string;
  /** 0 for the centre, 1 for its neighbours, 2 for theirs. */
  readonly depth: number;
  readonly mark: Mark | null;
  /** Why it is marked (for alt text), e.g. "on ThreatCrowd's malicious feed". */
  readonly markReason: string | null;
  /** The endpoint that would look it up, null for references, detections and summaries. */
  readonly lookupType: LookupType | null;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly relation: Relation;
  /** Drawn with the edge: a resolution's date. */
  readonly label: string | null;
}

/** Neighbours left out of the picture, one line each ("+37 more resolutions"). */
export interface Omission {
  /** The node whose neighbours were cut. */
  readonly from: string;
  readonly relation: Relation;
  readonly count: number;
  readonly text: string;
}

/** What depth 2 did within its budget. */
export interface Expansion {
  readonly budget: number;
  /** Upstream lookups made (never more than the budget). */
  readonly lookups: number;
  /** Neighbours expanded from the cache, without a lookup. */
  readonly fromCache: number;
  /** Labels of the neighbours expanded. */
  readonly expanded: readonly string[];
  /** Neighbours that could have been expanded but were not (budget, failure). */
  readonly leftOut: number;
  readonly failed: number;
  /** Expanded, but not known upstream (nothing to add). */
  readonly unknown: number;
}

export interface Graph {
  readonly centre: GraphNode;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly omissions: readonly Omission[];
  readonly expansion: Expansion | null;
  /** Where the centre's report came from (provider name). */
  readonly source: string;
}

/** The node id for a kind and value. */
export function nodeId(kind: NodeKind, value: string): string {
  return `${kind}:${value.toLowerCase()}`;
}
