/** The upstream providers (ThreatCrowd, OTX), each behind its own limiter and circuit breaker, chained as PROVIDERS says. */
import type { Settings } from '../config/settings.js';
import type { Metrics } from '../observability/metrics.js';
import { GuardedProvider } from '../providers/circuit-breaker.js';
import { OtxClient } from '../providers/otx/otx-client.js';
import { ProviderChain } from '../providers/provider-chain.js';
import { ThreatCrowdClient } from '../threatcrowd/client.js';
import { RequestLimiter } from '../throttle/limiter.js';
import type { SharedBackends } from './shared-backends.js';
import { redisPause } from './shared-pause.js';

export interface Upstreams {
  readonly limiter: RequestLimiter;
  readonly otxLimiter: RequestLimiter;
  readonly client: ThreatCrowdClient;
  /** ThreatCrowd behind its circuit breaker. */
  readonly threatcrowd: GuardedProvider;
  readonly providers: ProviderChain;
}

/** Which upstreams answer, in order: `threatcrowd=https://www.threatcrowd.org,otx=https://otx.alienvault.com`. */
export function upstreamOf(settings: Settings): string {
  const origins = { threatcrowd: new URL(settings.THREATCROWD_URL).origin, otx: new URL(settings.OTX_URL).origin };
  return settings.PROVIDERS.map((name) => `${name}=${origins[name]}`).join(',');
}

/** `fetch` is the one every upstream request goes through (aborted at shutdown). */
export function createUpstreams(
  settings: Settings,
  metrics: Metrics,
  { redis, connection }: Pick<SharedBackends, 'redis' | 'connection'>,
  fetch: typeof globalThis.fetch,
): Upstreams {
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
    fetch,
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
      fetch,
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
  return { limiter, otxLimiter, client, threatcrowd, providers };
}
