/**
 * When a bulk's lookup failed because its providers are down: every provider asked was paused by its circuit
 * breaker (nothing was sent), or, while values already wait for those providers, a sent request failed the way
 * an outage fails (no connection, no answer in time, a 5xx or an HTML error page, "Too many connections").
 */
import { CircuitOpenError, UpstreamError, type UpstreamErrorKind } from '../errors/index.js';
import { failuresBehind } from '../providers/provider-chain.js';

/** Who is down for a value, and when the first of them lets a probe through. */
export interface Outage {
  readonly retryAt: number;
  /** Display names: `ThreatCrowd`, `AlienVault OTX`. */
  readonly providers: readonly string[];
  /** A request was sent and failed (a probe that found the provider still down), rather than refused unsent. */
  readonly sent: boolean;
}

/** A bulk waiting for its providers: when the first of them may answer, and who they are. */
export type Pause = Omit<Outage, 'sent'>;

/** The failures a breaker counts that say "down", not "this answer is wrong". */
const OUTAGE_KINDS = new Set<UpstreamErrorKind>(['network', 'timeout', 'status', 'html', 'busy']);

/**
 * The outage behind a failed lookup, or null when the value failed for itself. A provider paused by its breaker
 * was never asked, so the value waits for it (OTX's own failure for a value does not end the wait for
 * ThreatCrowd). A sent failure counts only when some value already waits for one of the providers that failed
 * (`waitsFor`): it is a probe that found the provider still down. A value that fails alone on a healthy provider
 * fails as before.
 */
export function outageOf(error: unknown, now: number, waitsFor: (providers: readonly string[]) => boolean): Outage | null {
  if (!(error instanceof UpstreamError)) return null;
  const failures = failuresBehind(error);
  const paused = failures.filter((f): f is CircuitOpenError => f instanceof CircuitOpenError);
  // A paused provider was never asked: the value waits for it, whatever the others answered.
  if (paused.length > 0) return { retryAt: Math.min(...paused.map((f) => f.retryAt)), providers: names(paused), sent: false };
  const down = failures.every((f) => f.retryable && OUTAGE_KINDS.has(f.kind));
  if (down && waitsFor(names(failures))) return { retryAt: now, providers: names(failures), sent: true };
  return null;
}

const names = (failures: readonly UpstreamError[]) => [...new Set(failures.map((f) => f.provider))];
