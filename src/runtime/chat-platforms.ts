/**
 * The chat platforms the bot runs on, each behind the `ChatAdapter` contract: when it is configured, and how it
 * starts (with one clear line when its service cannot be reached). `start-app` loops over this list.
 */
import { startDiscord } from '../../adapters/discord/discord-bot.js';
import { checkSlackToken, type SlackCheckFailure } from '../../adapters/slack/check-token.js';
import { startSlack } from '../../adapters/slack/slack-app.js';
import type { Bot } from '../bot/bot.js';
import type { Settings } from '../config/settings.js';
import type { ChatAdapter } from '../core/chat-adapter.js';
import { UserError } from '../errors/user-error.js';
import type { Logger } from '../observability/logger.js';
import type { Services } from './services.js';
import { explainConnectError, listening } from './startup-errors.js';

/** A shard child of discord.js's ShardingManager: Discord only, on its own health port. */
export interface ShardInfo {
  readonly ids: number[];
  readonly count: number;
}

export interface AdapterStart {
  readonly settings: Settings;
  readonly bot: Bot;
  readonly logger: Logger;
  readonly services: Services;
  readonly shard: ShardInfo | null;
}

export interface ChatPlatform {
  readonly name: string;
  /** Configured in these settings (and, for a shard child, meant for it). */
  enabled(settings: Settings, shard: ShardInfo | null): boolean;
  start(env: AdapterStart): Promise<ChatAdapter>;
}

export const CHAT_PLATFORMS: readonly ChatPlatform[] = [
  {
    name: 'discord',
    enabled: (settings) => Boolean(settings.DISCORD_TOKEN),
    start: ({ settings, bot, logger, services, shard }) => startDiscordFor(settings, bot, logger, services, shard),
  },
  {
    name: 'slack',
    enabled: (settings, shard) => Boolean(settings.SLACK_BOT_TOKEN) && !shard,
    start: ({ settings, bot, logger, services }) => startSlackFor(settings, bot, logger, services),
  },
];

async function startDiscordFor(settings: Settings, bot: Bot, logger: Logger, services: Services, shard: ShardInfo | null) {
  const token = settings.DISCORD_TOKEN ?? '';
  const address = settings.DISCORD_API_URL ?? 'discord.com';
  try {
    const discord = await startDiscord({
      token,
      apiUrl: settings.DISCORD_API_URL,
      bot,
      logger,
      coordination: services.coordination,
      ...(shard ? { shards: shard.ids, shardCount: shard.count } : {}),
    });
    logger.info({ shards: shard?.ids }, 'discord adapter started');
    return discord;
  } catch (error) {
    throw explainConnectError(error, 'Discord', 'DISCORD_API_URL', address);
  }
}

async function startSlackFor(settings: Settings, bot: Bot, logger: Logger, services: Services) {
  const target = {
    what: 'Slack endpoint',
    port: settings.SLACK_PORT,
    host: '0.0.0.0',
    portSetting: 'SLACK_PORT',
    hostSetting: 'SLACK_PORT',
  };
  try {
    await checkSlackToken(settings.SLACK_BOT_TOKEN ?? '', settings.SLACK_API_URL).catch((failure: SlackCheckFailure) => {
      if (failure.slackError)
        throw new UserError(`Slack refused SLACK_BOT_TOKEN (${failure.slackError}); copy the Bot User OAuth Token again.`);
      throw failure.cause;
    });
    const slack = await listening(target, () =>
      startSlack({
        botToken: settings.SLACK_BOT_TOKEN ?? '',
        signingSecret: settings.SLACK_SIGNING_SECRET,
        appToken: settings.SLACK_APP_TOKEN,
        port: settings.SLACK_PORT,
        apiUrl: settings.SLACK_API_URL,
        bot,
        coordination: services.coordination,
        logger,
      }),
    );
    logger.info({ port: slack.port, socketMode: Boolean(settings.SLACK_APP_TOKEN) }, 'slack adapter started');
    return slack;
  } catch (error) {
    throw explainConnectError(error, 'Slack', 'SLACK_API_URL', settings.SLACK_API_URL ?? 'slack.com');
  }
}
