/**
 * The lookups a bulk still has to send, in order. A value whose providers are down is held until they may
 * answer while the others go on (OTX may answer domains while ThreatCrowd, alone for e-mail, is paused); a
 * value is held at most `patienceMs` from its first hold, then it fails with the reason.
 */
import type { Outage, Pause } from './outage.js';

/** Shortest hold: while a probe is in flight the breaker's retry time is already past. */
export const MIN_HOLD_MS = 1000;
/** Longest pause after a sent request failed (the pauses double from the shortest). */
export const MAX_SENT_HOLD_MS = 5 * 60_000;

interface Hold {
  readonly until: number;
  readonly providers: readonly string[];
}

/** What a worker does next: send `index`, wait for held values, or stop (nothing left). */
export type Next = { readonly index: number } | { readonly waitUntil: number } | null;

export class WorkLine {
  private readonly rest: number[] = [];
  private next = 0;
  private readonly held = new Map<number, Hold>();
  /** Each value ever held: since when (patience counts from there), for whom, and how many sent requests failed. */
  private readonly history = new Map<
    number,
    { readonly since: number; readonly providers: readonly string[]; readonly sent: number; readonly lastSent: boolean }
  >();

  constructor(
    private readonly now: () => number,
    private readonly patienceMs: number,
  ) {}

  add(index: number): void {
    this.rest.push(index);
  }

  /** Held values whose time has come first, then the rest in order; when only held values are left, the wait. */
  take(): Next {
    const now = this.now();
    for (const [index, hold] of this.held) {
      if (hold.until > now) continue;
      this.held.delete(index);
      return { index };
    }
    if (this.next < this.rest.length) return { index: this.rest[this.next++] as number };
    if (this.held.size === 0) return null;
    return { waitUntil: Math.min(...[...this.held.values()].map((h) => h.until)) };
  }

  /** Holds `index` until its providers may answer; false once it has waited `patienceMs` (it fails instead). */
  hold(index: number, outage: Outage): boolean {
    const now = this.now();
    const before = this.history.get(index);
    const since = before?.since ?? now;
    if (now - since >= this.patienceMs) return false;
    const sent = (before?.sent ?? 0) + (outage.sent ? 1 : 0);
    this.history.set(index, { since, providers: outage.providers, sent, lastSent: outage.sent });
    // A sent request that failed waits longer each time: a value failing for itself is not asked every second.
    const retryAt = outage.sent ? now + Math.min(MIN_HOLD_MS * 2 ** (sent - 1), MAX_SENT_HOLD_MS) : outage.retryAt;
    // Never past the patience: the value is tried once more then, and fails if its providers are still down.
    const until = Math.min(Math.max(retryAt, now + MIN_HOLD_MS), since + this.patienceMs);
    this.held.set(index, { until, providers: outage.providers });
    // The values held for the same paused providers would find them paused too: they wait as long (each within
    // its own patience), so one value a moment asks, not every held value while a probe is in flight. A failed
    // probe's longer pause is its own (the value may fail by itself).
    if (outage.sent) return true;
    const same = outage.providers.join('\n');
    for (const [other, hold] of this.held) {
      if (hold.until >= until || hold.providers.join('\n') !== same) continue;
      this.held.set(other, { ...hold, until: Math.min(until, (this.history.get(other)?.since ?? now) + this.patienceMs) });
    }
    return true;
  }

  /**
   * Whether some value waits for one of `providers`: another held value, or `index` itself when this is its probe
   * (its last hold was for a paused provider). A value whose own sent request already failed once and that nobody
   * else waits with is failing for itself: it is not held again.
   */
  waitsFor(index: number, providers: readonly string[]): boolean {
    const overlaps = (others: readonly string[]) => others.some((p) => providers.includes(p));
    const own = this.history.get(index);
    const probe = own !== undefined && !own.lastSent && overlaps(own.providers);
    return probe || [...this.held.values()].some((h) => overlaps(h.providers));
  }

  /** The pause the bulk is in, for progress: only held values are left (null when something can be sent). */
  pause(): Pause | null {
    const now = this.now();
    const holds = [...this.held.values()];
    if (this.next < this.rest.length || holds.length === 0 || holds.some((h) => h.until <= now)) return null;
    return { retryAt: Math.min(...holds.map((h) => h.until)), providers: [...new Set(holds.flatMap((h) => h.providers))] };
  }
}
