/** What every Slack listener is given: the Bolt app to listen on, the core, delivery and the error guard. */
import type { App } from '@slack/bolt';
import type { Bot } from '../../../src/bot/bot.js';
import { type Reply, settleReplies } from '../../../src/core/reply.js';
import type { Logger } from '../../../src/observability/logger.js';
import type { Coordination } from '../../../src/store/coordination.js';
import type { ListenerGuard } from '../../shared/listener-guard.js';
import type { SlackDelivery, Where } from '../deliver.js';
import type { SlackBulks } from '../slack-bulk.js';
import type { SlackFileAccess } from '../slack-files.js';

export interface SlackListenerContext {
  readonly app: App;
  readonly bot: Bot;
  readonly coordination: Coordination;
  readonly delivery: SlackDelivery;
  readonly guarded: ListenerGuard;
  readonly log: Logger;
  /** Bulk lookups: progress messages, exports, the paste form and Cancel. */
  readonly bulks: SlackBulks;
  /** The bot token and API URL that shared files are downloaded with. */
  readonly files: SlackFileAccess;
}

/**
 * Delivers the core's replies: public ones posted (in the thread when given), ephemeral ones to `user`, tally edits
 * throttled, and a reveal mark on the message `targetTs` that asked for it.
 */
export async function deliverReplies(
  delivery: SlackDelivery,
  replies: readonly Reply[],
  where: Where,
  user: string,
  targetTs?: string,
): Promise<void> {
  for (const reply of await settleReplies(replies)) {
    if (reply.kind === 'reveal') {
      if (targetTs) await delivery.mark(where, targetTs);
    } else if (reply.kind === 'summary-update') {
      delivery.scheduleEdit(reply, where.channel, reply.messageId);
    } else if (reply.visibility === 'ephemeral') {
      await delivery.ephemeral(reply, where, user);
    } else {
      await delivery.post(reply, where);
    }
  }
}
