import { pivotInvocation, type SelectAction } from '../interaction-invocations.js';
import { PIVOT_ACTION } from '../pivot-select.js';
import type { BlockActionBody } from '../to-invocation.js';
import { deliverReplies, type SlackListenerContext } from './listener-context.js';

/** A choice in a summary's "Look up related…" menu: acknowledged first, then the chosen summary posted in the thread. */
export function listenForPivots({ app, bot, delivery, guarded }: SlackListenerContext): void {
  app.action(PIVOT_ACTION, async ({ ack, body, action }) => {
    await ack();
    await guarded('pivot', async () => {
      const invocation = pivotInvocation(body as unknown as BlockActionBody, action as SelectAction);
      if (!invocation) return;
      const where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId };
      await deliverReplies(delivery, await bot.handle(invocation), where, invocation.userId);
    });
  });
}
