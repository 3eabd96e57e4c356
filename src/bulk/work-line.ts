/**
 * The lookups a bulk still has to send, in order. A value whose providers are down is held until they may
 * answer while the others go on (OTX may answer domains while ThreatCrowd, alone for e-mail, is paused); a
 * value is held at most `patienceMs` from its first hold, then it fails with the reason.
 */
import type { Outage } from './outage.js';

/** Shortest hold: while a probe is in flight the breaker's retry time is already past. */
export const MIN_HOLD_MS = 1000;

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
  /** When each value was first held (patience counts from there). */
  private readonly firstHeld = new Map<number, number>();

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
    const since = this.firstHeld.get(index) ?? now;
    if (now - since >= this.patienceMs) return false;
    this.firstHeld.set(index, since);
    // Never past the patience: the value is tried once more then, and fails if its providers are still down.
    const until = Math.min(Math.max(outage.retryAt, now + MIN_HOLD_MS), since + this.patienceMs);
    this.held.set(index, { until, providers: outage.providers });
    // The values held for the same providers would find them paused too: they wait as long (each within its
    // own patience), so one value a moment asks, not every held value while a probe is in flight.
    const same = outage.providers.join('\n');
    for (const [other, hold] of this.held) {
      if (hold.until >= until || hold.providers.join('\n') !== same) continue;
      this.held.set(other, { ...hold, until: Math.min(until, (this.firstHeld.get(other) ?? now) + this.patienceMs) });
    }
    return true;
  }

  /** Whether an outage is in force for `index`: it was held before (this is its probe), or others wait now. */
  inOutage(index: number): boolean {
    return this.firstHeld.has(index) || this.held.size > 0;
  }

  /** The pause the bulk is in, for progress: only held values are left (null when something can be sent). */
  pause(): Outage | null {
    const now = this.now();
    const holds = [...this.held.values()];
    if (this.next < this.rest.length || holds.length === 0 || holds.some((h) => h.until <= now)) return null;
    return { retryAt: Math.min(...holds.map((h) => h.until)), providers: [...new Set(holds.flatMap((h) => h.providers))] };
  }
}
