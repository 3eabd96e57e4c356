/** Depth-2 expansion through the bot's cache: cached reports are free, lookups go at interactive priority. */
import type { CachedLookup } from '../cache/cached-lookup.js';
import type { GraphLookups } from './expand-graph.js';

export function graphLookupsFrom(cache: CachedLookup): GraphLookups {
  return {
    cached: (type, value) => cache.peek(type, value),
    lookup: async (type, value) => (await cache.lookup(type, value, 'interactive')).report,
  };
}
