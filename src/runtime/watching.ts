/** Wires the watchlist: its store, limits from the settings, the scheduler that re-checks, and the outbound router. */
import { OutboundRouter } from '../core/outbound.js';
import { internalValue } from '../indicators/privacy.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Logger } from '../observability/logger.js';
import { WatchScheduler } from '../watch/watch-scheduler.js';
import { WatchStore } from '../watch/watch-store.js';
import { Watchlist } from '../watch/watchlist.js';
import type { Services } from './services.js';

export interface Watching {
  readonly watchlist: Watchlist;
  readonly scheduler: WatchScheduler;
  /** Where adapters register how they post (the scheduler's notes go through it). */
  readonly outbound: OutboundRouter;
  /** Where the watches live (shared by the watchlist and the scheduler). */
  readonly store: WatchStore;
}

export function createWatching(services: Services, logger: Logger, now: () => number = Date.now): Watching {
  const { settings } = services;
  const store = new WatchStore(services.store.namespace('watches'), services.coordination);
  const checkIntervalMs = settings.WATCH_INTERVAL_HOURS * 3_600_000;
  const onFeed = (target: LookupTarget) => services.feeds.has(target);
  const outbound = new OutboundRouter();
  const watchlist = new Watchlist({
    store,
    limits: {
      upstreamIntervalMs: settings.THREATCROWD_INTERVAL_MS,
      budgetShare: settings.WATCH_BUDGET_SHARE,
      checkIntervalMs,
      maxPerPerson: settings.WATCH_MAX_PER_PERSON,
      maxPerChannel: settings.WATCH_MAX_PER_CHANNEL,
    },
    peek: (target) => services.lookups.peek(target.type, target.value),
    onFeed,
    supported: (target) => services.providers.providers.some((p) => p.supports(target.type, target.value)),
    now,
  });
  const scheduler = new WatchScheduler({
    store,
    refresh: (type, value, priority, owner) => services.lookups.refresh(type, value, priority, owner),
    onFeed,
    isInternal: (target) => internalValue(target.type, target.value, settings.IGNORE_DOMAINS) !== null,
    outbound,
    coordination: services.coordination,
    checkIntervalMs,
    logger: logger.child({ part: 'watchlist' }),
    now,
  });
  return { watchlist, scheduler, outbound, store };
}
