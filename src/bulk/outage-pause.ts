/**
 * A bulk waits out an outage instead of racing through it. When every provider that could answer a lookup is
 * paused by its circuit breaker, nothing was sent: the value goes back in line and the bulk waits for the next
 * probe. It waits at most `patienceMs` since the last upstream answer; after that the values fail with the
 * reason, as before, so a provider that never comes back does not hold a bulk (and its person's share) forever.
 */
import { CircuitOpenError, UpstreamError } from '../errors/index.js';
import { failuresBehind } from '../providers/provider-chain.js';
import { sleepUnlessAborted } from '../time/linked-signal.js';

/** Who is paused, and when the first of them lets a probe through. */
export interface Outage {
  readonly retryAt: number;
  /** Display names: `ThreatCrowd`, `AlienVault OTX`. */
  readonly providers: readonly string[];
}

/** The outage behind a failed lookup when nothing was sent (every provider asked was paused), else null. */
export function outageOf(error: unknown): Outage | null {
  if (!(error instanceof UpstreamError)) return null;
  const failures = failuresBehind(error);
  const paused = failures.filter((f): f is CircuitOpenError => f instanceof CircuitOpenError);
  if (paused.length === 0 || paused.length !== failures.length) return null;
  return { retryAt: Math.min(...paused.map((f) => f.retryAt)), providers: [...new Set(paused.map((f) => f.provider))] };
}

/** How often a paused bulk looks for a cancel (asked on any replica) or a stop. */
const CHECK_EVERY_MS = 1000;

export class OutagePause {
  private until: number | null = null;
  private by: readonly string[] = [];
  /** When the first outage since the last answer was seen. */
  private since: number | null = null;

  constructor(
    private readonly now: () => number,
    private readonly patienceMs: number,
  ) {}

  /** An upstream answer came back: the outage, if any, is over. */
  answered(): void {
    this.until = null;
    this.since = null;
    this.by = [];
  }

  /** True when the bulk should wait `outage` out (the value goes back in line); false once patience is spent. */
  hold(outage: Outage): boolean {
    const now = this.now();
    this.since ??= now;
    if (now - this.since >= this.patienceMs) return false;
    // At least a moment: while a probe is in flight the breaker's retry time is already past.
    this.until = Math.max(this.until ?? 0, outage.retryAt, now + CHECK_EVERY_MS);
    this.by = outage.providers;
    return true;
  }

  /** The pause in force now, for progress; null when not paused. */
  current(): Outage | null {
    return this.until !== null && this.until > this.now() ? { retryAt: this.until, providers: this.by } : null;
  }

  /**
   * Sleeps until the pause ends; wakes at once on `signals` and every second to ask `halted` (a cancel pressed on
   * another replica). False when woken for either; true when it is time to try again.
   */
  async waitOut(signals: readonly AbortSignal[], halted: () => Promise<boolean>): Promise<boolean> {
    for (let pause = this.current(); pause !== null; pause = this.current()) {
      await sleepUnlessAborted(Math.max(1, Math.min(pause.retryAt - this.now(), CHECK_EVERY_MS)), signals);
      if (signals.some((s) => s.aborted) || (await halted())) return false;
    }
    return true;
  }
}
