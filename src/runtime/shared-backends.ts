/**
 * The store and, with REDIS_URL, the Redis every replica shares: the store itself, the claims and locks, and
 * the connection the upstream limiters keep their buckets and pauses on.
 */
import Bottleneck from 'bottleneck';
import type { Redis as IORedis } from 'ioredis';
import type { Settings } from '../config/settings.js';
import type { Logger } from '../observability/logger.js';
import { type Coordination, LocalCoordination, RedisCoordination } from '../store/coordination.js';
import type { Store } from '../store/open-store.js';
import { connectRedis, openStoreNamed } from './connect-store.js';

export interface SharedBackends {
  /** Null without REDIS_URL. */
  readonly redis: IORedis | null;
  readonly store: Store;
  readonly coordination: Coordination;
  /** Bottleneck's connection over the shared Redis; null without REDIS_URL. */
  readonly connection: Bottleneck.IORedisConnection | null;
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

/** Connected within a few seconds, or one line naming the variable (start retries it). */
export async function openSharedBackends(settings: Settings, logger: Logger): Promise<SharedBackends> {
  // With REDIS_URL every replica shares the store, the claims and locks, one Bottleneck limiter and its pauses.
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
  return { redis, store, coordination, connection };
}
