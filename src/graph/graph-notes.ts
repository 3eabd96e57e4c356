/** The sentences said under the picture (and in its alt text): what was left out, and what depth 2 spent. */
import type { Graph } from './model.js';

/** "+32 more resolutions of google[.]com", one per cut section. */
export function omissionLines(graph: Graph): string[] {
  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  return graph.omissions.map((o) => `${o.text} of ${labels.get(o.from) ?? '?'}`);
}

/** What depth 2 did within its budget, or null at depth 1. */
export function expansionLine(graph: Graph): string | null {
  const x = graph.expansion;
  if (x === null) return null;
  const parts = [`Depth 2: ${x.lookups} of ${x.budget} lookups used`];
  if (x.fromCache > 0) parts.push(`${x.fromCache} expanded from the cache`);
  const unknown = x.unknown > 0 ? ` (${x.unknown} with nothing known)` : '';
  parts.push(x.expanded.length === 0 ? 'nothing expanded' : `expanded ${x.expanded.length}${unknown}`);
  if (x.failed > 0) parts.push(`${x.failed} failed`);
  if (x.leftOut > 0) parts.push(`${x.leftOut} neighbour${x.leftOut === 1 ? '' : 's'} not expanded`);
  return `${parts.join('; ')}.`;
}

/** Every note line, omissions first. */
export function noteLines(graph: Graph): string[] {
  const expansion = expansionLine(graph);
  return [...omissionLines(graph), ...(expansion ? [expansion] : [])];
}
