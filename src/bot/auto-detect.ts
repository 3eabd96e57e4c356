/**
 * Automatic replies to indicators in plain messages: quiet (passive priority, no error noise), once per
 * indicator per channel per window, capped per message, and following the channel's mode.
 */
import { scanText } from '../indicators/detect.js';
import { LOOKUP_OF, type LookupTarget } from '../lookup/resolve-target.js';
import type { Priority } from '../throttle/limiter.js';
import { getChannelMode } from './channel-modes.js';
import type { CommandContext } from './context.js';
import { channelKey } from './invocation.js';
import type { Reply } from './reply.js';
import { summarizeTarget } from './summarize-target.js';

const SEEN = 'seen';

/** Lookups for the indicators in `text` (the provider chain decides who can answer SHA-256). */
export function targetsIn(text: string, ignoreDomains: readonly string[]): LookupTarget[] {
  const targets: LookupTarget[] = [];
  for (const indicator of scanText(text, { ignoreDomains }).indicators) {
    targets.push({ type: LOOKUP_OF[indicator.type], value: indicator.value });
  }
  return targets;
}

/** Summaries for up to the cap, and a line counting the rest. */
export async function answerTargets(
  targets: readonly LookupTarget[],
  priority: Priority,
  ctx: CommandContext,
): Promise<{ replies: Reply[]; failed: LookupTarget[] }> {
  const cap = ctx.deps.settings.autoReplyMax;
  const answered = targets.slice(0, cap);
  const results = await Promise.all(answered.map((t) => summarizeTarget(t, priority, ctx)));
  const replies = results.filter((r): r is Reply => r !== null);
  const failed = answered.filter((_t, i) => results[i] === null);
  if (targets.length > cap) {
    replies.push({ kind: 'notice', visibility: 'public', text: `and ${targets.length - cap} more: use /threatcrowd to look them up.` });
  }
  return { replies, failed };
}

/** The pipeline for a plain message. */
export async function autoDetect(ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const mode = await getChannelMode(deps.store, invocation, deps.settings.autoDetectDefault);
  if (mode === 'off') return [];
  const targets = targetsIn(invocation.text, deps.settings.ignoreDomains);
  if (targets.length === 0) return [];
  const keyOf = (t: LookupTarget) => `${SEEN}:${channelKey(invocation)}:${t.type}:${t.value}`;
  // Claimed before the lookups (atomically, across replicas), so a second message with the same indicator stays quiet.
  const unseen: LookupTarget[] = [];
  for (const t of targets) if (await deps.coordination.claim(keyOf(t), deps.settings.dedupeWindowMs)) unseen.push(t);
  if (unseen.length === 0) return [];
  if (mode === 'reveal') return [{ kind: 'reveal', visibility: 'public', count: unseen.length }];
  const { replies, failed } = await answerTargets(unseen, 'passive', ctx);
  // Shed or failed lookups may be answered when someone posts them again.
  await Promise.all(failed.map((t) => deps.coordination.release(keyOf(t))));
  return replies;
}
