/**
 * Lookups through a Keyv cache: fresh answers are served without asking upstream, identical lookups in
 * flight share one request, and when upstream fails a stale entry is served (marked stale) instead of an error.
 */
import type Keyv from 'keyv';
import { PersonQueueFullError, UpstreamError } from '../errors/index.js';
import type { ReportProvider } from '../providers/provider.js';
import type { LookupType, Report } from '../report/report.js';
import { type Priority, Ticket } from '../throttle/limiter.js';
import { PRIORITY_RANK as RANK } from '../throttle/ticket.js';

export interface CacheOptions {
  /** How long a found answer is fresh. @default 6 h */
  readonly foundTtlMs?: number;
  /** How long a not-found answer is fresh. @default 1 h */
  readonly notFoundTtlMs?: number;
  /** How long an entry is kept for stale answers once it is no longer fresh. @default 30 days */
  readonly staleTtlMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** At most this many of one owner's lookups wait for upstream at once. @default 10 */
  readonly maxQueuedPerOwner?: number;
  /**
   * The upstream the answers come from (its origins, e.g. `threatcrowd=http://127.0.0.1:8787`): part of every
   * key, so answers from one upstream (a simulator) are never served as another's. @default '' */
  readonly upstream?: string;
  /** Called with each lookup's outcome (metrics). */
  readonly onOutcome?: (type: LookupType, outcome: AnswerSource | 'shared' | 'error') => void;
}

interface Entry {
  readonly report: Report;
  readonly freshUntil: number;
}

/** Where an answer came from. */
export type AnswerSource = 'upstream' | 'cache' | 'stale';

export interface LookupOutcome {
  readonly report: Report;
  readonly from: AnswerSource;
  /** The upstream failure behind a stale answer. */
  readonly error?: UpstreamError;
}

export interface CacheStats {
  hits: number;
  misses: number;
  stale: number;
  shared: number;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastFailure: string | null;
}

const HOUR = 3_600_000;

export class CachedLookup {
  readonly stats: CacheStats = { hits: 0, misses: 0, stale: 0, shared: 0, lastSuccessAt: null, lastFailureAt: null, lastFailure: null };
  private readonly inFlight = new Map<string, { ticket: Ticket; work: Promise<LookupOutcome> }>();
  /** Lookups waiting for upstream, per owner (entries removed at zero, so it stays as small as the queue). */
  private readonly waitingByOwner = new Map<string, number>();
  private readonly maxQueuedPerOwner: number;
  private readonly foundTtlMs: number;
  private readonly notFoundTtlMs: number;
  private readonly staleTtlMs: number;
  private readonly now: () => number;
  private readonly onOutcome: NonNullable<CacheOptions['onOutcome']>;
  private readonly upstream: string;

  constructor(
    private readonly provider: ReportProvider,
    private readonly keyv: Keyv,
    options: CacheOptions = {},
  ) {
    this.foundTtlMs = options.foundTtlMs ?? 6 * HOUR;
    this.notFoundTtlMs = options.notFoundTtlMs ?? HOUR;
    this.staleTtlMs = options.staleTtlMs ?? 30 * 24 * HOUR;
    this.now = options.now ?? Date.now;
    this.onOutcome = options.onOutcome ?? (() => {});
    this.maxQueuedPerOwner = options.maxQueuedPerOwner ?? 10;
    this.upstream = options.upstream ?? '';
  }

  /** The cache key for a normalised type and value, from the given upstream. */
  static key(type: LookupType, value: string, upstream = ''): string {
    return `${upstream ? `${upstream}|` : ''}${type}:${value.toLowerCase()}`;
  }

  /**
   * Answers from cache when fresh, else asks the provider. An identical request in flight is shared; a less
   * urgent one is promoted to this priority and owner (a person never waits in a passive lookup's place, and
   * the value is fetched once). `owner` is whose turn it is in the queue: a person, or a channel.
   */
  lookup(type: LookupType, value: string, priority: Priority = 'interactive', owner = ''): Promise<LookupOutcome> {
    return this.share(type, value, priority, owner, false);
  }

  /**
   * Asks upstream whatever the cache holds (a watch's re-check) and caches the answer; a request for the same
   * value already in flight is shared when it went upstream. Fails over to the cached answer (stale) like a lookup.
   */
  async refresh(type: LookupType, value: string, priority: Priority = 'passive', owner = ''): Promise<LookupOutcome> {
    const pending = this.inFlight.get(CachedLookup.key(type, value, this.upstream));
    const shared = pending ? await pending.work.catch(() => null) : null;
    if (shared?.from === 'upstream') return shared;
    return this.share(type, value, priority, owner, true);
  }

  private share(type: LookupType, value: string, priority: Priority, owner: string, force: boolean): Promise<LookupOutcome> {
    const key = CachedLookup.key(type, value, this.upstream);
    const pending = this.inFlight.get(key);
    if (pending && !force) {
      if (RANK[priority] < RANK[pending.ticket.priority]) pending.ticket.promote(priority, owner);
      this.stats.shared++;
      this.onOutcome(type, 'shared');
      return pending.work;
    }
    const ticket = new Ticket(priority, owner);
    const work = this.resolve(key, type, value, ticket, force).then(
      (outcome) => {
        this.onOutcome(type, outcome.from);
        return outcome;
      },
      (error: unknown) => {
        this.onOutcome(type, 'error');
        throw error;
      },
    );
    work
      .finally(() => {
        if (this.inFlight.get(key)?.work === work) this.inFlight.delete(key);
      })
      .catch(() => {});
    this.inFlight.set(key, { ticket, work });
    return work;
  }

  /** The cached entry's report whatever its age, without asking upstream. */
  async peek(type: LookupType, value: string): Promise<Report | undefined> {
    return ((await this.keyv.get(CachedLookup.key(type, value, this.upstream))) as Entry | undefined)?.report;
  }

  /** True when a fresh answer is cached (a lookup now would not ask upstream). */
  async isFresh(type: LookupType, value: string): Promise<boolean> {
    const cached = (await this.keyv.get(CachedLookup.key(type, value, this.upstream))) as Entry | undefined;
    return cached !== undefined && cached.freshUntil > this.now();
  }

  private async resolve(key: string, type: LookupType, value: string, ticket: Ticket, force = false): Promise<LookupOutcome> {
    const cached = (await this.keyv.get(key)) as Entry | undefined;
    if (cached && cached.freshUntil > this.now() && !force) {
      this.stats.hits++;
      return { report: cached.report, from: 'cache' };
    }
    const owner = ticket.owner;
    const waiting = this.waitingByOwner.get(owner) ?? 0;
    if (owner !== '' && ticket.priority === 'interactive' && waiting >= this.maxQueuedPerOwner) throw new PersonQueueFullError(waiting);
    this.stats.misses++;
    this.waitingByOwner.set(owner, waiting + 1);
    try {
      return await this.fetch(key, type, value, ticket, cached);
    } finally {
      const left = (this.waitingByOwner.get(owner) ?? 1) - 1;
      if (left > 0) this.waitingByOwner.set(owner, left);
      else this.waitingByOwner.delete(owner);
    }
  }

  /** How many of `owner`'s lookups wait for upstream now. */
  waitingFor(owner: string): number {
    return this.waitingByOwner.get(owner) ?? 0;
  }

  private async fetch(key: string, type: LookupType, value: string, ticket: Ticket, cached: Entry | undefined): Promise<LookupOutcome> {
    try {
      const report = await this.provider.report(type, value, { priority: ticket.priority, ticket });
      this.stats.lastSuccessAt = this.now();
      const ttl = report.found ? this.foundTtlMs : this.notFoundTtlMs;
      await this.keyv.set(key, { report, freshUntil: this.now() + ttl } satisfies Entry, ttl + this.staleTtlMs);
      return { report, from: 'upstream' };
    } catch (error) {
      if (error instanceof UpstreamError) {
        this.stats.lastFailureAt = this.now();
        this.stats.lastFailure = error.kind;
        if (cached) {
          this.stats.stale++;
          return { report: { ...cached.report, stale: true }, from: 'stale', error };
        }
      }
      throw error;
    }
  }

  /** Share of lookups answered from cache (fresh), 0 when there were none. */
  hitRatio(): number {
    const total = this.stats.hits + this.stats.misses;
    return total === 0 ? 0 : this.stats.hits / total;
  }
}
