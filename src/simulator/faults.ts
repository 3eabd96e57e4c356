/**
 * Failures the simulator can inject, as ThreatCrowd really showed them: HTTP 503 pages, MySQL's "Too many connections", empty and truncated bodies, HTML where JSON was due.
 * `slow` answers normally after `delayMs`; `hang` never answers (the connection stays open).
 * `text-html` serves the normal answer labelled text/html (as the real IP endpoint did); `html-page` is a challenge page.
 */
export const FAULT_KINDS = [
  'http-503',
  'too-many-connections',
  'empty-body',
  'text-html',
  'html-page',
  'truncated-json',
  'reset',
  'huge-body',
  'http-429',
  'slow',
  'hang',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  readonly kind: FaultKind;
  /** Applies to this many requests, then is gone. @default every request until cleared */
  times?: number;
  /** Only for requests whose path starts with this (e.g. `/vote.php`). @default every path */
  readonly path?: string;
  /** `slow`: how long to wait before answering normally. @default 1000 */
  readonly delayMs?: number;
  /** `http-429` and `http-503`: the Retry-After header to send (seconds or an HTTP date). */
  readonly retryAfter?: string;
}

export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}
