/**
 * ThreatCrowd's vote-based feeds of malicious domains, IPs and hashes (`/feeds/*.txt`, one value a line,
 * hourly), downloaded on a schedule into the store and held in memory as sets: a lookup in a
 * million-line feed is one hash probe, with no API call.
 */
import type Keyv from 'keyv';
import { canonicalDomain } from '../indicators/domain.js';
import { hashType } from '../indicators/hash.js';
import { canonicalIPv4, canonicalIPv6, mappedIPv4 } from '../indicators/ip.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Logger } from '../observability/logger.js';

export const FEED_NAMES = ['domains', 'ips', 'hashes'] as const;
export type FeedName = (typeof FEED_NAMES)[number];

const FEED_OF: Partial<Record<LookupTarget['type'], FeedName>> = { domain: 'domains', ip: 'ips', file: 'hashes' };

export interface FeedSource {
  /** Fetches `/feeds/NAME.txt` (through the provider's limiter). */
  text(path: string): Promise<string>;
  /** Whether the provider is reachable now (its circuit breaker is not open). */
  reachable(): boolean;
  /** Whether its rate limit is idle; downloads wait for that, so they never spend the burst people need. */
  idle?(): Promise<boolean>;
}

const IDLE_POLL_MS = 200;

/** Each feed's values in the form lookups compare them in, or null for a line that is not such a value. */
const VALUE_OF: Record<FeedName, (line: string) => string | null> = {
  domains: (line) => canonicalDomain(line),
  ips: (line) => canonicalIPv4(line) ?? ipv6Value(canonicalIPv6(line)),
  hashes: (line) => (hashType(line) ? line : null),
};

/** An IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 it carries, as detection reads it; other IPv6 as they are. */
function ipv6Value(v6: string | null): string | null {
  return v6 === null ? null : (mappedIPv4(v6) ?? v6);
}

/** More lines than this share that are not values of the feed's type, and the body is not the feed. */
const MAX_FOREIGN_SHARE = 0.1;

/**
 * The values of a feed body (one per line; blank lines and `#` comments skipped), or null when the body is not
 * that feed: mostly lines that are no values of its type (an HTML page, "Too many connections", a truncated
 * answer). Upstream answers such bodies with 200 too; they must never replace a feed. An empty body reads as an
 * empty feed (the caller decides whether to believe it).
 */
export function readFeed(name: FeedName, body: string): Set<string> | null {
  const values = new Set<string>();
  let lines = 0;
  let foreign = 0;
  for (const raw of body.split('\n')) {
    const line = raw.trim().toLowerCase();
    if (line === '' || line.startsWith('#')) continue;
    lines++;
    const value = VALUE_OF[name](line);
    if (value === null) foreign++;
    else values.add(value);
  }
  // A share of the lines (upstream lists repeat values), not of the distinct values.
  if (foreign > lines * MAX_FOREIGN_SHARE) return null;
  return values;
}

/** Raised when a download's body is not the feed; the previous copy is kept. */
class NotAFeedError extends Error {
  override readonly name = 'NotAFeedError';
}

export class CrowdFeeds {
  private readonly sets: Record<FeedName, Set<string>> = { domains: new Set(), ips: new Set(), hashes: new Set() };
  private timer: NodeJS.Timeout | null = null;
  private lastRefreshAt: number | null = null;
  private stopped = false;

  constructor(
    private readonly source: FeedSource,
    private readonly store: Keyv,
    private readonly logger?: Logger,
  ) {}

  /** True when `target` is on the matching malicious feed. */
  has(target: LookupTarget): boolean {
    const feed = FEED_OF[target.type];
    if (feed === undefined) return false;
    const value = target.value.toLowerCase();
    // The value as the feed holds it (one IPv6 notation, a mapped IPv4 as IPv4); a value already in that form is one probe.
    return this.sets[feed].has(value) || this.sets[feed].has(VALUE_OF[feed](value) ?? value);
  }

  /** Loads the feeds kept in the store (from an earlier run or another replica). */
  async load(): Promise<void> {
    for (const name of FEED_NAMES) {
      const body = (await this.store.get(name)) as string | undefined;
      const values = body === undefined ? null : readFeed(name, body);
      if (values) this.sets[name] = values;
    }
  }

  /** Downloads every feed when the provider is reachable; a failed download keeps the previous copy. */
  async refresh(): Promise<boolean> {
    if (!this.source.reachable()) return false;
    let ok = true;
    for (const name of FEED_NAMES) {
      if (!(await this.untilIdle())) return false;
      try {
        const values = readFeed(name, await this.source.text(`/feeds/${name}.txt`));
        if (!values) throw new NotAFeedError(`the answer to /feeds/${name}.txt is not a list of ${name}`);
        // A feed built from a year of votes does not empty itself within an hour: an empty answer empties nothing.
        if (values.size === 0 && this.sets[name].size > 0) throw new NotAFeedError(`the answer to /feeds/${name}.txt is empty`);
        this.sets[name] = values;
        // Kept as read (valid values only), so another replica or a restart never loads what upstream got wrong.
        await this.store.set(name, [...values].join('\n'));
      } catch (error) {
        ok = false;
        this.logger?.warn({ err: error, feed: name }, 'feed download failed; keeping the previous copy');
      }
    }
    if (ok) this.lastRefreshAt = Date.now();
    return ok;
  }

  /** Loads, refreshes now and every `intervalMs`. */
  async start(intervalMs: number): Promise<void> {
    this.stopped = false;
    await this.load();
    const tick = () => void this.refresh().catch((error: unknown) => this.logger?.error({ err: error }, 'feed refresh failed'));
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Waits until the source's rate limit is idle; false when stopped meanwhile. */
  private async untilIdle(): Promise<boolean> {
    while (!this.stopped && this.source.idle && !(await this.source.idle())) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS).unref());
    }
    return !this.stopped;
  }

  refreshedAt(): number | null {
    return this.lastRefreshAt;
  }
}
