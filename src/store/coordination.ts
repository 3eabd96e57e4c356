/**
 * What replicas must agree on: one-time claims (an event answered once, an indicator answered once per
 * window, an outbox entry delivered by one replica) and short locks around read-modify-write steps.
 * In one process a Map does it; across replicas Redis does (`SET NX PX`). Every claim remembers its owner
 * (this replica), so only the owner can renew or release it: a claim that lapsed and was taken by another
 * replica is never deleted from under it.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type Keyv from 'keyv';

export interface Coordination {
  /** True for the first caller of `key` within `ttlMs`; false for every other caller, here or on another replica. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Extends a claim this replica still holds; false (and nothing changed) when it no longer holds it. */
  renew(key: string, ttlMs: number): Promise<boolean>;
  /** Whether this replica holds the claim right now. */
  holds(key: string): Promise<boolean>;
  /** Gives a claim back early, only if this replica still holds it (compare-and-delete). */
  release(key: string): Promise<void>;
  /** Runs `work` while holding the lock `name` (waits for it). */
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface LocalClaim {
  readonly until: number;
  readonly owner: string;
}

/** At most this many claims are kept in memory; expired ones are swept first, then the oldest dropped (the store keeps them). */
const MAX_LOCAL_CLAIMS = 50_000;

/**
 * For one process (memory and SQLite stores). Claims are kept in the store when one is given, so they
 * outlive a restart (Slack's retries and the per-channel window still hold); locks are in-process.
 */
export class LocalCoordination implements Coordination {
  private readonly claims = new Map<string, LocalClaim>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly owner = randomUUID();

  constructor(
    private readonly store?: Keyv,
    private readonly now: () => number = Date.now,
  ) {}

  claim(key: string, ttlMs: number): Promise<boolean> {
    return this.withLock(`claim:${key}`, async () => {
      const current = await this.read(key);
      if (current && current.until > this.now()) return false;
      await this.write(key, ttlMs);
      return true;
    });
  }

  renew(key: string, ttlMs: number): Promise<boolean> {
    return this.withLock(`claim:${key}`, async () => {
      if (!(await this.holdsNow(key))) return false;
      await this.write(key, ttlMs);
      return true;
    });
  }

  holds(key: string): Promise<boolean> {
    return this.withLock(`claim:${key}`, () => this.holdsNow(key));
  }

  release(key: string): Promise<void> {
    return this.withLock(`claim:${key}`, async () => {
      if (!(await this.holdsNow(key))) return;
      this.claims.delete(key);
      await this.store?.delete(key);
    });
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

  /** Size of the in-memory claim map (bounded; for tests and the soak benchmark). */
  get size(): number {
    return this.claims.size;
  }

  private async holdsNow(key: string): Promise<boolean> {
    const current = await this.read(key);
    return current !== undefined && current.owner === this.owner && current.until > this.now();
  }

  private async read(key: string): Promise<LocalClaim | undefined> {
    const memory = this.claims.get(key);
    if (memory) return memory;
    const stored = (await this.store?.get(key)) as LocalClaim | number | undefined;
    // Claims written before owners were recorded are plain expiry times, owned by nobody alive.
    return typeof stored === 'number' ? { until: stored, owner: '' } : stored;
  }

  private async write(key: string, ttlMs: number): Promise<void> {
    const claim = { until: this.now() + ttlMs, owner: this.owner };
    this.claims.delete(key); // re-inserted last: the map's order is the order of expiry for equal windows
    this.claims.set(key, claim);
    if (this.claims.size > MAX_LOCAL_CLAIMS) this.prune();
    await this.store?.set(key, claim, ttlMs);
  }

  private prune(): void {
    const now = this.now();
    for (const [k, c] of this.claims) if (c.until <= now) this.claims.delete(k);
    for (const k of this.claims.keys()) {
      if (this.claims.size <= MAX_LOCAL_CLAIMS * 0.9) break;
      this.claims.delete(k);
    }
  }
}

const RELEASE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/** Across replicas, on Redis. */
export class RedisCoordination implements Coordination {
  private readonly owner = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'threatcrowd-bot:',
    /** A lock is held at most this long, so a replica that dies holding it does not block the others. */
    private readonly lockTtlMs = 10_000,
  ) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.claimKey(key), this.owner, 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
  }

  async renew(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(RENEW_IF_OWNER, 1, this.claimKey(key), this.owner, Math.max(1, Math.round(ttlMs)))) === 1;
  }

  async holds(key: string): Promise<boolean> {
    return (await this.redis.get(this.claimKey(key))) === this.owner;
  }

  async release(key: string): Promise<void> {
    await this.redis.eval(RELEASE_IF_OWNER, 1, this.claimKey(key), this.owner);
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

  private claimKey(key: string): string {
    return `${this.prefix}claim:${key}`;
  }
}
