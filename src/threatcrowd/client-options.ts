/** What the ThreatCrowd client is configured with, what each request may say, and the endpoints it calls. */
import type { LookupType } from '../report/report.js';
import type { Priority, RequestLimiter, Ticket } from '../throttle/limiter.js';

export const DEFAULT_THREATCROWD_URL = 'https://www.threatcrowd.org';

export const ENDPOINTS: Record<LookupType, { path: string; param: string }> = {
  domain: { path: 'domain', param: 'domain' },
  ip: { path: 'ip', param: 'ip' },
  email: { path: 'email', param: 'email' },
  antivirus: { path: 'antivirus', param: 'antivirus' },
  file: { path: 'file', param: 'resource' },
};

export interface ThreatCrowdClientOptions {
  /** Base URL of the service. @default 'https://www.threatcrowd.org' */
  readonly baseUrl?: string;
  /** The limiter shared by every caller of ThreatCrowd. @default a new RequestLimiter() */
  readonly limiter?: RequestLimiter;
  /** Per-request timeout. @default 15000 */
  readonly timeoutMs?: number;
  /** Largest body accepted. @default 8 MiB */
  readonly maxBodyBytes?: number;
  /** Attempts after the first, for retryable failures. @default 2 */
  readonly retries?: number;
  /** First backoff; doubled each retry, with full jitter. @default 1000 */
  readonly backoffMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after every HTTP attempt with the endpoint and `ok` or the failure kind (metrics). */
  readonly onRequest?: (endpoint: string, result: string) => void;
}

export interface RequestOptions {
  /** @default 'interactive' */
  readonly priority?: Priority;
  /** Priority and owner in the fair queue, promotable while the request waits (overrides `priority`). */
  readonly ticket?: Ticket;
}

export interface VoteOptions extends RequestOptions {
  /** Asked right before each attempt leaves; false withdraws the vote (`SendCancelledError`), nothing is sent. */
  readonly beforeSend?: () => Promise<boolean>;
}
