import { networkCode, UpstreamError, type UpstreamErrorOptions } from './upstream-error.js';

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
