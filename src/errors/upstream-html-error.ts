import { UpstreamError, type UpstreamErrorOptions } from './upstream-error.js';

/** An HTML page (outage page, proxy error, challenge) where JSON was expected. */
export class UpstreamHtmlError extends UpstreamError {
  readonly kind = 'html';
  constructor(request: string, options?: UpstreamErrorOptions) {
    super('answered with an HTML page instead of JSON', request, options);
  }
}
