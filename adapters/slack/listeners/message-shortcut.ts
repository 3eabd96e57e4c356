import type { RespondFn } from '@slack/bolt';
import { type Reply, settleReplies } from '../../../src/core/reply.js';
import { NOT_IN_CHANNEL, type SlackDelivery, slackErrorCode, type Where } from '../deliver.js';
import { type MessageShortcutBody, messageLookupInvocation, sharedMessage } from '../interaction-invocations.js';
import { messageText } from '../message-text.js';
import { renderSlack } from '../render.js';
import { SHARE_ACTION } from '../share-offer.js';
import type { SlackListenerContext } from './listener-context.js';

const CANNOT_READ = 'I cannot read that message any more: it was deleted, or I am not in this channel (`/invite @threatcrowd-bot`).';

/** The message shortcut's callback id, as registered in manifest.yml. */
export const LOOKUP_SHORTCUT = 'lookup_message';

/**
 * "Look up indicators" on a message (whatever the channel's mode): the answer to the asker alone, with a
 * "Post to thread" button that shares it. Acknowledged first; the answers follow as ephemeral messages.
 */
export function listenForMessageShortcut({ app, bot, delivery, guarded }: SlackListenerContext): void {
  app.shortcut({ callback_id: LOOKUP_SHORTCUT, type: 'message_action' }, async ({ ack, body, respond }) => {
    await ack();
    await guarded('message shortcut', async () => {
      const invocation = messageLookupInvocation(body as unknown as MessageShortcutBody);
      const where: Where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: invocation.messageLookup?.targetThreadId };
      for (const reply of await settleReplies(await bot.handle(invocation)))
        await privately(delivery, respond, reply, where, invocation.userId);
    });
  });

  app.action(SHARE_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    await guarded('post to thread', async () => {
      const shortcut = body as unknown as MessageShortcutBody;
      const target = sharedMessage((action as { value?: string }).value);
      if (!target || !shortcut.channel) return;
      const text = await messageText(client, shortcut.channel.id, target.ts).catch(() => undefined);
      if (text === undefined) return void (await respond({ response_type: 'ephemeral', text: CANNOT_READ }));
      const invocation = messageLookupInvocation({ ...shortcut, message: { ts: target.ts, thread_ts: target.thread, text } }, true);
      const where: Where = { channel: invocation.channelId, teamId: invocation.teamId, threadTs: target.thread };
      let posted = false;
      for (const reply of await settleReplies(await bot.handle(invocation))) {
        if (reply.visibility === 'ephemeral') await privately(delivery, respond, reply, where, invocation.userId);
        else posted = (await delivery.post(reply, where)) !== undefined || posted;
      }
      if (posted) await respond({ replace_original: true, response_type: 'ephemeral', text: 'Posted to the thread.' });
    });
  });
}

/** An answer only the asker sees: an ephemeral message, or through the response URL where the bot is not a member. */
async function privately(delivery: SlackDelivery, respond: RespondFn, reply: Reply, where: Where, user: string): Promise<void> {
  try {
    await delivery.ephemeral(reply, where, user);
  } catch (error) {
    if (!NOT_IN_CHANNEL.has(slackErrorCode(error) ?? '')) throw error;
    const message = renderSlack(reply);
    if (message) await respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  }
}
