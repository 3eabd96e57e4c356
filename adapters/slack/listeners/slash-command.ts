import type { RespondFn } from '@slack/bolt';
import { NOT_IN_CHANNEL_NOTICE } from '../../../src/answers/not-in-channel.js';
import { type Reply, settleReplies } from '../../../src/core/reply.js';
import { NOT_IN_CHANNEL, slackErrorCode, type Where } from '../deliver.js';
import { renderSlack } from '../render.js';
import { commandInvocation } from '../to-invocation.js';
import type { SlackListenerContext } from './listener-context.js';

const BULK_NOT_IN_CHANNEL =
  'I am not in this channel, so I cannot post the progress of a bulk lookup here. Invite me with `/invite @threatcrowd-bot`.';

/**
 * `/threatcrowd …`: acknowledged before any store, lock or upstream work, so Slack's 3-s rule holds when the store
 * is slow or a lock is contended; every answer then goes through the command's response URL or the channel.
 */
export function listenForSlashCommand({ app, bot, delivery, guarded, bulks }: SlackListenerContext): void {
  app.command('/threatcrowd', async ({ command, ack, respond }) => {
    await ack();
    const invocation = commandInvocation(command);
    await guarded('command', async () => {
      const replies = await bot.handle(invocation);
      const pending = replies.find((r) => r.kind === 'pending');
      if (pending) await respondWith(respond, pending, 'ephemeral');
      const where: Where = { channel: invocation.channelId, teamId: invocation.teamId };
      let toldToInvite = false;
      for (const reply of await settleReplies(replies)) {
        if (reply.kind === 'bulk') {
          await bulks.start(reply, where, invocation.userId).catch(async (error: unknown) => {
            if (!NOT_IN_CHANNEL.has(slackErrorCode(error) ?? '')) throw error;
            await respond({ response_type: 'ephemeral', text: BULK_NOT_IN_CHANNEL });
          });
          continue;
        }
        if (reply.kind === 'bulk-form') {
          await bulks.openForm(command.trigger_id, where);
          continue;
        }
        if (reply.visibility === 'ephemeral') {
          await respondWith(respond, reply, 'ephemeral');
          continue;
        }
        try {
          await delivery.post(reply, where);
        } catch (error) {
          if (!NOT_IN_CHANNEL.has(slackErrorCode(error) ?? '')) throw error;
          // Not in the channel: answer through the command's response_url, and say (once) how to invite the bot.
          await respondWith(respond, reply, 'in_channel');
          if (!toldToInvite) await respondWith(respond, NOT_IN_CHANNEL_NOTICE, 'ephemeral');
          toldToInvite = true;
        }
      }
      if (pending) await respond({ replace_original: true, response_type: 'ephemeral', text: 'Answered: see the channel.' });
    });
  });
}

async function respondWith(respond: RespondFn, reply: Reply, responseType: 'ephemeral' | 'in_channel'): Promise<void> {
  const message = renderSlack(reply);
  if (message) await respond({ response_type: responseType, text: message.text, blocks: message.blocks });
}
