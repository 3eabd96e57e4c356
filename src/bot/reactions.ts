/** Reactions and buttons: 🔎 reveals a message's lookups; vote emoji and buttons on a summary cast votes. */

import { answerFiles } from '../answers/file-answers.js';
import { summaryBreadcrumb, summaryTarget } from '../answers/summary-messages.js';
import { runVote } from '../commands/vote.js';
import { runWatch } from '../commands/watch.js';
import type { CommandContext } from '../core/context.js';
import { channelKey } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { buildSummary } from '../summary/build-summary.js';
import { buildPivotMenu } from '../summary/pivot-menu.js';
import { answerTargets, candidatesIn } from './auto-detect.js';
import { baseEmoji, emojiIn, REVEAL_EMOJI } from './emoji.js';
import { graphButton } from './graph-button.js';

/**
 * A person asked to see the lookups of a message (🔎 reaction or button): interactive, answered once per
 * message per dedupe window however often 🔎 is toggled (a lookup that could not be answered frees it again).
 */
async function reveal(messageId: string, text: string, ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const { targets, total } = candidatesIn(text, deps.settings.ignoreDomains);
  if (targets.length === 0) return [];
  const key = `revealed:${channelKey(invocation)}:${messageId}`;
  if (!(await deps.coordination.claim(key, deps.settings.dedupeWindowMs))) return [];
  const { replies, failed } = await answerTargets(targets, 'interactive', ctx, total - targets.length);
  if (failed.length > 0 && failed.length === Math.min(targets.length, deps.settings.autoReplyMax)) await deps.coordination.release(key);
  return replies;
}

/** A person asked to hash a message's files (🔎): once per message per dedupe window, whatever their size. */
async function revealFiles(messageId: string, ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const key = `revealed-files:${channelKey(invocation)}:${messageId}`;
  if (!(await deps.coordination.claim(key, Math.max(1000, deps.settings.dedupeWindowMs)))) return [];
  const { replies, busy } = await answerFiles(invocation.attachments ?? [], ctx, true);
  if (busy) await deps.coordination.release(key); // a later 🔎 may ask again
  return replies;
}

/** The summary with the new tally, for the adapter to edit in place. */
async function summaryUpdate(messageId: string, target: LookupTarget, ctx: CommandContext): Promise<Reply[]> {
  const { deps } = ctx;
  const report = await deps.lookups.peek(target.type, target.value);
  if (!report || !deps.votes) return [];
  const summary = buildSummary(report, { from: 'cache', team: await deps.votes.tally(target), now: deps.clock.now() });
  const pivots = buildPivotMenu(report, deps.settings.ignoreDomains);
  const via = await summaryBreadcrumb(deps.store, ctx.invocation, messageId);
  return [{ kind: 'summary-update', visibility: 'public', messageId, summary, target, pivots, ...(via ? { via } : {}) }];
}

async function vote(messageId: string, malicious: boolean, ctx: CommandContext, source: string): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const target = await summaryTarget(deps.store, invocation, messageId);
  if (!target || !deps.votes) return []; // not one of our votable summaries: ignore quietly
  const replies = await runVote(target, malicious, ctx, source);
  return [...replies, ...(await summaryUpdate(messageId, target, ctx))];
}

/** A removed reaction clears the person's vote locally, if it was in that direction (ThreatCrowd has no unvote). */
async function retract(messageId: string, malicious: boolean, ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const target = await summaryTarget(deps.store, invocation, messageId);
  if (!target || !deps.votes) return [];
  const { changed } = await deps.votes.retract({ platform: invocation.platform, userId: invocation.userId, target, malicious });
  return changed ? summaryUpdate(messageId, target, ctx) : [];
}

/** The Watch button on a summary: watches its indicator, with notes in the summary's thread. */
async function watchFromButton(messageId: string, ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const target = await summaryTarget(deps.store, invocation, messageId);
  if (!target) return [];
  const { platform, teamId, channelId, threadId } = invocation;
  return runWatch(target, ctx, { platform, teamId, channelId, threadId: threadId ?? messageId });
}

export async function handleReaction(ctx: CommandContext): Promise<Reply[]> {
  const reaction = ctx.invocation.reaction;
  if (!reaction) return [];
  const { settings } = ctx.deps;
  const emoji = baseEmoji(reaction.emoji);
  if (REVEAL_EMOJI.has(emoji)) {
    if (!reaction.added) return [];
    const files = ctx.invocation.attachments ?? [];
    const fileReplies = files.length > 0 ? await revealFiles(reaction.targetMessageId, ctx) : [];
    return [...fileReplies, ...(reaction.targetText ? await reveal(reaction.targetMessageId, reaction.targetText, ctx) : [])];
  }
  const malicious = emojiIn(emoji, settings.voteEmojiMalicious) ? true : emojiIn(emoji, settings.voteEmojiSafe) ? false : undefined;
  if (malicious === undefined) return [];
  if (reaction.added) return vote(reaction.targetMessageId, malicious, ctx, 'reaction');
  return retract(reaction.targetMessageId, malicious, ctx);
}

export async function handleButton(ctx: CommandContext): Promise<Reply[]> {
  const button = ctx.invocation.button;
  if (!button) return [];
  if (button.action === 'reveal') return button.targetText ? reveal(button.targetMessageId, button.targetText, ctx) : [];
  if (button.action === 'watch') return watchFromButton(button.targetMessageId, ctx);
  if (button.action === 'graph' || button.action === 'graph-expand') return graphButton(button, ctx);
  return vote(button.targetMessageId, button.action === 'vote-malicious', ctx, 'button');
}
