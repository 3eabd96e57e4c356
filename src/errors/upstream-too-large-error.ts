import { UpstreamError, type UpstreamErrorOptions } from './upstream-error.js';

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
