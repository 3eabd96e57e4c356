import { UserError } from './user-error.js';

/**
 * Upstream failures, one small class per kind. Each keeps the request it was about and its `cause`.
 * `retryable` says whether asking again later may succeed.
 */
export abstract class UpstreamError extends Error {
  abstract readonly kind: string;
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

/** HTTP 5xx or another unexpected status. */
export class UpstreamStatusError extends UpstreamError {
  readonly kind = 'status';
  /** How long the server asked us to wait (its Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly status: number,
    request: string,
    options?: UpstreamErrorOptions & { retryAfterMs?: number },
  ) {
    super(`answered HTTP ${status}`, request, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** An HTML page (outage page, proxy error, challenge) where JSON was expected. */
export class UpstreamHtmlError extends UpstreamError {
  readonly kind = 'html';
  constructor(request: string, options?: UpstreamErrorOptions) {
    super('answered with an HTML page instead of JSON', request, options);
  }
}

/** The MySQL "Too many connections" message ThreatCrowd sends with HTTP 200 under load. */
export class UpstreamBusyError extends UpstreamError {
  readonly kind = 'busy';
  constructor(request: string, options?: UpstreamErrorOptions) {
    super('is overloaded ("Too many connections")', request, options);
  }
}

/** A body that is not valid JSON (often truncated). */
export class UpstreamMalformedError extends UpstreamError {
  readonly kind = 'malformed';
  constructor(request: string, cause?: unknown, options?: UpstreamErrorOptions) {
    super('answered with malformed JSON', request, { ...options, cause });
  }
}

/** A body larger than the configured cap. */
export class UpstreamTooLargeError extends UpstreamError {
  readonly kind = 'too-large';
  override readonly retryable = false;
  constructor(
    readonly limitBytes: number,
    request: string,
    options?: UpstreamErrorOptions,
  ) {
    super(`sent an answer over ${limitBytes} bytes`, request, options);
  }
}

/** getaddrinfo's answers for a name that does not resolve (or no DNS at all). */
const DNS_FAILURES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);

/** DNS, TLS or connection failure. */
export class UpstreamNetworkError extends UpstreamError {
  readonly kind = 'network';
  /** The host name did not resolve: a gone service or no network. */
  readonly dnsFailure: boolean;
  // A name that does not resolve now will not resolve a second later: not worth a retry inside the rate limit.
  override readonly retryable: boolean;
  constructor(request: string, cause?: unknown, options?: UpstreamErrorOptions) {
    super(`could not be reached (${networkCode(cause)})`, request, { ...options, cause });
    this.dnsFailure = DNS_FAILURES.has(networkCode(cause));
    this.retryable = !this.dnsFailure;
  }
}

/** No answer within the request timeout. */
export class UpstreamTimeoutError extends UpstreamError {
  readonly kind = 'timeout';
  constructor(
    readonly timeoutMs: number,
    request: string,
    options?: UpstreamErrorOptions,
  ) {
    super(`did not answer within ${timeoutMs} ms`, request, options);
  }
}

/** The provider's circuit breaker is open: nothing was sent. */
export class CircuitOpenError extends UpstreamError {
  readonly kind = 'circuit-open';
  override readonly retryable = false;
  constructor(
    provider: string,
    readonly retryAt: number,
  ) {
    super('is failing; requests are paused', 'no request sent', { provider });
  }
}

/** No configured provider answers this kind of lookup (e-mail on OTX, SHA-256 on ThreatCrowd): the person sees it. */
export class UnsupportedLookupError extends UserError {}

/** One person already has the most lookups allowed waiting: nothing more of theirs is queued until those are answered. */
export class PersonQueueFullError extends UserError {
  constructor(readonly waiting: number) {
    super(`You already have ${waiting} lookups waiting for ThreatCrowd; ask again once they are answered.`);
  }
}

/** A low-priority lookup dropped because the queue is full; nothing was sent. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
  constructor(readonly queued: number) {
    super(`lookup queue is full (${queued} waiting); passive lookup dropped`);
  }
}

function networkCode(cause: unknown): string {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return cause instanceof Error ? cause.message : 'network error';
}

/** A request withdrawn right before it left (a vote whose delivery claim was lost or that no longer needs sending). */
export class SendCancelledError extends Error {
  override readonly name = 'SendCancelledError';
  constructor(readonly request: string) {
    super(`request withdrawn before sending: ${request}`);
  }
}
