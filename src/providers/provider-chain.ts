/**
 * The providers in PROVIDERS order: the first healthy one that supports the lookup answers; a failing or
 * paused one hands over to the next at once. The answer names its provider (`report.source`). No provider is
 * ever asked about an internal value (private address, reserved name, IGNORE_DOMAINS), whatever its type.
 */

import { UnsupportedLookupError, UpstreamError } from '../errors/index.js';
import { assertShareable } from '../lookup/resolve-target.js';
import type { LookupType, Report } from '../report/report.js';
import type { GuardedProvider, ProviderStatus } from './circuit-breaker.js';
import { NoSourceAnsweredError } from './no-source-answered-error.js';
import type { ReportOptions, ReportProvider } from './provider.js';
import { SHA256 } from './provider.js';

const TYPE_NAMES: Record<LookupType, string> = {
  domain: 'domain',
  ip: 'IP address',
  email: 'e-mail',
  file: 'file hash',
  antivirus: 'malware family',
};

export interface ProviderChainOptions {
  /** Internal domains, never sent to any provider. @default [] */
  readonly ignoreDomains?: readonly string[];
}

const FAILURES = new WeakMap<UpstreamError, readonly UpstreamError[]>();

/** Every provider's failure behind the error a chain threw (the error alone when it did not come from a chain). */
export function failuresBehind(error: UpstreamError): readonly UpstreamError[] {
  if (error instanceof NoSourceAnsweredError) return failuresBehind(error.failure);
  return FAILURES.get(error) ?? [error];
}

export class ProviderChain implements ReportProvider {
  readonly name = 'chain';
  private readonly ignoreDomains: readonly string[];

  constructor(
    readonly providers: readonly GuardedProvider[],
    options: ProviderChainOptions = {},
  ) {
    if (providers.length === 0) throw new TypeError('at least one provider is needed');
    this.ignoreDomains = options.ignoreDomains ?? [];
  }

  async report(type: LookupType, value: string, options: ReportOptions = {}): Promise<Report> {
    // The last guard: whatever path a value took (command, unfurl, reaction, CLI, a cached target), it stops here.
    assertShareable({ type, value }, this.ignoreDomains);
    const candidates = this.providers.filter((p) => p.supports(type, value));
    if (candidates.length === 0) throw new UnsupportedLookupError(this.unsupportedMessage(type, value));
    const failures: UpstreamError[] = [];
    for (const provider of candidates) {
      try {
        return await provider.report(type, value, options);
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        failures.push(error);
      }
    }
    const last = failures[failures.length - 1];
    if (last) FAILURES.set(last, failures);
    const unsupported = this.providers.filter((p) => !candidates.includes(p)).map((p) => p.displayName);
    if (last && unsupported.length > 0) throw new NoSourceAnsweredError(last, unsupported, type);
    throw last;
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
