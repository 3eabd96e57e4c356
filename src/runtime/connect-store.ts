/**
 * Connecting to the store and to Redis within a few seconds: a store that is down is one clear line naming
 * the variable and the address (never its password), not a silent wait or ioredis's unhandled error events.
 */
import type { Redis as IORedis } from 'ioredis';
import { UserError } from '../errors/user-error.js';
import { openStore, printableAddress, reasonOf, STORE_CONNECT_TIMEOUT_MS, type Store, StoreUnreachableError } from '../store/open-store.js';

/** The store, or a UserError naming the variable and the address when it cannot be reached. */
export async function openStoreNamed(variable: string, url: string, onSweepError?: (error: unknown) => void): Promise<Store> {
  try {
    return await openStore(url, STORE_CONNECT_TIMEOUT_MS, onSweepError);
  } catch (error) {
    if (error instanceof StoreUnreachableError) throw storeUnreachable(variable, error.address, error.reason);
    throw error;
  }
}

/** The store or Redis did not answer: `start` keeps retrying it, other commands stop with this line. */
export class StoreUnreachableUserError extends UserError {}

function storeUnreachable(variable: string, address: string, reason: string): UserError {
  const redis = /^rediss?:/.test(address);
  const fix = redis
    ? 'start Redis there, or change or unset it'
    : 'check the path and its permissions (CACHE_URL=memory:// keeps nothing across restarts)';
  return new StoreUnreachableUserError(`${variable}: cannot reach the store at ${address} (${reason}); ${fix}.`);
}

/** An ioredis connection that is up within the timeout, or a UserError naming REDIS_URL. */
export async function connectRedis(url: string, timeoutMs = STORE_CONNECT_TIMEOUT_MS): Promise<IORedis> {
  const { Redis } = await import('ioredis'); // loaded only when Redis is used
  const redis = new Redis(url, { maxRetriesPerRequest: 3, connectTimeout: timeoutMs });
  // ioredis reconnects on its own while running; the listener keeps its errors out of stderr (they are logged by the users of the store).
  redis.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      // Not lazyConnect: Bottleneck duplicates this client's options for its subscriber, which must connect by itself.
      new Promise((resolve) => redis.once('ready', resolve)),
      // The first failure decides: a refused or unresolvable address will not answer within the timeout either.
      new Promise((_, reject) => redis.once('error', reject)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw storeUnreachable('REDIS_URL', printableAddress(url), reasonOf(error));
  } finally {
    clearTimeout(timer);
  }
}
