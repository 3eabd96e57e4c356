/** Builds the shared pieces (store, limiter, ThreatCrowd client, cache) from validated settings. */
import { CachedLookup } from '../cache/cached-lookup.js';
import type { Settings } from '../config/settings.js';
import { Metrics } from '../observability/metrics.js';
import { openStore, type Store } from '../store/open-store.js';
import { ThreatCrowdClient } from '../threatcrowd/client.js';
import { RequestLimiter } from '../throttle/limiter.js';

export interface Services {
  readonly settings: Settings;
  readonly metrics: Metrics;
  readonly store: Store;
  readonly limiter: RequestLimiter;
  readonly client: ThreatCrowdClient;
  readonly lookups: CachedLookup;
  close(): Promise<void>;
}

export async function createServices(settings: Settings): Promise<Services> {
  const metrics = new Metrics();
  const store = await openStore(settings.CACHE_URL);
  const limiter = new RequestLimiter({
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
    limiter,
    client,
    lookups,
    async close() {
      await limiter.stop(false);
      await store.close();
    },
  };
}
