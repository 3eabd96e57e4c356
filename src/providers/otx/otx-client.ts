/**
 * AlienVault OTX as a second provider: `/api/v1/indicators/{type}/{value}/{section}` with the
 * `X-OTX-API-KEY` header when a key is set, its own limiter, and `Retry-After` honoured on 429.
 */

import { UpstreamMalformedError, UpstreamStatusError } from '../../errors/index.js';
import type { LookupType, Report } from '../../report/report.js';
import { type Demand, RequestLimiter } from '../../throttle/limiter.js';
import { httpGet } from '../http-get.js';
import type { Provider, ReportOptions } from '../provider.js';
import { retryAfterMs } from '../retry-after.js';
import { SIMULATOR_HEADER } from '../simulator-header.js';
import { parseOtx } from './parse-otx.js';

export const DEFAULT_OTX_URL = 'https://otx.alienvault.com';
const PROVIDER = 'AlienVault OTX';

interface Section {
  readonly json: Record<string, unknown> | null;
  readonly simulated: boolean;
}

export interface OtxClientOptions {
  /** @default 'https://otx.alienvault.com' */
  readonly baseUrl?: string;
  /** Sent as X-OTX-API-KEY; reads work without one, with stricter limits. */
  readonly apiKey?: string;
  /** OTX's own limiter (not ThreatCrowd's). @default 5 at once, one per second */
  readonly limiter?: RequestLimiter;
  /** @default 15000 */
  readonly timeoutMs?: number;
  /** How many 429 answers in a row are waited out before giving up. @default 3 */
  readonly maxRateLimitWaits?: number;
  /** Longest Retry-After obeyed; longer ones fail the lookup instead. @default 60000 */
  readonly maxRetryAfterMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly onRequest?: (endpoint: string, result: string) => void;
}

const SECTIONS: Partial<Record<LookupType, readonly string[]>> = {
  domain: ['general', 'passive_dns', 'malware'],
  ip: ['general', 'passive_dns', 'malware'],
  file: ['general', 'analysis'],
};

export class OtxClient implements Provider {
  readonly name = 'otx';
  readonly displayName = PROVIDER;
  readonly baseUrl: string;
  readonly limiter: RequestLimiter;
  private readonly options: OtxClientOptions;

  constructor(options: OtxClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_OTX_URL).replace(/\/+$/, '');
    new URL(this.baseUrl);
    this.limiter = options.limiter ?? new RequestLimiter({ burst: 5, intervalMs: 1000 });
    this.options = options;
  }

  /** Domains, IPs and file hashes (MD5, SHA1, SHA-256); OTX has no e-mail or malware-family lookup. */
  supports(type: LookupType): boolean {
    return SECTIONS[type] !== undefined;
  }

  async report(type: LookupType, value: string, options: ReportOptions = {}): Promise<Report> {
    const sections = SECTIONS[type];
    if (!sections) throw new UpstreamStatusError(400, `${type} lookups are not supported by OTX`, { provider: PROVIDER });
    const otxType = type === 'ip' ? (value.includes(':') ? 'IPv6' : 'IPv4') : type;
    const priority = options.ticket ?? options.priority ?? 'interactive';
    const answers = await Promise.all(sections.map((section) => this.section(otxType, value, section, priority)));
    const [general = null, second = null, third = null] = answers.map((a) => a.json);
    const now = (this.options.now ?? (() => new Date()))().toISOString();
    const report =
      type === 'file'
        ? parseOtx(type, value, { general, analysis: second }, now)
        : parseOtx(type, value, { general, passiveDns: second, malware: third }, now);
    return answers.some((a) => a.simulated) ? { ...report, simulated: true } : report;
  }

  /** One section's JSON (null when OTX does not know the indicator: 404), and whether the simulator sent it. */
  private async section(otxType: string, value: string, section: string, priority: Demand): Promise<Section> {
    const url = new URL(`${this.baseUrl}/api/v1/indicators/${otxType}/${encodeURIComponent(value)}/${section}`);
    const request = `GET ${this.baseUrl}/api/v1/indicators/${otxType}/…/${section}`;
    for (let waits = 0; ; waits++) {
      const answer = await this.limiter.schedule(priority, () =>
        httpGet(url, {
          fetch: this.options.fetch ?? globalThis.fetch,
          timeoutMs: this.options.timeoutMs ?? 15_000,
          maxBodyBytes: 8 * 1024 * 1024,
          request,
          provider: PROVIDER,
          // The key goes to OTX's origin only: a redirect to another host is followed without it.
          secretHeaders: this.options.apiKey ? { 'x-otx-api-key': this.options.apiKey } : {},
        }),
      );
      this.options.onRequest?.(section, answer.status < 300 ? 'ok' : String(answer.status));
      if (answer.status === 429) {
        const wait = retryAfterMs(answer.headers.get('retry-after'), Date.now());
        if (waits >= (this.options.maxRateLimitWaits ?? 3) || wait > (this.options.maxRetryAfterMs ?? 60_000)) {
          throw new UpstreamStatusError(429, request, { provider: PROVIDER });
        }
        // The whole OTX limiter waits, not only this request: the next request from anyone leaves after Retry-After.
        await this.limiter.pause(wait);
        continue;
      }
      const simulated = answer.headers.has(SIMULATOR_HEADER);
      if (answer.status === 404 || answer.status === 400) return { json: null, simulated };
      if (answer.status >= 300) throw new UpstreamStatusError(answer.status, request, { provider: PROVIDER });
      try {
        const parsed = JSON.parse(answer.body) as unknown;
        return { json: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null, simulated };
      } catch (error) {
        throw new UpstreamMalformedError(request, error, { provider: PROVIDER });
      }
    }
  }
}
