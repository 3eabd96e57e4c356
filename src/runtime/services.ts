/** Builds the shared pieces (store, limiter, ThreatCrowd client, cache) from validated settings. */

import Bottleneck from 'bottleneck';
import { Redis as IORedis } from 'ioredis';
import { CachedLookup } from '../cache/cached-lookup.js';
import type { Settings } from '../config/settings.js';
import { CrowdFeeds } from '../feeds/crowd-feeds.js';
import { Metrics } from '../observability/metrics.js';
import { GuardedProvider } from '../providers/circuit-breaker.js';
import { OtxClient } from '../providers/otx/otx-client.js';
import { ProviderChain } from '../providers/provider-chain.js';
import { type Coordination, LocalCoordination, RedisCoordination } from '../store/coordination.js';
import { openStore, type Store } from '../store/open-store.js';
import { ThreatCrowdClient } from '../threatcrowd/client.js';
import { RequestLimiter } from '../throttle/limiter.js';

export interface Services {
  readonly settings: Settings;
  readonly metrics: Metrics;
  readonly store: Store;
  readonly coordination: Coordination;
  readonly limiter: RequestLimiter;
  readonly client: ThreatCrowdClient;
  /** ThreatCrowd behind its circuit breaker: lookups, feeds and votes all go through it. */
  readonly threatcrowd: GuardedProvider;
  readonly providers: ProviderChain;
  readonly feeds: CrowdFeeds;
  readonly lookups: CachedLookup;
  close(): Promise<void>;
}

export async function createServices(settings: Settings): Promise<Services> {
  const metrics = new Metrics();
  // With REDIS_URL every replica shares the store, the claims and locks, and one Bottleneck limiter.
  const redis = settings.REDIS_URL ? new IORedis(settings.REDIS_URL, { maxRetriesPerRequest: 3 }) : null;
  const store = await openStore(settings.REDIS_URL ?? settings.CACHE_URL);
  const coordination: Coordination = redis ? new RedisCoordination(redis) : new LocalCoordination(store.namespace('claims'));
  const connection = redis ? new Bottleneck.IORedisConnection({ client: redis }) : null;
  const limiter = new RequestLimiter({
    ...(connection
      ? { bottleneck: { datastore: 'ioredis', connection, id: 'threatcrowd-bot-limiter', clearDatastore: false, timeout: 86_400_000 } }
      : {}),
    burst: settings.THREATCROWD_BURST,
    intervalMs: settings.THREATCROWD_INTERVAL_MS,
    maxPassiveQueue: settings.PASSIVE_QUEUE_MAX,
    onWait: (priority, ms) => metrics.queueWait.observe({ priority }, ms / 1000),
  });
  const client = new ThreatCrowdClient({
    baseUrl: settings.THREATCROWD_URL,
    limiter,
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
  });
  const otx = new GuardedProvider(
    new OtxClient({
      baseUrl: settings.OTX_URL,
      apiKey: settings.OTX_API_KEY,
      limiter: otxLimiter,
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
    { text: (path) => threatcrowd.guard(() => client.text(path)), reachable: () => threatcrowd.state() !== 'open' },
    store.namespace('feeds'),
  );
  const lookups = new CachedLookup(providers, store.namespace('reports'), {
    foundTtlMs: settings.CACHE_TTL_SECONDS * 1000,
    notFoundTtlMs: settings.CACHE_NOT_FOUND_TTL_SECONDS * 1000,
    onOutcome: (type, outcome) => metrics.lookups.inc({ type, outcome }),
  });
  metrics.bind({ queued: () => limiter.queued(), cacheStats: () => lookups.stats });
  return {
    settings,
    metrics,
    store,
    coordination,
    limiter,
    client,
    threatcrowd,
    providers,
    feeds,
    lookups,
    async close() {
      feeds.stop();
      await limiter.stop(false);
      await otxLimiter.stop(false);
      await store.close();
      await connection?.disconnect(false).catch(() => {});
      await coordination.close();
    },
  };
}
