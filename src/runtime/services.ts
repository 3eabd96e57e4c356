/** Builds the shared pieces (store, limiters, providers, cache) from validated settings. */

import { setMaxListeners } from 'node:events';
import { CachedLookup } from '../cache/cached-lookup.js';
import type { Settings } from '../config/settings.js';
import { CrowdFeeds } from '../feeds/crowd-feeds.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import type { GuardedProvider } from '../providers/circuit-breaker.js';
import type { ProviderChain } from '../providers/provider-chain.js';
import type { Coordination } from '../store/coordination.js';
import type { Store } from '../store/open-store.js';
import type { ThreatCrowdClient } from '../threatcrowd/client.js';
import type { RequestLimiter } from '../throttle/limiter.js';
import { linkedSignal } from '../time/linked-signal.js';
import { openSharedBackends } from './shared-backends.js';
import { createUpstreams, upstreamOf } from './upstreams.js';

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

export async function createServices(
  settings: Settings,
  logger: Logger = createLogger('silent'),
  metrics = new Metrics(),
): Promise<Services> {
  const upstream = new AbortController();
  // One listener per request in flight or within its deadline (15 s by default): many at once is normal.
  setMaxListeners(0, upstream.signal);
  // Every upstream request is aborted at shutdown, so a hanging ThreatCrowd or OTX cannot hold the process. The
  // link lets go of the shutdown signal when the request's own deadline fires (each request has one).
  const fetchUntilShutdown: typeof fetch = (input, init) =>
    globalThis.fetch(input, { ...init, signal: init?.signal ? linkedSignal([init.signal, upstream.signal]).signal : upstream.signal });
  const backends = await openSharedBackends(settings, logger);
  const { redis, store, coordination, connection } = backends;
  const { limiter, otxLimiter, client, threatcrowd, providers } = createUpstreams(settings, metrics, backends, fetchUntilShutdown);
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
