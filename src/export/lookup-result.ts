/** One looked-up value and its answer (or why it has none): what every export format writes. */
import type { AnswerSource } from '../cache/cached-lookup.js';
import type { LookupType, Report } from '../report/report.js';

export interface LookupResult {
  /** The value as it appeared in the input (`evil[.]com`, `hxxp://evil[.]com/x`), untrusted text. */
  readonly typed: string;
  readonly type: LookupType;
  /** Canonical, refanged value. */
  readonly value: string;
  /** Null when the lookup failed or was not made (cancelled). */
  readonly report: Report | null;
  readonly from: AnswerSource | null;
  /** Why there is no report: the failure's message, or "not looked up (cancelled)". */
  readonly error: string | null;
}

/** A `YYYY-MM-DD` date that is a real date (upstream sends `0000-00-00`). */
export function isRealDate(date: string | null): date is string {
  return date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) && !date.startsWith('0000') && !Number.isNaN(Date.parse(date));
}

/** The earliest and latest resolution dates of a report, or nulls. */
export function seenRange(report: Report): { first: string | null; last: string | null } {
  const dates = report.resolutions
    .map((r) => r.lastResolved)
    .filter(isRealDate)
    .sort();
  return { first: dates[0] ?? null, last: dates.at(-1) ?? null };
}
