import { type SlackFileLike, slackAttachments } from '../slack-files.js';
import { fileShareInvocation, type MessageEventLike } from '../to-invocation.js';
import { deliverReplies, type SlackListenerContext } from './listener-context.js';
import { teamOf } from './messages.js';

/** Files shared in a channel (`file_share` messages): the core hashes them if the channel's mode says so. */
export function listenForFileShares({ app, bot, delivery, guarded, files }: SlackListenerContext): void {
  app.event('message', async ({ event, body, context }) =>
    guarded('file share', async () => {
      const message = event as unknown as MessageEventLike & { files?: SlackFileLike[] };
      if (message.subtype !== 'file_share') return;
      // The bot's own uploads (a bulk's exports, a graph) are never hashed back.
      if (context.botUserId && message.user === context.botUserId) return;
      // Said to the bot (`@threatcrowd-bot bulk` with a list): answered as a mention, with the files.
      if (context.botUserId && (message.text ?? '').includes(`<@${context.botUserId}`)) return;
      const invocation = fileShareInvocation(message, slackAttachments(message.files, files), teamOf(body));
      if (!invocation) return;
      const where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId };
      await deliverReplies(delivery, await bot.handle(invocation), where, invocation.userId, invocation.messageId);
    }),
  );
}
