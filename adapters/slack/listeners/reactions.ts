import type { webApi } from '@slack/bolt';
import { baseEmoji, REVEAL_EMOJI } from '../../../src/bot/emoji.js';
import type { Where } from '../deliver.js';
import { messageAt, type SlackMessageLike } from '../message-text.js';
import { slackAttachments } from '../slack-files.js';
import { reactionInvocation } from '../to-invocation.js';
import { deliverReplies, type SlackListenerContext } from './listener-context.js';
import { teamOf } from './messages.js';

interface ReactionArgs {
  event: { user: string; reaction: string; item: { type: string; channel?: string; ts?: string } };
  context: { botUserId?: string };
  body: unknown;
  client: webApi.WebClient;
}

/** 👎/👍 on a summary vote (removing one retracts); 🔎 on a message asks for its lookups. */
export function listenForReactions(ctx: SlackListenerContext): void {
  ctx.app.event('reaction_added', (args) => onReaction(ctx, true, args));
  ctx.app.event('reaction_removed', (args) => onReaction(ctx, false, args));
}

function onReaction(
  { bot, delivery, guarded, files }: SlackListenerContext,
  added: boolean,
  { event, context, body, client }: ReactionArgs,
) {
  return guarded('reaction', async () => {
    if (event.user === context.botUserId) return; // the bot's own seed reactions
    const teamId = teamOf(body);
    let target: SlackMessageLike | undefined;
    if (added && REVEAL_EMOJI.has(baseEmoji(event.reaction)) && event.item.channel && event.item.ts) {
      target = await messageAt(client, event.item.channel, event.item.ts);
    }
    const reacted = reactionInvocation(event, added, teamId, target?.text);
    if (!reacted) return;
    // 🔎 on a shared file too large to hash automatically asks for it.
    const attachments = slackAttachments(target?.files, files);
    const invocation = attachments.length > 0 ? { ...reacted, attachments } : reacted;
    const where: Where = { channel: invocation.channelId, teamId, threadTs: event.item.ts };
    await deliverReplies(delivery, await bot.handle(invocation), where, invocation.userId);
  });
}
