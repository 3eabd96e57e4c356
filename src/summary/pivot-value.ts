/**
 * What a pivot option carries through a platform and back: a one-letter type and the canonical value
 * (`d:evil.com`, `i:188.40.75.132`). Nothing read back is trusted: it is parsed, refanged, typed and
 * privacy-checked again exactly as a value a person typed.
 */
import { UserError } from '../errors/user-error.js';
import { type LookupTarget, resolveTarget } from '../lookup/resolve-target.js';
import type { LookupType } from '../report/report.js';

const CODE: Record<LookupType, string> = { domain: 'd', ip: 'i', email: 'e', file: 'f', antivirus: 'a' };
const TYPE_OF: Readonly<Record<string, LookupType>> = { d: 'domain', i: 'ip', e: 'email', f: 'file', a: 'antivirus' };
/** Longer than any valid value (a 254-character e-mail address): anything longer is refused unread. */
const LONGEST = 300;

export function encodePivot(target: LookupTarget): string {
  return `${CODE[target.type]}:${target.value}`;
}

/** The lookup a pivot value names, validated again; a UserError for anything else. */
export function decodePivot(text: string, ignoreDomains: readonly string[]): LookupTarget {
  const type = TYPE_OF[text.slice(0, 1)];
  if (!type || text[1] !== ':' || text.length > LONGEST) throw new UserError('That menu choice is not one I offered.');
  return resolveTarget(text.slice(2), type, ignoreDomains);
}

/** `decodePivot`, or null (a breadcrumb that does not check out is simply not shown). */
export function decodePivotOrNull(text: string | undefined, ignoreDomains: readonly string[]): LookupTarget | null {
  if (!text) return null;
  try {
    return decodePivot(text, ignoreDomains);
  } catch {
    return null;
  }
}
