/** The watchlist as the core sees it (implemented in src/watch/): set, remove and list watches, and the budget used. */
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Place } from './outbound.js';

/** One watch, as listed. */
export interface WatchView {
  readonly target: LookupTarget;
  readonly place: Place;
  readonly createdAt: number;
  readonly lastCheckedAt: number | null;
  readonly nextCheckAt: number;
  readonly failures: number;
}

/** `added`, `exists` (already watched there), or `refused` with the reason a person reads. */
export type WatchOutcome =
  | { readonly kind: 'added' | 'exists'; readonly everyMs: number }
  | { readonly kind: 'refused'; readonly reason: string };

/** How much of the upstream budget the watches use (for `status`). */
export interface WatchUsage {
  readonly watches: number;
  /** Most watches the budget allows. */
  readonly capacity: number;
  /** Upstream requests a day the watches use, and may use. */
  readonly requestsPerDay: number;
  readonly budgetPerDay: number;
  /** The share of the upstream rate given to watches (WATCH_BUDGET_SHARE). */
  readonly share: number;
  readonly everyMs: number;
}

export interface WatchPort {
  watch(request: { readonly place: Place; readonly owner: string; readonly target: LookupTarget }): Promise<WatchOutcome>;
  /** False when the indicator was not watched there. */
  unwatch(place: Place, target: LookupTarget): Promise<boolean>;
  /** The watches set in `place`'s channel. */
  list(place: Place): Promise<WatchView[]>;
  usage(): Promise<WatchUsage>;
}
