/** What a bulk reports while it runs, and its estimate of the time left. */
import type { QueueEstimate } from '../throttle/limiter-options.js';
import type { BulkStatus } from './bulk-state.js';

export interface BulkProgress {
  readonly id: string;
  readonly status: BulkStatus;
  /** Lookups finished (answered or failed). */
  readonly done: number;
  readonly total: number;
  /** Of those done, answered from the cache without asking upstream. */
  readonly fromCache: number;
  readonly failed: number;
  /** Lookups not finished yet. */
  readonly waiting: number;
  /** Estimated time left in ms (0 when finished). */
  readonly etaMs: number;
  /** Set while every provider is paused by its circuit breaker: the bulk waits for the next probe. */
  readonly paused?: { readonly providers: readonly string[]; readonly retryInMs: number };
}

/** The limiter as the bulk sees it: where its next request would stand, and the sustained rate. */
export interface QueueView {
  estimate(priority: 'bulk'): Promise<QueueEstimate>;
  readonly intervalMs: number;
}

/**
 * Time left for `remaining` lookups that each need an upstream request: the wait of the next one (people's
 * lookups and votes queued ahead, tokens left in the bucket), then one request per interval for the rest.
 */
export async function estimateTimeLeft(queue: QueueView, remaining: number): Promise<number> {
  if (remaining <= 0) return 0;
  const next = await queue.estimate('bulk');
  return next.waitMs + (remaining - 1) * queue.intervalMs;
}
