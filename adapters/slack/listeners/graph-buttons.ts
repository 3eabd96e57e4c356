/** The Graph button on a summary and the Expand button under a picture: acknowledged first, then drawn into the thread. */
import { settleReplies } from '../../../src/core/reply.js';
import type { Where } from '../deliver.js';
import { EXPAND_BLOCK_ID, expandedMessage } from '../graph-buttons.js';
import { graphButtonInvocation } from '../to-invocation.js';
import type { SlackListenerContext } from './listener-context.js';

export function listenForGraphButtons({ app, bot, delivery, guarded }: SlackListenerContext): void {
  app.action(/^graph(-expand)?$/, async ({ ack, body, action, client }) => {
    // Acknowledged before the drawing (seconds): Slack wants an answer within three.
    await ack();
    await guarded('graph button', async () => {
      const { action_id: actionId = '', value } = action as { action_id?: string; value?: string };
      const invocation = graphButtonInvocation(body as never, actionId, value);
      if (!invocation) return;
      const where: Where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.threadId };
      // Not allowed to post or upload here (not in the channel, no files:write): the presser is told, the error logged.
      const told = async (error: unknown) => {
        const notice = { kind: 'notice', visibility: 'ephemeral', text: 'I could not post the picture here.' } as const;
        await delivery.ephemeral(notice, where, invocation.userId).catch(() => {});
        throw error;
      };
      for (const reply of await settleReplies(await bot.handle(invocation))) {
        if (reply.visibility === 'ephemeral') await delivery.ephemeral(reply, where, invocation.userId);
        else await delivery.post(reply, where).catch(async (error: unknown) => told(error));
        // The Expand button has done its work: it gives way to a line pointing at the picture.
        if (reply.kind === 'file' && invocation.button?.action === 'graph-expand' && isExpandMessage(body)) {
          const { text, blocks } = expandedMessage();
          await client.chat.update({ channel: where.channel, ts: invocation.button.targetMessageId, text, blocks });
        }
      }
    });
  });
}

/** The message is one of the bot's Expand messages (its one block is the Expand row), never a summary or a person's. */
function isExpandMessage(body: unknown): boolean {
  const blocks = (body as { message?: { blocks?: Array<{ block_id?: string }> } }).message?.blocks;
  return blocks?.length === 1 && blocks[0]?.block_id === EXPAND_BLOCK_ID;
}
