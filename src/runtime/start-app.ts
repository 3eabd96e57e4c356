/**
 * Starts the bot for real: shared services, the core, the vote outbox, and every adapter whose credentials
 * are configured. `threatcrowd-bot start` and the end-to-end tests both come through here.
 */
import { type DiscordAdapter, startDiscord } from '../../adapters/discord/discord-bot.js';
import { type SlackAdapter, startSlack } from '../../adapters/slack/slack-app.js';
import type { Bot } from '../bot/bot.js';
import type { Settings } from '../config/settings.js';
import { UserError } from '../errors/user-error.js';
import { type HealthServer, startHealthServer } from '../observability/health-server.js';
import { buildBot } from './build-bot.js';
import type { Logger } from './logger.js';
import { createServices, type Services } from './services.js';

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

/** Downloads ThreatCrowd's crowd feeds on their schedule, when ThreatCrowd is a provider. */
export async function startFeeds(services: Services): Promise<void> {
  const { FEEDS_REFRESH_SECONDS, PROVIDERS } = services.settings;
  if (FEEDS_REFRESH_SECONDS > 0 && PROVIDERS.includes('threatcrowd')) await services.feeds.start(FEEDS_REFRESH_SECONDS * 1000);
}

/** A shard child of discord.js's ShardingManager: Discord only, on its own health port. */
export interface ShardInfo {
  readonly ids: number[];
  readonly count: number;
}

/** `work`'s answer, or false when it takes longer than `ms` (a readiness check must not hang on a dead store). */
function withinMs(work: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([work.catch(() => false), late]).finally(() => clearTimeout(timer));
}

type StopStep = readonly [name: string, work: () => Promise<unknown> | undefined, limitMs: number];

/**
 * Runs shutdown steps in order, each bounded, so the whole stays well inside the 10-s limit and the store
 * is always closed (what is not delivered stays in the durable outbox for the next start).
 */
async function stopInOrder(logger: Logger, steps: readonly StopStep[]): Promise<void> {
  for (const [name, work, limitMs] of steps) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), limitMs);
    });
    const outcome = await Promise.race([
      Promise.resolve(work()).catch((error: unknown) => logger.warn({ err: error, step: name }, 'shutdown step failed')),
      late,
    ]);
    clearTimeout(timer);
    if (outcome === 'late') logger.warn({ step: name, limitMs }, 'shutdown step took too long; going on');
  }
}

export async function startApp(settings: Settings, logger: Logger, shard: ShardInfo | null = null): Promise<RunningApp> {
  if (!settings.SLACK_BOT_TOKEN && !settings.DISCORD_TOKEN) throw new UserError(NO_ADAPTER_MESSAGE);
  const services = await createServices(settings, logger);
  const { bot, votes } = buildBot(services, logger);
  await startFeeds(services);
  votes.start(Math.max(1000, Math.min(settings.THREATCROWD_INTERVAL_MS, 10_000)));
  let slack: SlackAdapter | null = null;
  let discord: DiscordAdapter | null = null;
  try {
    if (settings.DISCORD_TOKEN) {
      discord = await startDiscord({
        token: settings.DISCORD_TOKEN,
        apiUrl: settings.DISCORD_API_URL,
        bot,
        logger,
        coordination: services.coordination,
        ...(shard ? { shards: shard.ids, shardCount: shard.count } : {}),
      });
      logger.info({ shards: shard?.ids }, 'discord adapter started');
    }
    if (settings.SLACK_BOT_TOKEN && !shard) {
      slack = await startSlack({
        botToken: settings.SLACK_BOT_TOKEN,
        signingSecret: settings.SLACK_SIGNING_SECRET,
        appToken: settings.SLACK_APP_TOKEN,
        port: settings.SLACK_PORT,
        apiUrl: settings.SLACK_API_URL,
        bot,
        coordination: services.coordination,
        logger,
      });
      logger.info({ port: slack.port, socketMode: Boolean(settings.SLACK_APP_TOKEN) }, 'slack adapter started');
    }
  } catch (error) {
    await discord?.stop();
    await votes.stop();
    await services.close();
    throw error;
  }
  const health = await startHealthServer(
    shard && settings.HTTP_PORT !== 0 ? settings.HTTP_PORT + 1 + (shard.ids[0] ?? 0) : settings.HTTP_PORT,
    settings.HTTP_HOST,
    {
      ready: {
        ...(slack ? { slack: () => slack?.connected() ?? false } : {}),
        ...(discord ? { discord: () => discord?.connected() ?? false } : {}),
        store: () => withinMs(services.store.ping(), 2000),
        ...(settings.REDIS_URL ? { redis: () => services.redisReady() } : {}),
      },
    },
    services.metrics,
  );
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
