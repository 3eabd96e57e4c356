/**
 * Starts the bot for real: shared services, the core, the vote outbox, and every adapter whose credentials
 * are configured. `threatcrowd-bot start` and the end-to-end tests both come through here.
 */
import type { DiscordAdapter } from '../../adapters/discord/discord-bot.js';
import type { SlackAdapter } from '../../adapters/slack/slack-app.js';
import type { Bot } from '../bot/bot.js';
import type { Settings } from '../config/settings.js';
import type { BulkPort } from '../core/bulk-port.js';
import type { ChatAdapter } from '../core/chat-adapter.js';
import { UserError } from '../errors/user-error.js';
import { type HealthServer, startHealthServer } from '../observability/health-server.js';
import type { Logger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { type BuiltBot, buildBot } from './build-bot.js';
import { CHAT_PLATFORMS, type ShardInfo } from './chat-platforms.js';
import { createServicesWithRetry, type RetryOptions } from './connect-with-retry.js';
import type { Services } from './services.js';
import { startFeeds } from './start-feeds.js';
import { listening } from './startup-errors.js';
import { type StopStep, stopInOrder, withinMs } from './stop-in-order.js';

export interface RunningApp {
  readonly services: Services;
  readonly bot: Bot;
  readonly health: HealthServer;
  /** Every chat adapter that runs, in start order. */
  readonly adapters: readonly ChatAdapter[];
  readonly slack: SlackAdapter | null;
  readonly discord: DiscordAdapter | null;
  /** Stops taking work, flushes what is in flight, closes adapters and the store. */
  stop(): Promise<void>;
}

export const NO_ADAPTER_MESSAGE =
  'No chat platform configured: set SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode) or DISCORD_TOKEN. To try the bot without an account, run: npm run demo';

export type { ShardInfo } from './chat-platforms.js';
export { startFeeds } from './start-feeds.js';

export interface StartOptions extends RetryOptions {
  readonly shard?: ShardInfo | null;
}

/** Readiness while starting: false until the store and each adapter are up. */
interface Progress {
  services: Services | null;
  adapters: Map<string, ChatAdapter>;
}

export async function startApp(
  settings: Settings,
  logger: Logger,
  shardOrOptions: ShardInfo | null | StartOptions = null,
): Promise<RunningApp> {
  const options: StartOptions = shardOrOptions && 'ids' in shardOrOptions ? { shard: shardOrOptions } : (shardOrOptions ?? {});
  const shard = options.shard ?? null;
  if (!settings.SLACK_BOT_TOKEN && !settings.DISCORD_TOKEN) throw new UserError(NO_ADAPTER_MESSAGE);
  const progress: Progress = { services: null, adapters: new Map() };
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
  const built = buildBot(services, logger);
  const { bot, votes, watching } = built;
  await startFeeds(services);
  votes.start(Math.max(1000, Math.min(settings.THREATCROWD_INTERVAL_MS, 10_000)));
  try {
    for (const platform of CHAT_PLATFORMS) {
      if (platform.enabled(settings, shard))
        progress.adapters.set(platform.name, await platform.start({ settings, bot, logger, services, shard }));
    }
  } catch (error) {
    for (const adapter of progress.adapters.values()) await adapter.stop();
    await watching.scheduler.stop();
    await votes.stop();
    await services.close();
    await health.close();
    throw error;
  }
  const adapters = [...progress.adapters.values()];
  // Bulks a stopped bot left unfinished go on where they were (each edits its own progress message again).
  const bulks = bot.deps.bulks;
  void bulks
    ?.resumeUnfinished((place) => adapters.find((a) => a.name === place.platform)?.bulkSink?.(place) ?? null)
    .catch((error: unknown) => logger.error({ err: error }, 'could not resume bulk lookups'));
  // After the adapters: a watch is re-checked only where its note can be posted.
  watching.scheduler.start();
  return {
    services,
    bot,
    health,
    adapters,
    slack: (progress.adapters.get('slack') as SlackAdapter | undefined) ?? null,
    discord: (progress.adapters.get('discord') as DiscordAdapter | undefined) ?? null,
    stop: () => stopInOrder(logger, shutdownSteps({ health, services, adapters, bulks }, built)),
  };
}

/** The shutdown, in order, each step bounded. */
/** The steps of a shutdown, in order, each with its limit; together well inside the 10-s limit, however many adapters. */
export function shutdownSteps(
  { health, services, adapters, bulks }: { health: HealthServer; services: Services; adapters: readonly ChatAdapter[]; bulks?: BulkPort },
  { votes, watching }: BuiltBot,
): StopStep[] {
  return [
    ['health server', () => health.close(), 500],
    // Running bulks stop before their next lookup and keep their state, so the next start resumes them.
    ['bulk lookups', async () => bulks?.stop(), 1500],
    // No new re-check; one in progress is dropped with the upstream queue below (nothing sent, nothing recorded).
    ['watchlist', () => watching.scheduler.stop(200), 300],
    // The chat adapters stop side by side: one bound for all, so Slack and Discord together fit the 10 s too.
    [
      'chat adapters',
      async () => {
        const failed = (await Promise.allSettled(adapters.map((adapter) => adapter.stop()))).find((r) => r.status === 'rejected');
        if (failed) throw failed.reason; // logged as this step's failure; the others have stopped
      },
      1500,
    ],
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
  ];
}

function startHealth(settings: Settings, shard: ShardInfo | null, progress: Progress, metrics: Metrics): Promise<HealthServer> {
  const port = shard && settings.HTTP_PORT !== 0 ? settings.HTTP_PORT + 1 + (shard.ids[0] ?? 0) : settings.HTTP_PORT;
  const ready = {
    store: () => (progress.services ? withinMs(progress.services.store.ping(), 2000) : false),
    ...(settings.REDIS_URL ? { redis: () => progress.services?.redisReady() ?? false } : {}),
    ...Object.fromEntries(
      CHAT_PLATFORMS.filter((p) => p.enabled(settings, shard)).map((p) => [
        p.name,
        () => progress.adapters.get(p.name)?.connected() ?? false,
      ]),
    ),
  };
  const target = { what: 'health server', port, host: settings.HTTP_HOST, portSetting: 'HTTP_PORT', hostSetting: 'HTTP_HOST' };
  return listening(target, () => startHealthServer(port, settings.HTTP_HOST, { ready }, metrics));
}
