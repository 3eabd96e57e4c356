/**
 * When a bulk's lookup failed because its providers are down: every provider asked was paused by its circuit
 * breaker (nothing was sent), or, while other values already wait for them, a sent request failed the way an
 * outage fails (no connection, no answer in time, a 5xx or an HTML error page, "Too many connections").
 */
import { CircuitOpenError, UpstreamError, type UpstreamErrorKind } from '../errors/index.js';
import { failuresBehind } from '../providers/provider-chain.js';

/** Who is down for a value, and when the first of them lets a probe through. */
export interface Outage {
  readonly retryAt: number;
  /** Display names: `ThreatCrowd`, `AlienVault OTX`. */
  readonly providers: readonly string[];
}

/** The failures a breaker counts that say "down", not "this answer is wrong". */
const OUTAGE_KINDS = new Set<UpstreamErrorKind>(['network', 'timeout', 'status', 'html', 'busy']);

/**
 * The outage behind a failed lookup, or null when the value failed for itself. A sent failure counts only
 * `duringOutage` (other values are already held): it is the probe that found the provider still down.
 */
export function outageOf(error: unknown, now: number, duringOutage: boolean): Outage | null {
  if (!(error instanceof UpstreamError)) return null;
  const failures = failuresBehind(error);
  const paused = failures.filter((f): f is CircuitOpenError => f instanceof CircuitOpenError);
  if (paused.length > 0 && paused.length === failures.length) {
    return { retryAt: Math.min(...paused.map((f) => f.retryAt)), providers: names(paused) };
  }
  if (duringOutage && failures.every((f) => f instanceof CircuitOpenError || (f.retryable && OUTAGE_KINDS.has(f.kind)))) {
    return { retryAt: now, providers: names(failures) };
  }
  return null;
}

const names = (failures: readonly UpstreamError[]) => [...new Set(failures.map((f) => f.provider))];
