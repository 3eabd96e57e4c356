import { UpstreamError, type UpstreamErrorOptions } from './upstream-error.js';

/** The MySQL "Too many connections" message ThreatCrowd sends with HTTP 200 under load. */
export class UpstreamBusyError extends UpstreamError {
  readonly kind = 'busy';
  constructor(request: string, options?: UpstreamErrorOptions) {
    super('is overloaded ("Too many connections")', request, options);
  }
}
