/**
 * Upstream failures, one small class per kind. Each keeps the request it was about and its `cause`.
 * `retryable` says whether asking again later may succeed.
 */
export abstract class UpstreamError extends Error {
  abstract readonly kind: string;
  readonly retryable: boolean = true;
  constructor(
    message: string,
    /** The request, without query values (they are looked-up indicators): `GET https://host/searchApi/v2/domain/report/`. */
    readonly request: string,
    options?: { cause?: unknown },
  ) {
    super(`${message}: ${request}`, options);
    this.name = new.target.name;
  }
}

/** HTTP 5xx or another unexpected status. */
export class UpstreamStatusError extends UpstreamError {
  readonly kind = 'status';
  constructor(
    readonly status: number,
    request: string,
  ) {
    super(`ThreatCrowd answered HTTP ${status}`, request);
  }
}

/** An HTML page (outage page, proxy error, challenge) where JSON was expected. */
export class UpstreamHtmlError extends UpstreamError {
  readonly kind = 'html';
  constructor(request: string) {
    super('ThreatCrowd answered with an HTML page instead of JSON', request);
  }
}

/** The MySQL "Too many connections" message ThreatCrowd sends with HTTP 200 under load. */
export class UpstreamBusyError extends UpstreamError {
  readonly kind = 'busy';
  constructor(request: string) {
    super('ThreatCrowd is overloaded ("Too many connections")', request);
  }
}

/** A body that is not valid JSON (often truncated). */
export class UpstreamMalformedError extends UpstreamError {
  readonly kind = 'malformed';
  constructor(request: string, cause?: unknown) {
    super('ThreatCrowd answered with malformed JSON', request, { cause });
  }
}

/** A body larger than the configured cap. */
export class UpstreamTooLargeError extends UpstreamError {
  readonly kind = 'too-large';
  override readonly retryable = false;
  constructor(
    readonly limitBytes: number,
    request: string,
  ) {
    super(`ThreatCrowd's answer exceeded ${limitBytes} bytes`, request);
  }
}

/** DNS, TLS or connection failure. */
export class UpstreamNetworkError extends UpstreamError {
  readonly kind = 'network';
  constructor(request: string, cause?: unknown) {
    super(`ThreatCrowd could not be reached (${networkCode(cause)})`, request, { cause });
  }
}

/** No answer within the request timeout. */
export class UpstreamTimeoutError extends UpstreamError {
  readonly kind = 'timeout';
  constructor(
    readonly timeoutMs: number,
    request: string,
  ) {
    super(`ThreatCrowd did not answer within ${timeoutMs} ms`, request);
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
