/** Depth-2 expansion through the bot's cache: cached reports are free, lookups go at interactive priority. */
import type { LookupType, Report } from '../report/report.js';
import type { GraphLookups } from './expand-graph.js';

/** What expansion needs of the cache (the CachedLookup, or the core's lookup service). */
export interface GraphCache {
  peek(type: LookupType, value: string): Promise<Report | undefined>;
  lookup(type: LookupType, value: string, priority: 'interactive', owner?: string): Promise<{ readonly report: Report }>;
}

export function graphLookupsFrom(cache: GraphCache, owner?: string): GraphLookups {
  return {
    cached: (type, value) => cache.peek(type, value),
    lookup: async (type, value) => (await cache.lookup(type, value, 'interactive', owner)).report,
  };
}
