/**
 * A choice in a summary's "Look up related…" menu: the chosen indicator's summary, looked up like a person's
 * command (interactive priority, cache first, the person's fair share of the queue), with the breadcrumb of
 * where it came from, and its own menu so the team can walk on. The choice is validated again here: a
 * platform payload can be forged, and a private or reserved value never goes upstream whatever it says.
 */
import { runLookup } from '../commands/lookup.js';
import type { CommandContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { displayTarget } from '../summary/display-target.js';
import { decodePivot, decodePivotOrNull } from '../summary/pivot-value.js';

/** The breadcrumb added to every summary among `replies` (and those a pending reply settles to). */
function withVia(replies: readonly Reply[], via: string | undefined): Reply[] {
  if (!via) return [...replies];
  return replies.map((reply) => {
    if (reply.kind === 'summary') return { ...reply, via };
    if (reply.kind === 'pending') return { ...reply, result: reply.result.then((later) => withVia(later, via)) };
    return reply;
  });
}

export async function handlePivot(ctx: CommandContext): Promise<Reply[]> {
  const pivot = ctx.invocation.pivot;
  if (!pivot) return [];
  const { ignoreDomains } = ctx.deps.settings;
  const target = decodePivot(pivot.choice, ignoreDomains);
  const from = decodePivotOrNull(pivot.from, ignoreDomains);
  const via = from && (from.type !== target.type || from.value !== target.value) ? displayTarget(from) : undefined;
  return withVia(await runLookup([target], ctx), via);
}
