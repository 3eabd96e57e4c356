import type { webApi } from '@slack/bolt';
import { baseEmoji, REVEAL_EMOJI } from '../../../src/bot/emoji.js';
import type { Where } from '../deliver.js';
import { type SlackFileLike, slackAttachments } from '../slack-files.js';
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

interface SlackMessageLike {
  readonly text?: string;
  readonly files?: SlackFileLike[];
}

/** The text and files of one message (top level or in a thread). */
async function messageAt(client: webApi.WebClient, channel: string, ts: string): Promise<SlackMessageLike | undefined> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const found = history.messages?.find((m) => m.ts === ts);
  if (found?.text || found?.files?.length) return found as SlackMessageLike;
  const replies = await client.conversations.replies({ channel, ts, latest: ts, inclusive: true, limit: 1 });
  return replies.messages?.find((m) => m.ts === ts) as SlackMessageLike | undefined;
}
