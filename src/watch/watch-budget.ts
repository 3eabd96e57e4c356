/**
 * How many watches the upstream budget allows: the configured rate (one request per THREATCROWD_INTERVAL_MS,
 * 8,640 a day at 10 s) times WATCH_BUDGET_SHARE, divided by what one watch costs (one request per re-check).
 */

const DAY_MS = 86_400_000;

export interface WatchLimits {
  /** Upstream request interval (THREATCROWD_INTERVAL_MS). */
  readonly upstreamIntervalMs: number;
  /** Share of the upstream budget all watches together may use (WATCH_BUDGET_SHARE). */
  readonly budgetShare: number;
  /** Time between two re-checks of one watch (WATCH_INTERVAL_HOURS). */
  readonly checkIntervalMs: number;
  readonly maxPerPerson: number;
  readonly maxPerChannel: number;
}

export interface WatchBudget {
  /** Upstream requests a day at the configured rate. */
  readonly upstreamPerDay: number;
  /** Of those, what all watches together may use. */
  readonly watchRequestsPerDay: number;
  /** Requests a day one watch costs. */
  readonly perWatchPerDay: number;
  /** Most watches the budget allows. */
  readonly capacity: number;
}

export function watchBudget(limits: WatchLimits): WatchBudget {
  const upstreamPerDay = Math.floor(DAY_MS / limits.upstreamIntervalMs);
  const watchRequestsPerDay = Math.floor(upstreamPerDay * limits.budgetShare);
  const perWatchPerDay = DAY_MS / limits.checkIntervalMs;
  return { upstreamPerDay, watchRequestsPerDay, perWatchPerDay, capacity: Math.floor(watchRequestsPerDay / perWatchPerDay) };
}

/** Requests a day, as people read them ("2,160", "0.5"). */
export function perDay(requests: number): string {
  return requests >= 10 ? Math.round(requests).toLocaleString('en-US') : String(Math.round(requests * 100) / 100);
}
