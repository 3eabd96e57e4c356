import { watchButtonInvocation } from '../to-invocation.js';
import { deliverReplies, type SlackListenerContext } from './listener-context.js';

/** The Watch button under a summary: acknowledged first; "Watching …" goes in the summary's thread, refusals to the person. */
export function listenForWatchButton({ app, bot, delivery, guarded }: SlackListenerContext): void {
  app.action('watch', async ({ ack, body }) => {
    await ack();
    await guarded('watch button', async () => {
      const invocation = watchButtonInvocation(body as never);
      if (!invocation) return;
      const where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId };
      await deliverReplies(delivery, await bot.handle(invocation), where, invocation.userId);
    });
  });
}
