/**
 * Bulk lookups in Slack: the progress message (posted, then edited in place with a Cancel button), the
 * exports uploaded into its thread through the external-upload flow, and the modal that takes a pasted list
 * when `/threatcrowd bulk` comes without values.
 */
import type { webApi } from '@slack/bolt';
import { startingReply } from '../../src/answers/bulk-replies.js';
import type { Bot } from '../../src/bot/bot.js';
import type { BulkPlace, BulkSink } from '../../src/core/bulk-port.js';
import type { Reply } from '../../src/core/reply.js';
import type { Logger } from '../../src/observability/logger.js';
import type { SlackDelivery, Where } from './deliver.js';
import { renderSlack } from './render.js';

export const BULK_FORM_ID = 'bulk-form';
export const FORM_BLOCK = 'values';
export const FORM_INPUT = 'text';

/** The modal for a pasted list; where to answer rides along in `private_metadata`. */
export function bulkFormView(where: Where) {
  return {
    type: 'modal' as const,
    callback_id: BULK_FORM_ID,
    private_metadata: JSON.stringify({ channel: where.channel, teamId: where.teamId ?? null }),
    title: { type: 'plain_text' as const, text: 'Bulk lookup' },
    submit: { type: 'plain_text' as const, text: 'Look up' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: FORM_BLOCK,
        label: { type: 'plain_text', text: 'Indicators (one a line, CSV, or a pasted report; defanged is fine)' },
        element: { type: 'plain_text_input', action_id: FORM_INPUT, multiline: true, max_length: 3000 },
      },
    ],
  };
}

export class SlackBulks {
  constructor(
    private readonly client: webApi.WebClient,
    private readonly bot: Bot,
    private readonly delivery: SlackDelivery,
    private readonly log: Logger,
  ) {}

  /** Posts the progress message and runs the bulk in the background (the listener returns at once). */
  async start(reply: Extract<Reply, { kind: 'bulk' }>, where: Where, userId: string): Promise<void> {
    const bulks = this.bot.deps.bulks;
    if (!bulks) return;
    // Counted before the message is posted: a bulk command that comes meanwhile sees this one (the limit per person).
    const reservation = bulks.reserve(reply.queueOwner);
    let ts: string | undefined;
    try {
      ts = await this.delivery.post(startingReply(reply.plan), { channel: where.channel, teamId: where.teamId });
    } finally {
      if (!ts) reservation.release();
    }
    if (!ts) return;
    const place: BulkPlace = {
      platform: 'slack',
      ...(where.teamId ? { teamId: where.teamId } : {}),
      channelId: where.channel,
      messageId: ts,
      userId,
      queueOwner: reply.queueOwner,
    };
    void bulks
      .run(reply.plan, place, this.sink(place), reservation)
      .catch((error: unknown) => this.log.error({ err: error }, 'bulk lookup failed'));
  }

  /** Progress edits the message; the end edits it a last time and uploads the exports into its thread. */
  sink(place: BulkPlace): BulkSink {
    const update = async (reply: Reply) => {
      const message = renderSlack(reply);
      if (message)
        await this.client.chat.update({ channel: place.channelId, ts: place.messageId, text: message.text, blocks: message.blocks });
    };
    return {
      progress: update,
      finish: async (replies) => {
        for (const reply of replies) {
          if (reply.kind === 'file') await this.delivery.upload(reply.file, { channel: place.channelId, threadTs: place.messageId });
          else await update(reply);
        }
      },
    };
  }

  /** Opens the modal for a pasted list (the slash command's trigger id is valid for 3 s). */
  async openForm(triggerId: string, where: Where): Promise<void> {
    await this.client.views.open({ trigger_id: triggerId, view: bulkFormView(where) as never });
  }
}
