/**
 * What replicas must agree on: one-time claims (an event answered once, an indicator answered once per
 * window, an outbox entry delivered by one replica) and short locks around read-modify-write steps.
 * In one process a Map does it; across replicas Redis does (`SET NX PX`).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type Keyv from 'keyv';

export interface Coordination {
  /** True for the first caller of `key` within `ttlMs`; false for every other caller, here or on another replica. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back early (a lookup that could not be answered). */
  release(key: string): Promise<void>;
  /** Runs `work` while holding the lock `name` (waits for it). */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * For one process (memory and SQLite stores). Claims are kept in the store when one is given, so they
 * outlive a restart (Slack's retries and the per-channel window still hold); locks are in-process.
 */
export class LocalCoordination implements Coordination {
  private readonly claims = new Map<string, number>();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store?: Keyv,
    private readonly now: () => number = Date.now,
  ) {}

  claim(key: string, ttlMs: number): Promise<boolean> {
    return this.withLock(`claim:${key}`, async () => {
      const until = this.claims.get(key) ?? ((await this.store?.get(key)) as number | undefined);
      if (until !== undefined && until > this.now()) return false;
      if (this.claims.size > 100_000) for (const [k, t] of this.claims) if (t <= this.now()) this.claims.delete(k);
      this.claims.set(key, this.now() + ttlMs);
      await this.store?.set(key, this.now() + ttlMs, ttlMs);
      return true;
    });
  }

  async release(key: string): Promise<void> {
    this.claims.delete(key);
    await this.store?.delete(key);
  }

  withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(name) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => {});
    this.locks.set(name, tail);
    void tail.then(() => {
      if (this.locks.get(name) === tail) this.locks.delete(name);
    });
    return result;
  }

  async close(): Promise<void> {}
}

const RELEASE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Across replicas, on Redis. */
export class RedisCoordination implements Coordination {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'threatcrowd-bot:',
    /** A lock is held at most this long, so a replica that dies holding it does not block the others. */
    private readonly lockTtlMs = 10_000,
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}claim:${key}`, '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
  }

  async release(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}claim:${key}`);
  }

  async withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const key = `${this.prefix}lock:${name}`;
    const token = randomUUID();
    for (let wait = 5; (await this.redis.set(key, token, 'PX', this.lockTtlMs, 'NX')) !== 'OK'; wait = Math.min(wait * 2, 100)) {
      await new Promise((r) => setTimeout(r, wait));
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE_IF_OWNER, 1, key, token);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => {});
  }
}
