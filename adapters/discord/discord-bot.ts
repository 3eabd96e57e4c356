/**
 * The Discord adapter's glue: a discord.js client, and one small listener per kind of event (`listeners/`), each
 * mapping the event to an invocation, handing it to the core and sending the rendered replies. Mentions are
 * disabled client-wide; every listener runs inside the shared error guard.
 */

import { Client, Events, GatewayIntentBits, type Message, Partials } from 'discord.js';
import type { Bot } from '../../src/bot/bot.js';
import type { ChatAdapter } from '../../src/core/chat-adapter.js';
import type { Reply } from '../../src/core/reply.js';
import type { Logger } from '../../src/observability/logger.js';
import type { Coordination } from '../../src/store/coordination.js';
import { LatestWinsEdits } from '../shared/latest-wins-edits.js';
import { listenerGuard } from '../shared/listener-guard.js';
import { DiscordBulks } from './discord-bulk.js';
import { listenForBulkCancel } from './listeners/bulk-cancel.js';
import { listenForGraphButtons } from './listeners/graph-buttons.js';
import type { DiscordListenerContext } from './listeners/listener-context.js';
import { listenForMessageLookups } from './listeners/message-context-menu.js';
import { listenForMessages } from './listeners/messages.js';
import { listenForPivots } from './listeners/pivot-menu.js';
import { listenForReactions } from './listeners/reactions.js';
import { listenForSlashCommand } from './listeners/slash-command.js';
import { listenForVoteButtons } from './listeners/vote-buttons.js';
import { listenForWatchButton } from './listeners/watch-button.js';
import { discordOutbound } from './outbound.js';
import { renderDiscord } from './render.js';

export interface DiscordAdapterOptions {
  readonly token: string;
  /** REST base URL (`https://discord.com/api` by default); the gateway URL then comes from it. */
  readonly apiUrl?: string;
  readonly bot: Bot;
  readonly logger: Logger;
  /** One reply per message even when several processes see it. */
  readonly coordination: Coordination;
  /** @default 3000 */
  readonly editIntervalMs?: number;
  /** Sharding: this process's shards and the total (discord.js ShardingManager sets these). */
  readonly shards?: number[];
  readonly shardCount?: number;
}

export interface DiscordAdapter extends ChatAdapter {
  readonly name: 'discord';
  readonly client: Client;
}

const LISTENERS: ReadonlyArray<(ctx: DiscordListenerContext) => void> = [
  listenForMessages,
  listenForReactions,
  listenForSlashCommand,
  listenForVoteButtons,
  listenForBulkCancel,
  listenForWatchButton,
  listenForPivots,
  listenForMessageLookups,
  listenForGraphButtons,
];

export async function startDiscord(options: DiscordAdapterOptions): Promise<DiscordAdapter> {
  const log = options.logger.child({ adapter: 'discord' });
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.MessageContent,
    ],
    partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [], repliedUser: false },
    ...(options.apiUrl ? { rest: { api: options.apiUrl, version: '10' } } : {}),
    ...(options.shards ? { shards: options.shards, shardCount: options.shardCount } : {}),
  });
  const edits = new LatestWinsEdits(
    ({ reply, message }: { reply: Reply; message: Message }) => editSummary(reply, message, log),
    options.editIntervalMs,
  );
  const guarded = listenerGuard(log, 'discord');
  const bulks = new DiscordBulks(client, options.bot, log);
  const ctx: DiscordListenerContext = {
    client,
    bot: options.bot,
    coordination: options.coordination,
    guarded,
    edits,
    log,
    bulks,
    apiUrl: options.apiUrl,
  };
  for (const listen of LISTENERS) listen(ctx);
  const unregisterOutbound = options.bot.registerOutbound(discordOutbound(client));
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (_event, shard) => log.warn({ shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard) => log.info({ shard }, 'gateway resumed'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(options.token);
  await ready;
  return {
    name: 'discord',
    client,
    connected: () => client.isReady(),
    bulkSink: (place) => bulks.sink(place),
    async stop() {
      unregisterOutbound();
      await edits.flush();
      await client.destroy();
    },
  };
}

async function editSummary(reply: Reply, message: Message, log: Logger): Promise<void> {
  const { embeds, components } = renderDiscord(reply);
  await message.edit({ embeds, components }).catch((error: unknown) => log.warn({ err: error }, 'could not edit a summary'));
}
