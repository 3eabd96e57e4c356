import { buttonInvocation } from '../to-invocation.js';
import { deliverReplies, type SlackListenerContext } from './listener-context.js';

/** The Malicious / Not malicious buttons under a summary: acknowledged first, then voted. */
export function listenForVoteButtons({ app, bot, delivery, guarded }: SlackListenerContext): void {
  app.action(/^vote-(malicious|safe)$/, async ({ ack, body, action }) => {
    await ack();
    await guarded('button', async () => {
      const actionId = (action as { action_id?: string }).action_id ?? '';
      const invocation = buttonInvocation(body as never, actionId);
      if (!invocation) return;
      const where = { channel: invocation.channelId, teamId: invocation.teamId };
      await deliverReplies(delivery, await bot.handle(invocation), where, invocation.userId);
    });
  });
}
