/**
 * Automatic replies to indicators in plain messages: quiet (passive priority, no error noise), once per
 * indicator per channel per window, capped per message, and following the channel's mode. The work per
 * message is bounded: at most `MAX_CANDIDATES` distinct indicators are considered, and claiming stops once
 * the cap is reached, so an indicator the cap left out is not marked answered.
 */

import { getChannelMode } from '../answers/channel-modes.js';
import { answerAttachments } from '../answers/file-answers.js';
import { summarizeTarget } from '../answers/summarize-target.js';
import type { CommandContext } from '../core/context.js';
import { channelKey } from '../core/invocation.js';
import type { Reply, Visibility } from '../core/reply.js';
import { scanText } from '../indicators/detect.js';
import { LOOKUP_OF, type LookupTarget } from '../lookup/resolve-target.js';
import type { Priority } from '../throttle/limiter.js';

const SEEN = 'seen';
/** Distinct indicators considered per message; the rest are only counted. */
export const MAX_CANDIDATES = 50;

/** The first `MAX_CANDIDATES` distinct lookups in `text` (the provider chain decides who can answer SHA-256), and how many there were in all. */
export function candidatesIn(text: string, ignoreDomains: readonly string[]): { targets: LookupTarget[]; total: number } {
  const indicators = scanText(text, { ignoreDomains }).indicators;
  const targets = indicators.slice(0, MAX_CANDIDATES).map((i) => ({ type: LOOKUP_OF[i.type], value: i.value }));
  return { targets, total: indicators.length };
}

/** Summaries for up to the cap, and a line counting the rest (`more` counts those never considered). */
export async function answerTargets(
  targets: readonly LookupTarget[],
  priority: Priority,
  ctx: CommandContext,
  more = 0,
  visibility: Visibility = 'public',
): Promise<{ replies: Reply[]; failed: LookupTarget[] }> {
  const cap = ctx.deps.settings.autoReplyMax;
  const answered = targets.slice(0, cap);
  const results = await Promise.all(answered.map((t) => summarizeTarget(t, priority, ctx, visibility)));
  const replies = results.filter((r): r is Reply => r !== null);
  const failed = answered.filter((_t, i) => results[i] === null);
  const rest = targets.length - answered.length + more;
  if (rest > 0) replies.push({ kind: 'notice', visibility, text: `and ${rest} more: use /threatcrowd to look them up.` });
  return { replies, failed };
}

/** The pipeline for a plain message. */
export async function autoDetect(ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const mode = await getChannelMode(deps.store, invocation, deps.settings.autoDetectDefault);
  if (mode === 'off') return [];
  const files = invocation.attachments ?? [];
  if (files.length > 0) {
    if (mode === 'reveal') return [{ kind: 'reveal', visibility: 'public', count: files.length }];
    return [...(await answerAttachments(files, ctx, false)), ...(await answerText(ctx, mode))];
  }
  return answerText(ctx, mode);
}

/** The indicators in a message's text, answered as the channel's mode says. */
async function answerText(ctx: CommandContext, mode: 'auto' | 'reveal'): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const { targets, total } = candidatesIn(invocation.text, deps.settings.ignoreDomains);
  if (targets.length === 0) return [];
  const keyOf = (t: LookupTarget) => `${SEEN}:${channelKey(invocation)}:${t.type}:${t.value}`;
  // Claimed before the lookups (atomically, across replicas), so a second message with the same indicator stays quiet;
  // claiming stops at the cap, so what the cap leaves out can be answered when posted again.
  // A window of 0 turns de-duplication off: every mention is answered.
  const window = deps.settings.dedupeWindowMs;
  const unseen: LookupTarget[] = [];
  let considered = 0;
  for (const t of targets) {
    if (unseen.length >= deps.settings.autoReplyMax) break;
    considered++;
    if (window <= 0 || (await deps.coordination.claim(keyOf(t), window))) unseen.push(t);
  }
  if (unseen.length === 0) return [];
  if (mode === 'reveal') return [{ kind: 'reveal', visibility: 'public', count: unseen.length }];
  const { replies, failed } = await answerTargets(unseen, 'passive', ctx, total - considered);
  // Shed or failed lookups may be answered when someone posts them again.
  if (window > 0) await Promise.all(failed.map((t) => deps.coordination.release(keyOf(t))));
  return replies;
}
