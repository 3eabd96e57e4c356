import type { Invocation } from '../../../src/core/invocation.js';
import { settleReplies } from '../../../src/core/reply.js';
import { BULK_CANCEL_ACTION } from '../bulk-progress-message.js';
import type { Where } from '../deliver.js';
import { BULK_FORM_ID, FORM_BLOCK, FORM_INPUT } from '../slack-bulk.js';
import type { SlackListenerContext } from './listener-context.js';

/** The paste form's submission: its list runs as a bulk in the channel the command came from. */
export function listenForBulkForm({ app, bot, bulks, delivery, guarded }: SlackListenerContext): void {
  app.view(BULK_FORM_ID, async ({ ack, body, view }) => {
    await ack();
    await guarded('bulk form', async () => {
      const meta = JSON.parse(view.private_metadata || '{}') as { channel?: string; teamId?: string | null };
      if (!meta.channel) return;
      const text = view.state.values[FORM_BLOCK]?.[FORM_INPUT]?.value ?? '';
      const where: Where = { channel: meta.channel, ...(meta.teamId ? { teamId: meta.teamId } : {}) };
      const invocation: Invocation = {
        platform: 'slack',
        teamId: where.teamId,
        userId: body.user.id,
        channelId: where.channel,
        text: `bulk ${text}`,
        kind: 'command',
      };
      for (const reply of await settleReplies(await bot.handle(invocation))) {
        if (reply.kind === 'bulk') await bulks.start(reply, where, body.user.id);
        else await delivery.ephemeral(reply, where, body.user.id);
      }
    });
  });
}

/** The Cancel button under a bulk's progress message: honoured only from the bulk's own channel. */
export function listenForBulkCancel({ app, bot, guarded, log }: SlackListenerContext): void {
  app.action(BULK_CANCEL_ACTION, async ({ ack, body, action }) => {
    await ack();
    await guarded('bulk cancel', async () => {
      const id = (action as { value?: string }).value ?? '';
      const channel = (body as { channel?: { id: string } }).channel?.id ?? '';
      const cancelled = await bot.deps.bulks?.cancel(id, { platform: 'slack', channelId: channel });
      if (!cancelled) log.info('bulk cancel ignored (unknown bulk, or a button from another channel)');
    });
  });
}
