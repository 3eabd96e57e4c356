/** What every Discord listener is given: the client, the core, the store's claims, the error guard and edits. */
import type { Client, Message } from 'discord.js';
import type { Bot } from '../../../src/bot/bot.js';
import type { Reply } from '../../../src/core/reply.js';
import type { Logger } from '../../../src/observability/logger.js';
import type { Coordination } from '../../../src/store/coordination.js';
import type { LatestWinsEdits } from '../../shared/latest-wins-edits.js';
import type { ListenerGuard } from '../../shared/listener-guard.js';
import type { DiscordBulks } from '../discord-bulk.js';

export interface DiscordListenerContext {
  readonly client: Client;
  readonly bot: Bot;
  readonly coordination: Coordination;
  readonly guarded: ListenerGuard;
  /** Tally edits of summary messages, keyed by message id, at most one per interval. */
  readonly edits: LatestWinsEdits<{ readonly reply: Reply; readonly message: Message }>;
  readonly log: Logger;
  /** Bulk lookups: their progress messages, exports and Cancel buttons. */
  readonly bulks: DiscordBulks;
  /** DISCORD_API_URL, whose host is also an allowed file host (tests, proxies). */
  readonly apiUrl?: string;
}

/** Edits the summary `message` to the new tally, throttled. */
export function scheduleEdit(ctx: DiscordListenerContext, reply: Reply, message: Message): void {
  ctx.edits.schedule(message.id, { reply, message });
}
