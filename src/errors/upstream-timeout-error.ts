import { UpstreamError, type UpstreamErrorOptions } from './upstream-error.js';

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
