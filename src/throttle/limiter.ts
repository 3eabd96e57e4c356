/**
 * The one limiter shared by everything that calls ThreatCrowd: at most one request in flight, a token
 * bucket of `burst` refilled one token per `intervalMs` (Bottleneck, shared on Redis across replicas), and in
 * front of it a fair queue: a person asking before votes before bulk lookups before passive lookups, owners served in turn.
 * Only one request at a time is handed to Bottleneck, so the order is decided here at the last moment.
 * Passive jobs are shed once the queue is long; `pause` stops every request (here and, with a shared pause,
 * on every replica) for a while, and empties the bucket so the next request never spends a burst.
 */
import Bottleneck from 'bottleneck';
import { QueueFullError } from '../errors/index.js';
import type { Clock } from '../time/clock.js';
import { FairQueue, type QueueEntry } from './fair-queue.js';
import { type Demand, type Priority, ticketOf } from './ticket.js';

export { type Demand, type Priority, Ticket } from './ticket.js';

/** Where a pause is kept when replicas share the limiter (Redis). */
export interface SharedPause {
  /** Until when (epoch ms) requests are paused; 0 when they are not. */
  read(): Promise<number>;
  /** Pauses requests until `until` (a later pause already set wins). */
  write(until: number): Promise<void>;
}

export interface LimiterOptions {
  /** Requests allowed back to back after a quiet period. @default 3 */
  readonly burst?: number;
  /** One token is added per interval: the sustained rate never exceeds one request per interval. @default 10000 */
  readonly intervalMs?: number;
  /** Passive jobs are refused once this many jobs are queued. @default 20 */
  readonly maxPassiveQueue?: number;
  /** Extra Bottleneck options, e.g. clustering on Redis (`datastore: 'ioredis'`, `id`, `clientOptions`). */
  readonly bottleneck?: Bottleneck.ConstructorOptions;
  /** Called when a job starts, with how long it waited (metrics). */
  readonly onWait?: (priority: Priority, ms: number) => void;
  /** A pause seen by every replica. @default in this process only */
  readonly sharedPause?: SharedPause;
  /** Where the limiter reads the time (queue waits, pauses, estimates). @default the system clock */
  readonly clock?: Pick<Clock, 'now'>;
}

/** Where a job would stand now, and roughly how long it would wait. */
export interface QueueEstimate {
  /** 1 means next to run. */
  readonly position: number;
  readonly waitMs: number;
}

/** The limiter stopped (shutdown) before the job's turn came: nothing was sent. */
export class LimiterStoppedError extends Error {
  override readonly name = 'LimiterStoppedError';
  constructor() {
    super('request dropped: the limiter stopped before its turn');
  }
}

export class RequestLimiter {
  readonly burst: number;
  readonly intervalMs: number;
  readonly maxPassiveQueue: number;
  private readonly limiter: Bottleneck;
  private readonly onWait: LimiterOptions['onWait'];
  private readonly sharedPause: SharedPause | undefined;
  private readonly clock: Pick<Clock, 'now'>;
  private readonly queue = new FairQueue();
  private readonly stopSignal = new AbortController();
  /** Jobs handed to Bottleneck that have not started: at most one, and only while none runs. */
  private handedOver = 0;
  private running = 0;
  private lastStartedAt = 0;
  private pausedUntil = 0;
  private stopped = false;

  constructor(options: LimiterOptions = {}) {
    this.burst = options.burst ?? 3;
    this.intervalMs = options.intervalMs ?? 10_000;
    this.maxPassiveQueue = options.maxPassiveQueue ?? 20;
    this.onWait = options.onWait;
    this.sharedPause = options.sharedPause;
    this.clock = options.clock ?? { now: () => Date.now() };
    if (!Number.isInteger(this.burst) || this.burst < 1) throw new TypeError(`burst must be a whole number >= 1, got ${this.burst}`);
    if (!(this.intervalMs > 0)) throw new TypeError(`intervalMs must be > 0, got ${this.intervalMs}`);
    this.limiter = new Bottleneck({
      maxConcurrent: 1,
      heartbeatInterval: Math.max(5, Math.min(250, Math.floor(this.intervalMs / 10))),
      ...this.bucket(),
      ...options.bottleneck,
    });
  }

  private bucket(): Bottleneck.ConstructorOptions {
    if (this.burst === 1) return { minTime: this.intervalMs };
    return {
      reservoir: this.burst,
      reservoirIncreaseAmount: 1,
      reservoirIncreaseInterval: this.intervalMs,
      reservoirIncreaseMaximum: this.burst,
    };
  }

  /** Runs `job` when the limits allow and its turn comes. Passive jobs throw `QueueFullError` when the queue is too long. */
  async schedule<T>(demand: Demand, job: () => Promise<T>): Promise<T> {
    if (this.stopped) throw new LimiterStoppedError();
    const ticket = ticketOf(demand, 'interactive');
    if (ticket.priority === 'passive' && this.queued() >= this.maxPassiveQueue) throw new QueueFullError(this.queued());
    const queuedAt = this.now();
    await this.turn(ticket, queuedAt);
    let started = false;
    try {
      return await this.limiter.schedule(async () => {
        started = true;
        this.handedOver--;
        this.running++;
        await this.waitOutPause();
        this.lastStartedAt = this.now();
        this.recordWait(ticket.priority, this.now() - queuedAt);
        return job();
      });
    } finally {
      if (started) this.running--;
      else this.handedOver--;
      this.pump();
    }
  }

  /** Waits in the fair queue until this ticket is handed to Bottleneck; a promotion moves it at once. */
  private turn(ticket: QueueEntry['ticket'], queuedAt: number): Promise<void> {
    return new Promise<void>((go, drop) => {
      let where = { priority: ticket.priority, owner: ticket.owner };
      const entry: QueueEntry = { ticket, queuedAt, go: () => done(go), drop: (error) => done(() => drop(error)) };
      const unsubscribe = ticket.onPromote(() => {
        if (!this.queue.remove(entry, where.priority, where.owner)) return;
        where = { priority: ticket.priority, owner: ticket.owner };
        this.queue.push(entry);
      });
      const done = (settle: () => void) => {
        unsubscribe();
        settle();
      };
      this.queue.push(entry);
      this.pump();
    });
  }

  /** Hands the next job to Bottleneck when it has none (running or waiting): the order is decided at the last moment. */
  private pump(): void {
    while (this.handedOver === 0 && this.running === 0 && !this.stopped) {
      const entry = this.queue.next();
      if (!entry) return;
      this.handedOver++;
      entry.go();
    }
  }

  /**
   * Pauses every request for `ms` (Retry-After, an overloaded upstream): here, and on every replica with a
   * shared pause. The bucket is emptied, so requests resume one interval apart, never as a burst.
   */
  async pause(ms: number): Promise<void> {
    const until = this.now() + ms;
    this.pausedUntil = Math.max(this.pausedUntil, until);
    // A pause that cannot be shared (Redis down) still holds here.
    await this.sharedPause?.write(until).catch(() => {});
    // Not updateSettings: in Bottleneck 2.19 it stops the refill heartbeat. The bucket may be briefly negative across replicas; it refills.
    const tokens = this.burst > 1 ? ((await this.limiter.currentReservoir()) ?? 0) : 0;
    if (tokens > 0) await this.limiter.incrementReservoir(-tokens);
  }

  /** Until when requests are paused (epoch ms), 0 when they are not. */
  async pausedUntilMs(): Promise<number> {
    const shared = (await this.sharedPause?.read().catch(() => 0)) ?? 0;
    const until = Math.max(this.pausedUntil, shared);
    return until > this.now() ? until : 0;
  }

  private async waitOutPause(): Promise<void> {
    for (let until = await this.pausedUntilMs(); until > 0 && !this.stopped; until = await this.pausedUntilMs()) {
      await abortableSleep(until - this.now(), this.stopSignal.signal);
    }
    if (this.stopped) throw new LimiterStoppedError();
  }

  /** Position and estimated wait for a new job of `priority` for `owner` scheduled now. */
  async estimate(priority: Priority, owner = ''): Promise<QueueEstimate> {
    const ahead = this.running + this.handedOver + this.queue.ahead(priority, owner);
    const paused = Math.max(0, (await this.pausedUntilMs()) - this.now());
    if (this.burst === 1) {
      // minTime spacing: the next slot opens one interval after the last start.
      const nextSlot = Math.max(0, this.lastStartedAt + this.intervalMs - this.now());
      return { position: ahead + 1, waitMs: Math.max(paused, nextSlot) + ahead * this.intervalMs };
    }
    const tokens = (await this.limiter.currentReservoir()) ?? 0;
    return { position: ahead + 1, waitMs: paused + Math.max(0, ahead + 1 - tokens) * this.intervalMs };
  }

  /** Nothing waiting or running and the burst fully refilled: background work started now takes nobody's turn. */
  async isIdle(): Promise<boolean> {
    if (this.running > 0 || this.queued() > 0) return false;
    if (this.burst === 1) return this.now() - this.lastStartedAt >= this.intervalMs;
    return ((await this.limiter.currentReservoir()) ?? 0) >= this.burst;
  }

  /** Jobs waiting (not running). */
  queued(priority?: Priority): number {
    return this.queue.size(priority) + (priority ? 0 : this.handedOver);
  }

  private now(): number {
    return this.clock.now();
  }

  private recordWait(priority: Priority, ms: number): void {
    this.onWait?.(priority, ms);
  }

  /** Stops taking jobs and drops the queued ones (nothing sent); waits for the running ones when `drain` is true. */
  async stop(drain = false): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopSignal.abort();
    this.queue.drain(new LimiterStoppedError());
    await this.limiter.stop({ dropWaitingJobs: !drain, dropErrorMessage: 'request dropped: the limiter stopped' });
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
