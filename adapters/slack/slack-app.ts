/**
 * The Slack adapter's glue: a Bolt app, and one small listener per kind of Slack payload (`listeners/`), each
 * mapping the payload to an invocation, handing it to the core and delivering the replies. It decides nothing
 * about what to say.
 */

import { App, type webApi } from '@slack/bolt';
import type { Bot } from '../../src/bot/bot.js';
import type { ChatAdapter } from '../../src/core/chat-adapter.js';
import type { Logger } from '../../src/observability/logger.js';
import type { Coordination } from '../../src/store/coordination.js';
import { listenerGuard } from '../shared/listener-guard.js';
import { boltLogger } from './bolt-logger.js';
import { SlackDelivery, slackErrorCode } from './deliver.js';
import { listenForBulkCancel, listenForBulkForm } from './listeners/bulk.js';
import { answerEachEventOnce } from './listeners/events-once.js';
import { listenForFileShares } from './listeners/file-shares.js';
import { listenForGraphButtons } from './listeners/graph-buttons.js';
import { listenForSharedLinks } from './listeners/link-shared.js';
import type { SlackListenerContext } from './listeners/listener-context.js';
import { listenForMessageShortcut } from './listeners/message-shortcut.js';
import { listenForMentions, listenForMessages } from './listeners/messages.js';
import { listenForPivots } from './listeners/pivot-menu.js';
import { listenForReactions } from './listeners/reactions.js';
import { listenForSlashCommand } from './listeners/slash-command.js';
import { listenForVoteButtons } from './listeners/vote-buttons.js';
import { listenForWatchButton } from './listeners/watch-button.js';
import { slackOutbound } from './outbound.js';
import { SlackBulks } from './slack-bulk.js';

export interface SlackAdapterOptions {
  readonly botToken: string;
  readonly signingSecret?: string;
  /** Socket Mode when set. */
  readonly appToken?: string;
  readonly port: number;
  readonly host?: string;
  /** Web API base URL (`https://slack.com/api/` by default): Enterprise Grid proxies and tests. */
  readonly apiUrl?: string;
  readonly bot: Bot;
  readonly coordination: Coordination;
  readonly logger: Logger;
  /** @default 3000 */
  readonly editIntervalMs?: number;
  readonly clientOptions?: webApi.WebClientOptions;
}

export interface SlackAdapter extends ChatAdapter {
  readonly name: 'slack';
  readonly app: App;
  /** The HTTP port listened on (null in Socket Mode). */
  readonly port: number | null;
}

/** Every listener, in the order Bolt runs them (the event claim first). */
const LISTENERS: ReadonlyArray<(ctx: SlackListenerContext) => void> = [
  answerEachEventOnce,
  listenForSlashCommand,
  listenForMentions,
  listenForMessages,
  listenForReactions,
  listenForVoteButtons,
  listenForWatchButton,
  listenForGraphButtons,
  listenForSharedLinks,
  listenForFileShares,
  listenForBulkForm,
  listenForBulkCancel,
  listenForPivots,
  listenForMessageShortcut,
];

export async function startSlack(options: SlackAdapterOptions): Promise<SlackAdapter> {
  const log = options.logger.child({ adapter: 'slack' });
  const app = new App({
    token: options.botToken,
    ...(options.appToken ? { socketMode: true, appToken: options.appToken } : { signingSecret: options.signingSecret }),
    clientOptions: { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), ...options.clientOptions },
    ...(options.appToken && options.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } } } : {}),
    logger: boltLogger(log),
  });
  const delivery = new SlackDelivery(app.client, options.bot, log, options.editIntervalMs);
  const guarded = listenerGuard(log, 'slack', slackErrorCode);
  const bulks = new SlackBulks(app.client, options.bot, delivery, log);
  const ctx: SlackListenerContext = {
    app,
    bot: options.bot,
    coordination: options.coordination,
    delivery,
    guarded,
    log,
    bulks,
    files: { botToken: options.botToken, apiUrl: options.apiUrl },
  };
  for (const listen of LISTENERS) listen(ctx);
  const unregisterOutbound = options.bot.registerOutbound(slackOutbound(delivery));
  app.error(async (error) => {
    log.error({ err: error }, 'slack error');
  });

  const server = options.appToken ? await app.start() : await app.start({ port: options.port, host: options.host ?? '0.0.0.0' });
  let connected = true;
  const address = options.appToken ? null : (server as { address?: () => { port: number } | string | null }).address?.();
  return {
    name: 'slack',
    app,
    port: address && typeof address === 'object' ? address.port : null,
    connected: () => connected,
    bulkSink: (place) => bulks.sink(place),
    async stop() {
      connected = false;
      unregisterOutbound();
      await delivery.flushEdits();
      await app.stop();
    },
  };
}
