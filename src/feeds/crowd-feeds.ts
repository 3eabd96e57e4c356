/**
 * ThreatCrowd's vote-based feeds of malicious domains, IPs and hashes (`/feeds/*.txt`, one value a line,
 * hourly), downloaded on a schedule into the store and held in memory as sets: a lookup in a
 * million-line feed is one hash probe, with no API call.
 */
import type Keyv from 'keyv';
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

/** Values of a feed body: one per line, trimmed and lower-cased; blank lines and `#` comments skipped. */
export function parseFeed(body: string): Set<string> {
  const values = new Set<string>();
  for (const line of body.split('\n')) {
    const value = line.trim().toLowerCase();
    if (value !== '' && !value.startsWith('#')) values.add(value);
  }
  return values;
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
    return feed !== undefined && this.sets[feed].has(target.value.toLowerCase());
  }

  /** Loads the feeds kept in the store (from an earlier run or another replica). */
  async load(): Promise<void> {
    for (const name of FEED_NAMES) {
      const body = (await this.store.get(name)) as string | undefined;
      if (body !== undefined) this.sets[name] = parseFeed(body);
    }
  }

  /** Downloads every feed when the provider is reachable; a failed download keeps the previous copy. */
  async refresh(): Promise<boolean> {
    if (!this.source.reachable()) return false;
    let ok = true;
    for (const name of FEED_NAMES) {
      if (!(await this.untilIdle())) return false;
      try {
        const body = await this.source.text(`/feeds/${name}.txt`);
        this.sets[name] = parseFeed(body);
        await this.store.set(name, body);
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
