/** Alt text for the picture: the nodes it shows, by kind, with their marks, and what was left out. */
import { noteLines } from './graph-notes.js';
import { labelFor } from './label-text.js';
import type { Graph, GraphNode, NodeKind } from './model.js';
import { KIND_STYLE } from './theme.js';

/** Kept short for screen readers (Slack accepts more). */
export const MAX_ALT_TEXT = 1000;

/** Longest value named in alt text: hashes and names whole (the picture shortens them to fit), hostile ones still bounded. */
const ALT_VALUE_CHARS = 80;

function described(node: GraphNode): string {
  const name = node.kind === 'more' ? node.label : labelFor(node.kind, node.value, ALT_VALUE_CHARS);
  return node.mark ? `${name} (${node.mark}${node.markReason ? `: ${node.markReason}` : ''})` : name;
}

/** The pieces of the alt text: whole labels, never cut inside one (a cut label could lose its defanging). */
function pieces(graph: Graph): string[] {
  const c = graph.centre;
  const kind = KIND_STYLE[c.kind].name;
  const out = [`ThreatCrowd graph of ${described(c)}, ${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}: ${graph.nodes.length} nodes.`];
  const byKind = new Map<NodeKind, GraphNode[]>();
  for (const n of graph.nodes) if (n.id !== c.id && n.kind !== 'more') byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
  for (const [kind, list] of byKind) {
    list.forEach((n, i) => {
      const text = described(n) + (i === list.length - 1 ? '.' : ',');
      out.push(i === 0 ? `${KIND_STYLE[kind].name}: ${text}` : text);
    });
  }
  return [...out, ...noteLines(graph)];
}

/** Alt text listing every node drawn; past `max` characters it ends with "…" after a whole label. */
export function altText(graph: Graph, max = MAX_ALT_TEXT): string {
  let text = '';
  for (const piece of pieces(graph)) {
    const next = text === '' ? piece : `${text} ${piece}`;
    if (next.length > max - 2) return `${text} …`;
    text = next;
  }
  return text;
}
