/** Files shared in a channel (`file_share` messages): handed to the core, which hashes them if the channel's mode says so. */
import type { App } from '@slack/bolt';
import type { Bot } from '../../src/bot/bot.js';
import type { Reply } from '../../src/core/reply.js';
import type { Where } from './deliver.js';
import { type SlackFileAccess, type SlackFileLike, slackAttachments } from './slack-files.js';
import { fileShareInvocation, type MessageEventLike } from './to-invocation.js';

export interface FileShareDeps {
  readonly bot: Bot;
  readonly access: SlackFileAccess;
  readonly guarded: (what: string, work: () => Promise<void>) => Promise<void>;
  readonly deliver: (replies: readonly Reply[], where: Where, user: string, targetTs?: string) => Promise<void>;
}

export function listenForFileShares(app: App, { bot, access, guarded, deliver }: FileShareDeps): void {
  app.event('message', async ({ event, body }) =>
    guarded('file share', async () => {
      const message = event as unknown as MessageEventLike & { files?: SlackFileLike[] };
      if (message.subtype !== 'file_share') return;
      const invocation = fileShareInvocation(message, slackAttachments(message.files, access), (body as { team_id?: string }).team_id);
      if (!invocation) return;
      const where: Where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId };
      await deliver(await bot.handle(invocation), where, invocation.userId, invocation.messageId);
    }),
  );
}
