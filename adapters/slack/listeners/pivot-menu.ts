import type { RespondFn } from '@slack/bolt';
import { NOT_IN_CHANNEL_NOTICE } from '../../../src/answers/not-in-channel.js';
import { type Reply, settleReplies } from '../../../src/core/reply.js';
import { NOT_IN_CHANNEL, slackErrorCode } from '../deliver.js';
import { pivotInvocation, type SelectAction } from '../interaction-invocations.js';
import { PIVOT_ACTION } from '../pivot-select.js';
import { renderSlack } from '../render.js';
import type { BlockActionBody } from '../to-invocation.js';
import { deliverReplies, type SlackListenerContext } from './listener-context.js';

/**
 * A choice in a summary's "Look up related…" menu: acknowledged first, then the chosen summary posted in the
 * summary's thread. Where the bot is not a member (a command's answer given through its response URL), the
 * answer goes back the same way, with the line saying how to invite the bot.
 */
export function listenForPivots({ app, bot, delivery, guarded }: SlackListenerContext): void {
  app.action(PIVOT_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    await guarded('pivot', async () => {
      const invocation = pivotInvocation(body as unknown as BlockActionBody, action as SelectAction);
      if (!invocation) return;
      const where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId };
      const replies = await settleReplies(await bot.handle(invocation));
      try {
        await deliverReplies(delivery, replies, where, invocation.userId);
      } catch (error) {
        if (!NOT_IN_CHANNEL.has(slackErrorCode(error) ?? '')) throw error;
        for (const reply of replies) await respondWith(respond, reply, reply.visibility === 'public' ? 'in_channel' : 'ephemeral');
        await respondWith(respond, NOT_IN_CHANNEL_NOTICE, 'ephemeral');
      }
    });
  });
}

async function respondWith(respond: RespondFn, reply: Reply, responseType: 'ephemeral' | 'in_channel'): Promise<void> {
  const message = renderSlack(reply);
  if (message) await respond({ response_type: responseType, replace_original: false, text: message.text, blocks: message.blocks });
}
