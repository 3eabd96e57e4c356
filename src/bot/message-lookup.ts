/**
 * "Look up indicators" on one message, whatever the channel's mode: the summaries of every indicator in it
 * (capped like automatic replies, with "+N more") for the asker alone, with an offer to post them to the
 * message's thread. Posting ("Post to thread") answers from the cache the first lookup filled, once per
 * message per dedupe window, however many people click it or replicas see the click.
 */
import type { CommandContext } from '../core/context.js';
import { channelKey } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import { answerTargets, candidatesIn } from './auto-detect.js';

const NOTHING = 'I found no indicator to look up in that message (private and reserved values are never looked up).';
const ALREADY = 'That answer is already in the thread.';

const note = (text: string): Reply => ({ kind: 'notice', visibility: 'ephemeral', text });

export async function handleMessageLookup(ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const event = invocation.messageLookup;
  if (!event) return [];
  const { targets, total } = candidatesIn(event.targetText, deps.settings.ignoreDomains);
  if (targets.length === 0) return [note(NOTHING)];
  const more = total - targets.length;
  if (!event.share) {
    const { replies } = await answerTargets(targets, 'interactive', ctx, more, 'ephemeral');
    const count = replies.filter((r) => r.kind === 'summary').length;
    if (count === 0) return replies;
    const { targetMessageId, targetThreadId } = event;
    return [...replies, { kind: 'share-offer', visibility: 'ephemeral', targetMessageId, targetThreadId, count }];
  }
  const key = `shared:${channelKey(invocation)}:${event.targetMessageId}`;
  const window = deps.settings.dedupeWindowMs;
  if (window > 0 && !(await deps.coordination.claim(key, window))) return [note(ALREADY)];
  const { replies, failed } = await answerTargets(targets, 'interactive', ctx, more, 'public');
  // Nothing could be answered: someone may try again.
  if (window > 0 && failed.length === Math.min(targets.length, deps.settings.autoReplyMax)) await deps.coordination.release(key);
  return replies;
}
