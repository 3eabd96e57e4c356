/** Builds the shared pieces (store, limiter, ThreatCrowd client, cache) from validated settings. */

import Bottleneck from 'bottleneck';
import { Redis as IORedis } from 'ioredis';
import { CachedLookup } from '../cache/cached-lookup.js';
import type { Settings } from '../config/settings.js';
import { Metrics } from '../observability/metrics.js';
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
  readonly lookups: CachedLookup;
  close(): Promise<void>;
}

export async function createServices(settings: Settings): Promise<Services> {
  const metrics = new Metrics();
  // With REDIS_URL every replica shares the store, the claims and locks, and one Bottleneck limiter.
  const redis = settings.REDIS_URL ? new IORedis(settings.REDIS_URL, { maxRetriesPerRequest: 3 }) : null;
  const store = await openStore(settings.REDIS_URL ?? settings.CACHE_URL);
  const coordination: Coordination = redis ? new RedisCoordination(redis) : new LocalCoordination();
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
  const lookups = new CachedLookup(client, store.namespace('reports'), {
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
    lookups,
    async close() {
      await limiter.stop(false);
      await store.close();
      await connection?.disconnect(false).catch(() => {});
      await coordination.close();
    },
  };
}
