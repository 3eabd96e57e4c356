import { UpstreamError } from './upstream-error.js';

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
