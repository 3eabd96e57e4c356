import { UpstreamError, type UpstreamErrorOptions } from './upstream-error.js';

/** A body that is not valid JSON (often truncated). */
export class UpstreamMalformedError extends UpstreamError {
  readonly kind = 'malformed';
  constructor(request: string, cause?: unknown, options?: UpstreamErrorOptions) {
    super('answered with malformed JSON', request, { ...options, cause });
  }
}
