/**
 * The Graph button on a summary and the Expand button with a picture: the indicator's neighbourhood, posted
 * once per message and depth (a flood of presses draws and posts one picture). What a button carries is never
 * trusted: a summary's indicator is read from the bot's own record of it, anything else is validated again as
 * if typed, and neither is drawn when it has become internal (IGNORE_DOMAINS).
 */
import { summaryTarget } from '../answers/summary-messages.js';
import { graphReplies } from '../commands/graph.js';
import type { CommandContext } from '../core/context.js';
import { type ButtonEvent, channelKey } from '../core/invocation.js';
import { privateError, type Reply } from '../core/reply.js';
import { assertShareable, type LookupTarget, resolveTarget } from '../lookup/resolve-target.js';
import { LOOKUP_TYPES, type LookupType } from '../report/report.js';

/** Longest `type:value` a button may carry (a domain is at most 253 characters). */
const MAX_CARRIED = 300;

/** The `type:value` a graph button carries. */
export function graphButtonValue(target: LookupTarget): string {
  return `${target.type}:${target.value}`;
}

/** The indicator a button carried, validated as a typed value would be; undefined when it names none. */
export function carriedTarget(value: string | undefined, ignoreDomains: readonly string[]): LookupTarget | undefined {
  if (!value || value.length > MAX_CARRIED) return undefined;
  const colon = value.indexOf(':');
  const type = value.slice(0, colon);
  if (!(LOOKUP_TYPES as readonly string[]).includes(type)) return undefined;
  return resolveTarget(value.slice(colon + 1), type as LookupType, ignoreDomains);
}

export async function graphButton(button: ButtonEvent, ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const depth = button.action === 'graph-expand' ? 2 : 1;
  const { ignoreDomains } = deps.settings;
  const recorded = await summaryTarget(deps.store, invocation, button.targetMessageId);
  const target = recorded ?? carriedTarget(button.value, ignoreDomains);
  if (!target) return [privateError('This button names nothing I can draw.')];
  assertShareable(target, ignoreDomains);
  const key = `graph-posted:${channelKey(invocation)}:${button.targetMessageId}:${depth}`;
  if (!(await deps.coordination.claim(key, deps.settings.dedupeWindowMs)))
    return [{ kind: 'notice', visibility: 'ephemeral', text: 'That picture is posted (or being drawn) in this thread already.' }];
  try {
    const replies = await graphReplies(target, depth, ctx);
    if (!replies.some((r) => r.kind === 'file')) await deps.coordination.release(key);
    return replies;
  } catch (error) {
    await deps.coordination.release(key);
    throw error;
  }
}
