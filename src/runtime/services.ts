/** Builds the shared pieces (store, limiters, providers, cache) from validated settings. */

import Bottleneck from 'bottleneck';
import type { Redis as IORedis } from 'ioredis';
import { CachedLookup } from '../cache/cached-lookup.js';
import type { Settings } from '../config/settings.js';
import { CrowdFeeds } from '../feeds/crowd-feeds.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { GuardedProvider } from '../providers/circuit-breaker.js';
import { OtxClient } from '../providers/otx/otx-client.js';
import { ProviderChain } from '../providers/provider-chain.js';
import { type Coordination, LocalCoordination, RedisCoordination } from '../store/coordination.js';
import type { Store } from '../store/open-store.js';
import { ThreatCrowdClient } from '../threatcrowd/client.js';
import { RequestLimiter } from '../throttle/limiter.js';
import { connectRedis, openStoreNamed } from './connect-store.js';
import { redisPause } from './shared-pause.js';

export interface Services {
  readonly settings: Settings;
  readonly metrics: Metrics;
  readonly store: Store;
  readonly coordination: Coordination;
  readonly limiter: RequestLimiter;
  readonly otxLimiter: RequestLimiter;
  readonly client: ThreatCrowdClient;
  /** ThreatCrowd behind its circuit breaker: lookups, feeds and votes all go through it. */
  readonly threatcrowd: GuardedProvider;
  readonly providers: ProviderChain;
  readonly feeds: CrowdFeeds;
  readonly lookups: CachedLookup;
  /** False while the shared Redis is unreachable (always true without REDIS_URL). */
  redisReady(): boolean;
  /** Shutdown, first step: queued upstream requests are dropped (nothing sent) and none are taken any more. */
  stopUpstream(): Promise<void>;
  /** Shutdown: requests still in flight are aborted (each fails at once as a timeout). */
  abortInFlight(): void;
  /** Shutdown, last step: queued requests dropped, those in flight aborted, then the store and Redis closed. */
  close(): Promise<void>;
}

/** Redis errors go to the log, once per kind of error until the connection is ready again (it retries constantly). */
function watchRedis(redis: IORedis, logger: Logger): void {
  const seen = new Set<string>();
  redis.on('error', (error: Error & { code?: string }) => {
    const kind = error.code ?? error.message;
    if (seen.has(kind)) return;
    seen.add(kind);
    logger.error({ err: error, code: error.code }, 'redis unreachable or failing');
  });
  redis.on('ready', () => {
    if (seen.size > 0) logger.info('redis connection ready again');
    seen.clear();
  });
}

/** Which upstreams answer, in order: `threatcrowd=https://www.threatcrowd.org,otx=https://otx.alienvault.com`. */
export function upstreamOf(settings: Settings): string {
  const origins = { threatcrowd: new URL(settings.THREATCROWD_URL).origin, otx: new URL(settings.OTX_URL).origin };
  return settings.PROVIDERS.map((name) => `${name}=${origins[name]}`).join(',');
}

export async function createServices(
  settings: Settings,
  logger: Logger = createLogger('silent'),
  metrics = new Metrics(),
): Promise<Services> {
  const upstream = new AbortController();
  // Every upstream request is aborted at shutdown, so a hanging ThreatCrowd or OTX cannot hold the process.
  const fetchUntilShutdown: typeof fetch = (input, init) =>
    globalThis.fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, upstream.signal]) : upstream.signal });
  // With REDIS_URL every replica shares the store, the claims and locks, one Bottleneck limiter and its pauses.
  // Connected within a few seconds, or one line naming the variable (start retries it).
  const redis = settings.REDIS_URL ? await connectRedis(settings.REDIS_URL) : null;
  if (redis) watchRedis(redis, logger);
  const onSweepError = (error: unknown) => logger.warn({ err: error }, 'could not delete expired store entries; trying again later');
  const store = await openStoreNamed(
    settings.REDIS_URL ? 'REDIS_URL' : 'CACHE_URL',
    settings.REDIS_URL ?? settings.CACHE_URL,
    onSweepError,
  ).catch(async (error: unknown) => {
    redis?.disconnect();
    throw error;
  });
  const coordination: Coordination = redis ? new RedisCoordination(redis) : new LocalCoordination(store.namespace('claims'));
  const connection = redis ? new Bottleneck.IORedisConnection({ client: redis }) : null;
  const limiter = new RequestLimiter({
    ...(connection
      ? { bottleneck: { datastore: 'ioredis', connection, id: 'threatcrowd-bot-limiter', clearDatastore: false, timeout: 86_400_000 } }
      : {}),
    ...(redis ? { sharedPause: redisPause(redis, 'threatcrowd') } : {}),
    burst: settings.THREATCROWD_BURST,
    intervalMs: settings.THREATCROWD_INTERVAL_MS,
    maxPassiveQueue: settings.PASSIVE_QUEUE_MAX,
    onWait: (priority, ms) => metrics.queueWait.observe({ priority }, ms / 1000),
  });
  const client = new ThreatCrowdClient({
    baseUrl: settings.THREATCROWD_URL,
    limiter,
    fetch: fetchUntilShutdown,
    timeoutMs: settings.THREATCROWD_TIMEOUT_MS,
    retries: settings.THREATCROWD_RETRIES,
    backoffMs: Math.min(1000, settings.THREATCROWD_INTERVAL_MS),
    onRequest: (endpoint, result) => metrics.upstreamRequests.inc({ provider: 'threatcrowd', endpoint, result }),
  });
  const breaker = { failureThreshold: settings.BREAKER_FAILURES, coolDownMs: settings.BREAKER_COOLDOWN_SECONDS * 1000 };
  const threatcrowd = new GuardedProvider(client, breaker);
  const otxLimiter = new RequestLimiter({
    burst: settings.OTX_BURST,
    intervalMs: settings.OTX_INTERVAL_MS,
    maxPassiveQueue: settings.PASSIVE_QUEUE_MAX,
    ...(redis ? { sharedPause: redisPause(redis, 'otx') } : {}),
  });
  const otx = new GuardedProvider(
    new OtxClient({
      baseUrl: settings.OTX_URL,
      apiKey: settings.OTX_API_KEY,
      limiter: otxLimiter,
      fetch: fetchUntilShutdown,
      timeoutMs: settings.THREATCROWD_TIMEOUT_MS,
      onRequest: (endpoint, result) => metrics.upstreamRequests.inc({ provider: 'otx', endpoint, result }),
    }),
    breaker,
  );
  const byName = { threatcrowd, otx };
  const providers = new ProviderChain(
    settings.PROVIDERS.map((name) => byName[name]),
    { ignoreDomains: settings.IGNORE_DOMAINS },
  );
  const feeds = new CrowdFeeds(
    {
      text: (path) => threatcrowd.guard(() => client.text(path)),
      reachable: () => threatcrowd.state() !== 'open',
      idle: () => limiter.isIdle(),
    },
    store.namespace('feeds'),
  );
  const lookups = new CachedLookup(providers, store.namespace('reports'), {
    foundTtlMs: settings.CACHE_TTL_SECONDS * 1000,
    notFoundTtlMs: settings.CACHE_NOT_FOUND_TTL_SECONDS * 1000,
    maxQueuedPerOwner: settings.MAX_QUEUED_PER_PERSON,
    upstream: upstreamOf(settings),
    onOutcome: (type, outcome) => metrics.lookups.inc({ type, outcome }),
  });
  metrics.bind({ queued: () => limiter.queued(), cacheStats: () => lookups.stats });
  const stopUpstream = async () => {
    feeds.stop();
    await Promise.all([limiter.stop(false), otxLimiter.stop(false)]);
  };
  return {
    settings,
    metrics,
    store,
    coordination,
    limiter,
    otxLimiter,
    client,
    threatcrowd,
    providers,
    feeds,
    lookups,
    redisReady: () => !redis || redis.status === 'ready',
    stopUpstream,
    abortInFlight: () => upstream.abort(),
    async close() {
      await stopUpstream();
      upstream.abort();
      await store.close();
      await connection?.disconnect(false).catch(() => {});
      await coordination.close();
    },
  };
}
