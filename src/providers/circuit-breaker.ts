/**
 * A circuit breaker per provider: after `failureThreshold` failures in a row it opens and nothing is sent for
 * `coolDownMs`; then one probe goes through (half-open); success closes it, failure opens it again.
 */

import { CircuitOpenError, UpstreamError } from '../errors/index.js';
import type { LookupType, Report } from '../report/report.js';
import type { Provider, ReportOptions } from './provider.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** @default 3 */
  readonly failureThreshold?: number;
  /** @default 60000 */
  readonly coolDownMs?: number;
  readonly now?: () => number;
}

export interface ProviderStatus {
  readonly name: string;
  readonly displayName: string;
  readonly state: BreakerState;
  readonly lastSuccessAt: number | null;
  readonly lastFailureAt: number | null;
  readonly lastFailure: string | null;
}

/** A provider behind its circuit breaker. */
export class GuardedProvider implements Provider {
  readonly name: string;
  readonly displayName: string;
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;
  private lastSuccessAt: number | null = null;
  private lastFailureAt: number | null = null;
  private lastFailure: string | null = null;
  private readonly threshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;
  private readonly recoveryListeners = new Set<() => void>();

  constructor(
    private readonly inner: Provider,
    options: BreakerOptions = {},
  ) {
    this.name = inner.name;
    this.displayName = inner.displayName;
    this.threshold = options.failureThreshold ?? 3;
    this.coolDownMs = options.coolDownMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  supports(type: LookupType, value: string): boolean {
    return this.inner.supports(type, value);
  }

  state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() >= this.openedAt + this.coolDownMs ? 'half-open' : 'open';
  }

  status(): ProviderStatus {
    return {
      name: this.name,
      displayName: this.displayName,
      state: this.state(),
      lastSuccessAt: this.lastSuccessAt,
      lastFailureAt: this.lastFailureAt,
      lastFailure: this.lastFailure,
    };
  }

  /** Runs `call` unless the breaker is open (then fails at once, with nothing sent). */
  async guard<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state();
    if (state === 'open' || (state === 'half-open' && this.probing)) {
      throw new CircuitOpenError(this.displayName, (this.openedAt ?? 0) + this.coolDownMs);
    }
    const probe = state === 'half-open';
    if (probe) this.probing = true;
    try {
      const result = await call();
      const recovered = this.openedAt !== null;
      this.failures = 0;
      this.openedAt = null;
      if (recovered) for (const listener of this.recoveryListeners) listener();
      this.lastSuccessAt = this.now();
      return result;
    } catch (error) {
      if (error instanceof UpstreamError) {
        this.failures++;
        this.lastFailureAt = this.now();
        this.lastFailure = error.kind;
        if (probe || this.failures >= this.threshold) this.openedAt = this.now();
      }
      throw error;
    } finally {
      if (probe) this.probing = false;
    }
  }

  /** False while the breaker is open (nothing would be sent); true when closed or ready for a probe. */
  available(): boolean {
    return this.state() !== 'open';
  }

  /** Calls `listener` each time a success closes the breaker again (a probe got through). */
  onRecovery(listener: () => void): void {
    this.recoveryListeners.add(listener);
  }

  report(type: LookupType, value: string, options?: ReportOptions): Promise<Report> {
    return this.guard(() => this.inner.report(type, value, options));
  }
}
