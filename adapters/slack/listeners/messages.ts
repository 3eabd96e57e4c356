import { settleReplies } from '../../../src/core/reply.js';
import { type SlackFileLike, slackAttachments } from '../slack-files.js';
import { type MessageEventLike, mentionInvocation, messageInvocation } from '../to-invocation.js';
import { deliverReplies, type SlackListenerContext } from './listener-context.js';

/**
 * `@threatcrowd-bot …`: a command said to the bot, answered in the message's thread. Files shared with it go
 * along (`@threatcrowd-bot bulk` with a .txt or .csv list); a bulk posts its own progress message.
 */
export function listenForMentions({ app, bot, bulks, delivery, files, guarded }: SlackListenerContext): void {
  app.event('app_mention', async ({ event, context, body }) =>
    guarded('mention', async () => {
      const mention = event as unknown as MessageEventLike & { files?: SlackFileLike[] };
      const said = mentionInvocation(mention, context.botUserId, teamOf(body));
      if (!said) return;
      const attachments = slackAttachments(mention.files, files);
      const invocation = attachments.length > 0 ? { ...said, attachments } : said;
      const where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId };
      const replies = await settleReplies(await bot.handle(invocation));
      for (const reply of replies) if (reply.kind === 'bulk') await bulks.start(reply, where, invocation.userId);
      await deliverReplies(
        delivery,
        replies.filter((r) => r.kind !== 'bulk'),
        where,
        invocation.userId,
      );
    }),
  );
}

/** Every channel message: the core decides (by the channel's mode) whether its indicators are answered. */
export function listenForMessages({ app, bot, delivery, guarded }: SlackListenerContext): void {
  app.event('message', async ({ event, context, body }) =>
    guarded('message', async () => {
      const invocation = messageInvocation(event as unknown as MessageEventLike, teamOf(body));
      if (!invocation) return;
      if (context.botUserId && invocation.text.includes(`<@${context.botUserId}`)) return; // answered as a mention
      const where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId };
      await deliverReplies(delivery, await bot.handle(invocation), where, invocation.userId, invocation.messageId);
    }),
  );
}

export function teamOf(body: unknown): string | undefined {
  return (body as { team_id?: string }).team_id;
}
