/**
 * The one limiter shared by everything that calls ThreatCrowd: at most one request in flight, a token
 * bucket of `burst` refilled one token per `intervalMs`, and priorities (a person asking before votes
 * before bulk lookups before passive lookups). Passive jobs are shed once the queue is long instead of waiting forever.
 */
import Bottleneck from 'bottleneck';
import { QueueFullError } from '../threatcrowd/errors.js';

export type Priority = 'interactive' | 'vote' | 'bulk' | 'passive';

// Bottleneck runs lower numbers first.
const BOTTLENECK_PRIORITY: Record<Priority, number> = { interactive: 1, vote: 4, bulk: 6, passive: 7 };

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
}

/** Where a job would stand now, and roughly how long it would wait. */
export interface QueueEstimate {
  /** 1 means next to run. */
  readonly position: number;
  readonly waitMs: number;
}

export class RequestLimiter {
  readonly burst: number;
  readonly intervalMs: number;
  readonly maxPassiveQueue: number;
  private readonly limiter: Bottleneck;
  private readonly onWait: LimiterOptions['onWait'];
  private readonly waits: Record<Priority, number[]> = { interactive: [], vote: [], bulk: [], passive: [] };
  // Counted here, not read from Bottleneck: its queue is filled asynchronously, and is per process when clustered.
  private readonly waiting: Record<Priority, number> = { interactive: 0, vote: 0, bulk: 0, passive: 0 };
  private running = 0;
  private lastStartedAt = 0;
  private stopped = false;

  constructor(options: LimiterOptions = {}) {
    this.burst = options.burst ?? 3;
    this.intervalMs = options.intervalMs ?? 10_000;
    this.maxPassiveQueue = options.maxPassiveQueue ?? 20;
    this.onWait = options.onWait;
    if (!Number.isInteger(this.burst) || this.burst < 1) throw new TypeError(`burst must be a whole number >= 1, got ${this.burst}`);
    if (!(this.intervalMs > 0)) throw new TypeError(`intervalMs must be > 0, got ${this.intervalMs}`);
    const bucket: Bottleneck.ConstructorOptions =
      this.burst === 1
        ? { minTime: this.intervalMs }
        : {
            reservoir: this.burst,
            reservoirIncreaseAmount: 1,
            reservoirIncreaseInterval: this.intervalMs,
            reservoirIncreaseMaximum: this.burst,
          };
    this.limiter = new Bottleneck({
      maxConcurrent: 1,
      heartbeatInterval: Math.max(5, Math.min(250, Math.floor(this.intervalMs / 10))),
      ...bucket,
      ...options.bottleneck,
    });
  }

  /** Runs `job` when the limits allow. Passive jobs throw `QueueFullError` when the queue is too long. */
  async schedule<T>(priority: Priority, job: () => Promise<T>): Promise<T> {
    if (priority === 'passive' && this.queued() >= this.maxPassiveQueue) throw new QueueFullError(this.queued());
    const queuedAt = Date.now();
    this.waiting[priority]++;
    let started = false;
    try {
      return await this.limiter.schedule({ priority: BOTTLENECK_PRIORITY[priority] }, async () => {
        started = true;
        this.lastStartedAt = Date.now();
        this.waiting[priority]--;
        this.running++;
        this.recordWait(priority, Date.now() - queuedAt);
        try {
          return await job();
        } finally {
          this.running--;
        }
      });
    } finally {
      if (!started) this.waiting[priority]--;
    }
  }

  /** Position and estimated wait for a new job of `priority` scheduled now. */
  async estimate(priority: Priority): Promise<QueueEstimate> {
    const mine = BOTTLENECK_PRIORITY[priority];
    let ahead = this.running;
    for (const p of Object.keys(BOTTLENECK_PRIORITY) as Priority[]) if (BOTTLENECK_PRIORITY[p] <= mine) ahead += this.waiting[p];
    if (this.burst === 1) {
      // minTime spacing: the next slot opens one interval after the last start.
      const nextSlot = Math.max(0, this.lastStartedAt + this.intervalMs - Date.now());
      return { position: ahead + 1, waitMs: nextSlot + ahead * this.intervalMs };
    }
    const tokens = (await this.limiter.currentReservoir()) ?? 0;
    return { position: ahead + 1, waitMs: Math.max(0, ahead + 1 - tokens) * this.intervalMs };
  }

  /** Jobs waiting (not running). */
  queued(): number {
    return this.waiting.interactive + this.waiting.vote + this.waiting.bulk + this.waiting.passive;
  }

  /** Recent waits in ms per priority (the last 1,000 of each), for status and benchmarks. */
  recentWaits(priority: Priority): readonly number[] {
    return this.waits[priority];
  }

  private recordWait(priority: Priority, ms: number): void {
    this.onWait?.(priority, ms);
    const list = this.waits[priority];
    list.push(ms);
    if (list.length > 1000) list.shift();
  }

  /** Stops taking jobs; waits for the running ones when `drain` is true. */
  async stop(drain = false): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.limiter.stop({ dropWaitingJobs: !drain });
  }
}
