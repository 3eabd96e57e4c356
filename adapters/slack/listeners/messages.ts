import { type MessageEventLike, mentionInvocation, messageInvocation } from '../to-invocation.js';
import { deliverReplies, type SlackListenerContext } from './listener-context.js';

/** `@threatcrowd-bot …`: a command said to the bot, answered in the message's thread. */
export function listenForMentions({ app, bot, delivery, guarded }: SlackListenerContext): void {
  app.event('app_mention', async ({ event, context, body }) =>
    guarded('mention', async () => {
      const invocation = mentionInvocation(event as unknown as MessageEventLike, context.botUserId, teamOf(body));
      if (!invocation) return;
      const where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId };
      await deliverReplies(delivery, await bot.handle(invocation), where, invocation.userId);
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
