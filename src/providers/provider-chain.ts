/**
 * The providers in PROVIDERS order: the first healthy one that supports the lookup answers; a failing or
 * paused one hands over to the next at once. The answer names its provider (`report.source`).
 */
import type { ReportProvider } from '../cache/cached-lookup.js';
import { UnsupportedLookupError, UpstreamError } from '../threatcrowd/errors.js';
import type { LookupType, Report } from '../threatcrowd/report.js';
import type { Priority } from '../throttle/limiter.js';
import type { GuardedProvider, ProviderStatus } from './circuit-breaker.js';
import { SHA256 } from './provider.js';

const TYPE_NAMES: Record<LookupType, string> = {
  domain: 'domain',
  ip: 'IP address',
  email: 'e-mail',
  file: 'file hash',
  antivirus: 'malware family',
};

export class ProviderChain implements ReportProvider {
  readonly name = 'chain';

  constructor(readonly providers: readonly GuardedProvider[]) {
    if (providers.length === 0) throw new TypeError('at least one provider is needed');
  }

  async report(type: LookupType, value: string, options: { priority?: Priority } = {}): Promise<Report> {
    const candidates = this.providers.filter((p) => p.supports(type, value));
    if (candidates.length === 0) throw new UnsupportedLookupError(this.unsupportedMessage(type, value));
    let lastError: unknown;
    for (const provider of candidates) {
      try {
        return await provider.report(type, value, options);
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  status(): ProviderStatus[] {
    return this.providers.map((p) => p.status());
  }

  private unsupportedMessage(type: LookupType, value: string): string {
    if (type === 'file' && SHA256.test(value)) {
      return 'ThreatCrowd does not support SHA-256 hashes; look up the MD5 or SHA1, or add otx to PROVIDERS (AlienVault OTX supports SHA-256).';
    }
    const names = this.providers.map((p) => p.displayName).join(' or ');
    return `${TYPE_NAMES[type]} lookups are not supported by ${names}.`;
  }
}
