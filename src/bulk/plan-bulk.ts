/**
 * Turns a pasted list or a file's text into the lookups of a bulk: indicators found by the chat detector
 * (defanged is fine), one lookup per distinct value, internal values counted and never sent, and at most
 * BULK_MAX lookups (the rest counted, so the person knows what was left out).
 */
import { UserError } from '../errors/user-error.js';
import { scanText } from '../indicators/detect.js';
import { refang } from '../indicators/refang.js';
import type { SkipReason } from '../indicators/types.js';
import { LOOKUP_OF } from '../lookup/resolve-target.js';
import type { LookupType } from '../report/report.js';

export interface BulkTarget {
  /** The token as it appeared in the input (best effort; the canonical value when it cannot be found). */
  readonly typed: string;
  readonly type: LookupType;
  readonly value: string;
}

export interface BulkPlan {
  /** At most `max`, in order of first appearance. */
  readonly targets: readonly BulkTarget[];
  /** Repeats of a value already listed. */
  readonly duplicates: number;
  /** Distinct internal values (private addresses, reserved names, IGNORE_DOMAINS), never sent upstream. */
  readonly skipped: number;
  readonly skippedByReason: Readonly<Partial<Record<SkipReason, number>>>;
  /** Distinct values found beyond `max`, not looked up. */
  readonly overCap: number;
}

export interface PlanOptions {
  readonly ignoreDomains?: readonly string[];
  /** BULK_MAX. @default 500 */
  readonly max?: number;
  /** Larger input is refused with a UserError. @default 5 MB */
  readonly maxTextBytes?: number;
}

export const DEFAULT_BULK_MAX = 500;
const DEFAULT_MAX_TEXT_BYTES = 5 * 1024 * 1024;
const TOKEN_SEPARATORS = /[\s,;"'|<>()]+/;
const MAX_TYPED = 200;

/** The input token that holds `value` once refanged, e.g. `hxxp://evil[.]com/x` for `evil.com`. */
function typedForm(tokens: ReadonlyArray<readonly [string, string]>, value: string): string {
  const hit = tokens.find(([, refanged]) => refanged.includes(value));
  return (hit?.[0] ?? value).slice(0, MAX_TYPED);
}

/** Plans a bulk from free text (one indicator a line, CSV, or a pasted report). */
export function planBulk(text: string, options: PlanOptions = {}): BulkPlan {
  const maxTextBytes = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  if (Buffer.byteLength(text) > maxTextBytes) {
    throw new UserError(`the list is larger than ${Math.round(maxTextBytes / 1024 / 1024)} MB; split it into smaller lists.`);
  }
  const max = options.max ?? DEFAULT_BULK_MAX;
  const seen = new Map<string, BulkTarget>();
  const skippedSeen = new Map<string, SkipReason>();
  let duplicates = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue;
    const { indicators, skipped } = scanText(line, { ignoreDomains: options.ignoreDomains ?? [], maxLength: line.length + 1 });
    for (const s of skipped) skippedSeen.set(`${s.type}:${s.value}`, s.reason);
    if (indicators.length === 0) continue;
    const tokens = line
      .split(TOKEN_SEPARATORS)
      .filter(Boolean)
      .map((t) => [t, refang(t).toLowerCase()] as const);
    for (const indicator of indicators) {
      const type = LOOKUP_OF[indicator.type];
      const key = `${type}:${indicator.value}`;
      if (seen.has(key)) duplicates++;
      else seen.set(key, { typed: typedForm(tokens, indicator.value), type, value: indicator.value });
    }
  }
  const all = [...seen.values()];
  const skippedByReason: Partial<Record<SkipReason, number>> = {};
  for (const reason of skippedSeen.values()) skippedByReason[reason] = (skippedByReason[reason] ?? 0) + 1;
  return {
    targets: all.slice(0, max),
    duplicates,
    skipped: skippedSeen.size,
    skippedByReason,
    overCap: Math.max(0, all.length - max),
  };
}
