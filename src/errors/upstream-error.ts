/** Every kind of upstream failure, one class each (see the files beside this one). */
export type UpstreamErrorKind = 'status' | 'html' | 'busy' | 'malformed' | 'too-large' | 'network' | 'timeout' | 'circuit-open';

/**
 * Upstream failures, one small class per kind. Each keeps the request it was about and its `cause`.
 * `retryable` says whether asking again later may succeed.
 */
export abstract class UpstreamError extends Error {
  abstract readonly kind: UpstreamErrorKind;
  readonly retryable: boolean = true;
  /** Which provider failed, for messages: `ThreatCrowd`, `AlienVault OTX`. */
  readonly provider: string;
  constructor(
    message: string,
    /** The request, without query values (they are looked-up indicators): `GET https://host/searchApi/v2/domain/report/`. */
    readonly request: string,
    options?: { cause?: unknown; provider?: string },
  ) {
    const provider = options?.provider ?? 'ThreatCrowd';
    super(`${provider} ${message}: ${request}`, options);
    this.provider = provider;
    this.name = new.target.name;
  }
}

/** Options every upstream error takes. */
export interface UpstreamErrorOptions {
  readonly cause?: unknown;
  /** @default 'ThreatCrowd' */
  readonly provider?: string;
}

export function networkCode(cause: unknown): string {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return cause instanceof Error ? cause.message : 'network error';
}
