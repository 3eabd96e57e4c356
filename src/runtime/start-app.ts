/**
 * Starts the bot for real: shared services, the core, the vote outbox, and every adapter whose credentials
 * are configured. `threatcrowd-bot start` and the end-to-end tests both come through here.
 */
import { type DiscordAdapter, startDiscord } from '../../adapters/discord/discord-bot.js';
import { checkSlackToken, type SlackCheckFailure } from '../../adapters/slack/check-token.js';
import { type SlackAdapter, startSlack } from '../../adapters/slack/slack-app.js';
import type { Bot } from '../bot/bot.js';
import type { Settings } from '../config/settings.js';
import { UserError } from '../errors/user-error.js';
import { type HealthServer, startHealthServer } from '../observability/health-server.js';
import type { Logger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { buildBot } from './build-bot.js';
import { createServicesWithRetry, type RetryOptions } from './connect-with-retry.js';
import type { Services } from './services.js';
import { startFeeds } from './start-feeds.js';
import { explainConnectError, listening } from './startup-errors.js';
import { stopInOrder, withinMs } from './stop-in-order.js';

export interface RunningApp {
  readonly services: Services;
  readonly bot: Bot;
  readonly health: HealthServer;
  readonly slack: SlackAdapter | null;
  readonly discord: DiscordAdapter | null;
  /** Stops taking work, flushes what is in flight, closes adapters and the store. */
  stop(): Promise<void>;
}

export const NO_ADAPTER_MESSAGE =
  'No chat platform configured: set SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode) or DISCORD_TOKEN. To try the bot without an account, run: npm run demo';

export { startFeeds } from './start-feeds.js';

/** A shard child of discord.js's ShardingManager: Discord only, on its own health port. */
export interface ShardInfo {
  readonly ids: number[];
  readonly count: number;
}

export interface StartOptions extends RetryOptions {
  readonly shard?: ShardInfo | null;
}

/** Readiness while starting: false until the store and each adapter are up. */
interface Progress {
  services: Services | null;
  slack: SlackAdapter | null;
  discord: DiscordAdapter | null;
}

export async function startApp(
  settings: Settings,
  logger: Logger,
  shardOrOptions: ShardInfo | null | StartOptions = null,
): Promise<RunningApp> {
  const options: StartOptions = shardOrOptions && 'ids' in shardOrOptions ? { shard: shardOrOptions } : (shardOrOptions ?? {});
  const shard = options.shard ?? null;
  if (!settings.SLACK_BOT_TOKEN && !settings.DISCORD_TOKEN) throw new UserError(NO_ADAPTER_MESSAGE);
  const progress: Progress = { services: null, slack: null, discord: null };
  const metrics = new Metrics();
  // Health first: while the store is retried, /healthz answers and /readyz says why it is not ready.
  const health = await startHealth(settings, shard, progress, metrics);
  let services: Services;
  try {
    services = await createServicesWithRetry(settings, metrics, logger, options);
  } catch (error) {
    await health.close();
    throw error;
  }
  progress.services = services;
  const { bot, votes } = buildBot(services, logger);
  await startFeeds(services);
  votes.start(Math.max(1000, Math.min(settings.THREATCROWD_INTERVAL_MS, 10_000)));
  try {
    progress.discord = settings.DISCORD_TOKEN ? await startDiscordFor(settings, bot, logger, services, shard) : null;
    progress.slack = settings.SLACK_BOT_TOKEN && !shard ? await startSlackFor(settings, bot, logger, services) : null;
  } catch (error) {
    await progress.discord?.stop();
    await votes.stop();
    await services.close();
    await health.close();
    throw error;
  }
  const { slack, discord } = progress;
  return {
    services,
    bot,
    health,
    slack,
    discord,
    stop: () =>
      stopInOrder(logger, [
        ['health server', () => health.close(), 500],
        ['slack adapter', () => slack?.stop(), 1500],
        ['discord adapter', () => discord?.stop(), 1500],
        // Queued upstream work is dropped (nothing sent); a vote in flight gets a moment, then is aborted.
        ['upstream queue', () => services.stopUpstream(), 500],
        ['vote delivery', () => votes.stop(2000), 2500],
        [
          'requests in flight',
          async () => {
            services.abortInFlight();
            await votes.stop(500);
          },
          700,
        ],
        ['store', () => services.close(), 2000],
      ]),
  };
}

function startHealth(settings: Settings, shard: ShardInfo | null, progress: Progress, metrics: Metrics): Promise<HealthServer> {
  const port = shard && settings.HTTP_PORT !== 0 ? settings.HTTP_PORT + 1 + (shard.ids[0] ?? 0) : settings.HTTP_PORT;
  const ready = {
    store: () => (progress.services ? withinMs(progress.services.store.ping(), 2000) : false),
    ...(settings.REDIS_URL ? { redis: () => progress.services?.redisReady() ?? false } : {}),
    ...(settings.SLACK_BOT_TOKEN && !shard ? { slack: () => progress.slack?.connected() ?? false } : {}),
    ...(settings.DISCORD_TOKEN ? { discord: () => progress.discord?.connected() ?? false } : {}),
  };
  const target = { what: 'health server', port, host: settings.HTTP_HOST, portSetting: 'HTTP_PORT', hostSetting: 'HTTP_HOST' };
  return listening(target, () => startHealthServer(port, settings.HTTP_HOST, { ready }, metrics));
}

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
