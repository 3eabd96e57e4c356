import { UpstreamError, type UpstreamErrorOptions } from './upstream-error.js';

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
