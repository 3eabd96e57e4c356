/** The watchlist's line in `status`, the same words on every platform. */
import type { WatchUsage } from '../core/watch-port.js';
import { formatAge } from '../summary/age.js';
import { perDay } from './watch-budget.js';

/** "3 of 2,160 watches, re-checked every 24 h: 3 of 2,160 upstream requests a day set aside (25% of the rate)". */
export function watchUsageLine(usage: WatchUsage): string {
  const share = `${Math.round(usage.share * 1000) / 10}% of the rate`;
  return (
    `${usage.watches} of ${usage.capacity.toLocaleString('en-US')} watches, re-checked every ${formatAge(usage.everyMs)}: ` +
    `${perDay(usage.requestsPerDay)} of ${perDay(usage.budgetPerDay)} upstream requests a day set aside (${share})`
  );
}
