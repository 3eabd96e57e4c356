/**
 * ThreatCrowd Search API v2 client: the five report endpoints and the vote endpoint, every request
 * through the shared limiter, bounded retries with exponential backoff and jitter.
 */

import { SendCancelledError, UpstreamBusyError, UpstreamError, UpstreamStatusError } from '../errors/index.js';
import { httpGet } from '../providers/http-get.js';
import { type Provider, SHA256 } from '../providers/provider.js';
import { retryAfterMs } from '../providers/retry-after.js';
import { SIMULATOR_HEADER } from '../providers/simulator-header.js';
import type { LookupType, Report } from '../report/report.js';
import { type Demand, RequestLimiter } from '../throttle/limiter.js';
import {
  DEFAULT_THREATCROWD_URL,
  ENDPOINTS,
  type RequestOptions,
  type ThreatCrowdClientOptions,
  type VoteOptions,
} from './client-options.js';
import { parseReport } from './parse.js';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ThreatCrowdClient implements Provider {
  readonly name = 'threatcrowd';
  readonly displayName = 'ThreatCrowd';
  readonly baseUrl: string;
  readonly limiter: RequestLimiter;
  private readonly options: Required<Omit<ThreatCrowdClientOptions, 'baseUrl' | 'limiter' | 'onRequest'>>;
  private readonly onRequest: (endpoint: string, result: string) => void;
  /** Refusals ("Too many connections", 429, 503) in a row: the pause doubles with each. */
  private refusals = 0;

  constructor(options: ThreatCrowdClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_THREATCROWD_URL).replace(/\/+$/, '');
    new URL(this.baseUrl); // throws TypeError on a malformed base URL
    this.limiter = options.limiter ?? new RequestLimiter();
    this.options = {
      timeoutMs: options.timeoutMs ?? 15_000,
      maxBodyBytes: options.maxBodyBytes ?? 8 * 1024 * 1024,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 1000,
      fetch: options.fetch ?? globalThis.fetch,
      now: options.now ?? (() => new Date()),
      random: options.random ?? Math.random,
      sleep: options.sleep ?? defaultSleep,
    };
    this.onRequest = options.onRequest ?? (() => {});
  }

  domain(value: string, options?: RequestOptions): Promise<Report> {
    return this.report('domain', value, options);
  }
  ip(value: string, options?: RequestOptions): Promise<Report> {
    return this.report('ip', value, options);
  }
  email(value: string, options?: RequestOptions): Promise<Report> {
    return this.report('email', value, options);
  }
  antivirus(value: string, options?: RequestOptions): Promise<Report> {
    return this.report('antivirus', value, options);
  }
  /** MD5 or SHA1 (sent lower-case); ThreatCrowd never supported SHA-256. */
  file(value: string, options?: RequestOptions): Promise<Report> {
    return this.report('file', value.toLowerCase(), options);
  }

  /** Every type, but never SHA-256 file hashes. */
  supports(type: LookupType, value: string): boolean {
    return !(type === 'file' && SHA256.test(value));
  }

  /** Looks up one value of `type`. */
  async report(type: LookupType, value: string, options: RequestOptions = {}): Promise<Report> {
    const { path, param } = ENDPOINTS[type];
    const url = new URL(`${this.baseUrl}/searchApi/v2/${path}/report/`);
    url.searchParams.set(param, type === 'file' ? value.toLowerCase() : value);
    const request = `GET ${this.baseUrl}/searchApi/v2/${path}/report/`;
    return this.withRetries(options.ticket ?? options.priority ?? 'interactive', async () => {
      try {
        const answer = await this.answer(url, request);
        const report = parseReport(type, value, answer.body, this.options.now().toISOString(), request);
        this.onRequest(type, 'ok');
        return answer.simulated ? { ...report, simulated: true } : report;
      } catch (error) {
        this.onRequest(type, error instanceof UpstreamError ? error.kind : 'error');
        throw error;
      }
    });
  }

  /** Casts an anonymous vote: `malicious` true sends `vote=0`, false sends `vote=1`. */
  async vote(value: string, malicious: boolean, options: VoteOptions = {}): Promise<void> {
    const url = new URL(`${this.baseUrl}/vote.php`);
    url.searchParams.set('vote', malicious ? '0' : '1');
    url.searchParams.set('value', value);
    const request = `GET ${this.baseUrl}/vote.php`;
    await this.withRetries(options.priority ?? 'vote', async () => {
      if (options.beforeSend && !(await options.beforeSend())) throw new SendCancelledError(request);
      try {
        const body = await this.get(url, request);
        if (/too many connections/i.test(body)) throw new UpstreamStatusError(503, request);
        this.onRequest('vote', 'ok');
      } catch (error) {
        this.onRequest('vote', error instanceof UpstreamError ? error.kind : 'error');
        throw error;
      }
    });
  }

  /** Fetches a plain-text resource (the crowd feeds), through the limiter. */
  async text(path: string, options: RequestOptions = {}): Promise<string> {
    const url = new URL(`${this.baseUrl}${path}`);
    return this.withRetries(options.priority ?? 'passive', () => this.get(url, `GET ${url.origin}${url.pathname}`));
  }

  /**
   * Retries go through the limiter like any request. An overloaded or refusing ThreatCrowd ("Too many
   * connections", 429, 503) pauses the whole limiter (every replica's, on Redis) for its Retry-After or an
   * exponential backoff that grows while it keeps refusing; the pause empties the bucket, so a retry never
   * spends the burst.
   */
  private async withRetries<T>(priority: Demand, attempt: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        const result = await this.limiter.schedule(priority, attempt);
        this.refusals = 0;
        return result;
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        if (isRefusal(error)) await this.limiter.pause(this.refusalPauseMs(error));
        if (!error.retryable || tries >= this.options.retries) throw error;
        // Full jitter: a random wait in [0, backoff * 2^tries].
        await this.options.sleep(Math.round(this.options.random() * this.options.backoffMs * 2 ** tries));
      }
    }
  }

  /** Retry-After when given, else backoff × 2^(refusals in a row), with jitter in [½, 1], at most 10 minutes. */
  private refusalPauseMs(error: UpstreamError): number {
    this.refusals++;
    const exponential = this.options.backoffMs * 2 ** Math.min(this.refusals - 1, 10);
    const jittered = exponential * (0.5 + this.options.random() / 2);
    const asked = error instanceof UpstreamStatusError ? (error.retryAfterMs ?? 0) : 0;
    return Math.min(Math.max(asked, jittered), 600_000);
  }

  private async get(url: URL, request: string): Promise<string> {
    return (await this.answer(url, request)).body;
  }

  /** The body, and whether the bundled simulator sent it (it says so in a header). */
  private async answer(url: URL, request: string): Promise<{ body: string; simulated: boolean }> {
    const answer = await httpGet(url, {
      fetch: this.options.fetch,
      timeoutMs: this.options.timeoutMs,
      maxBodyBytes: this.options.maxBodyBytes,
      request,
    });
    if (answer.status >= 300) {
      const retryAfter = answer.headers.get('retry-after');
      throw new UpstreamStatusError(answer.status, request, retryAfter ? { retryAfterMs: retryAfterMs(retryAfter, Date.now()) } : {});
    }
    return { body: answer.body, simulated: answer.headers.has(SIMULATOR_HEADER) };
  }
}

/** ThreatCrowd saying it is overloaded or refusing: the limiter backs off for everyone. */
function isRefusal(error: UpstreamError): boolean {
  return error instanceof UpstreamBusyError || (error instanceof UpstreamStatusError && (error.status === 429 || error.status === 503));
}
