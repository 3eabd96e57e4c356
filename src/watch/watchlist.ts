/**
 * The watchlist behind `/threatcrowd watch`: adds a watch within the limits (the upstream budget, per person,
 * per channel), removes and lists them. A new watch starts from the cached answer when there is one (free),
 * so the first re-check already says what changed since the summary people saw.
 */
import { channelKey } from '../core/invocation.js';
import type { Place } from '../core/outbound.js';
import type { WatchOutcome, WatchPort, WatchUsage, WatchView } from '../core/watch-port.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Report } from '../report/report.js';
import { displayTarget } from '../summary/display-target.js';
import { perDay, type WatchLimits, watchBudget } from './watch-budget.js';
import { snapshotOf } from './watch-diff.js';
import { type WatchEntry, type WatchRecord, type WatchStore, watchId } from './watch-store.js';

export interface WatchlistOptions {
  readonly store: WatchStore;
  readonly limits: WatchLimits;
  /** The cached answer, whatever its age (no upstream request). */
  readonly peek: (target: LookupTarget) => Promise<Report | undefined>;
  readonly onFeed?: (target: LookupTarget) => boolean;
  /** Whether a configured provider looks up this kind of value (SHA-256 needs OTX). @default always */
  readonly supported?: (target: LookupTarget) => boolean;
  readonly now: () => number;
}

export class Watchlist implements WatchPort {
  constructor(private readonly options: WatchlistOptions) {}

  async watch({ place, owner, target }: { place: Place; owner: string; target: LookupTarget }): Promise<WatchOutcome> {
    const { limits, now } = this.options;
    if (this.options.supported && !this.options.supported(target)) {
      return {
        kind: 'refused',
        reason: `${displayTarget(target)} cannot be watched: no configured provider (PROVIDERS) looks up this kind of value.`,
      };
    }
    const cached = await this.options.peek(target);
    const record: WatchRecord = {
      id: watchId(place, target),
      target,
      place,
      owner,
      createdAt: now(),
      nextCheckAt: now() + limits.checkIntervalMs,
      lastCheckedAt: null,
      snapshots: cached && !cached.stale ? { [cached.source]: snapshotOf(cached) } : {},
      onFeed: this.options.onFeed?.(target) ?? null,
      failures: 0,
      failureNoticed: false,
    };
    const outcome = await this.options.store.add(record, (index) => this.refusal(index, place, owner));
    if (outcome === 'added' || outcome === 'exists') return { kind: outcome, everyMs: limits.checkIntervalMs };
    return { kind: 'refused', reason: outcome };
  }

  unwatch(place: Place, target: LookupTarget): Promise<boolean> {
    return this.options.store.remove(watchId(place, target));
  }

  async list(place: Place): Promise<WatchView[]> {
    const channel = channelKey(place);
    const ids = Object.entries(await this.options.store.index()).filter(([, entry]) => entry.channel === channel);
    const records = await Promise.all(ids.map(([id]) => this.options.store.get(id)));
    return records.filter((r): r is WatchRecord => r !== undefined).sort((a, b) => a.createdAt - b.createdAt);
  }

  async usage(): Promise<WatchUsage> {
    const budget = watchBudget(this.options.limits);
    const watches = Object.keys(await this.options.store.index()).length;
    return {
      watches,
      capacity: budget.capacity,
      requestsPerDay: watches * budget.perWatchPerDay,
      budgetPerDay: budget.watchRequestsPerDay,
      share: this.options.limits.budgetShare,
      everyMs: this.options.limits.checkIntervalMs,
    };
  }

  /** Why one more watch would break a limit, or null. */
  private refusal(index: Readonly<Record<string, WatchEntry>>, place: Place, owner: string): string | null {
    const { limits } = this.options;
    const entries = Object.values(index);
    const budget = watchBudget(limits);
    if (entries.length >= budget.capacity) {
      return (
        `The watchlist is full: ${entries.length} watches already use the ${perDay(budget.watchRequestsPerDay)} upstream requests a day ` +
        `set aside for watches (WATCH_BUDGET_SHARE ${limits.budgetShare} of the ThreatCrowd rate). Unwatch something, or ask an admin to re-check less often (WATCH_INTERVAL_HOURS).`
      );
    }
    if (entries.filter((e) => e.owner === owner).length >= limits.maxPerPerson) {
      return `You already watch ${limits.maxPerPerson} indicators (the most one person may, WATCH_MAX_PER_PERSON): unwatch one first.`;
    }
    const channel = channelKey(place);
    if (entries.filter((e) => e.channel === channel).length >= limits.maxPerChannel) {
      return `This channel already watches ${limits.maxPerChannel} indicators (WATCH_MAX_PER_CHANNEL): unwatch one first.`;
    }
    return null;
  }
}
