import { UpstreamError, type UpstreamErrorKind } from '../errors/index.js';
import type { LookupType } from '../report/report.js';

/** What a provider that lacks a lookup type cannot do, for people: "does not look up e-mail addresses". */
const CANNOT: Record<LookupType, string> = {
  domain: 'does not look up domains',
  ip: 'does not look up IP addresses',
  email: 'does not look up e-mail addresses',
  file: 'does not look up this kind of file hash',
  antivirus: 'does not look up malware families',
};

/**
 * Every provider that supports the lookup failed, and the others do not support it: the failure of the
 * last one asked (its kind, provider and status), with the providers that were never asked and why.
 */
export class NoSourceAnsweredError extends UpstreamError {
  readonly kind: UpstreamErrorKind;
  override readonly retryable: boolean;
  readonly status?: number;
  constructor(
    readonly failure: UpstreamError,
    /** Display names of the providers that do not support this lookup. */
    readonly unsupportedBy: readonly string[],
    readonly lookupType: LookupType,
  ) {
    super(`failed and no other source supports the lookup`, failure.request, { cause: failure, provider: failure.provider });
    this.kind = failure.kind;
    this.retryable = failure.retryable;
    if ('status' in failure && typeof failure.status === 'number') this.status = failure.status;
  }

  /** "AlienVault OTX does not look up e-mail addresses". */
  get unsupportedSentence(): string {
    return `${this.unsupportedBy.join(' and ')} ${CANNOT[this.lookupType]}`;
  }
}
