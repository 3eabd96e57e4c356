/** Turns a value a person typed (and an optional explicit type) into a ThreatCrowd lookup, or a UserError. */
import { UserError } from '../errors/user-error.js';
import { classifyValue } from '../indicators/classify-value.js';
import { defang } from '../indicators/defang.js';
import { internalValue } from '../indicators/privacy.js';
import type { IndicatorType, SkipReason } from '../indicators/types.js';
import type { LookupType } from '../report/report.js';

export interface LookupTarget {
  readonly type: LookupType;
  readonly value: string;
}

/** The lookup (endpoint) for each kind of indicator. SHA-256 goes to `file`: the provider chain sends it to OTX. */
export const LOOKUP_OF: Record<IndicatorType, LookupType> = {
  domain: 'domain',
  ipv4: 'ip',
  ipv6: 'ip',
  email: 'email',
  md5: 'file',
  sha1: 'file',
  sha256: 'file',
};

const REASONS: Record<SkipReason, string> = {
  'private-ip': 'is a private address',
  'loopback-ip': 'is a loopback address',
  'link-local-ip': 'is a link-local address',
  'cgnat-ip': 'is a carrier-grade NAT address',
  'multicast-ip': 'is a multicast address',
  'documentation-ip': 'is a documentation address',
  'reserved-ip': 'is a reserved address',
  'reserved-name': 'is a reserved name',
  'ignored-domain': 'is on the list of internal domains (IGNORE_DOMAINS)',
};

/** A sentence explaining why a value is never sent upstream. */
export function skipExplanation(display: string, reason: SkipReason): string {
  return `${display} ${REASONS[reason]}; it is never sent to ThreatCrowd or any other source.`;
}

/** Throws the explanation when `target` holds an internal value: no provider is ever asked about one. */
export function assertShareable(target: LookupTarget, ignoreDomains: readonly string[]): LookupTarget {
  const internal = internalValue(target.type, target.value, ignoreDomains);
  if (internal) throw new UserError(skipExplanation(defang(internal.value), internal.reason));
  return target;
}

/** What a person typed, shortened and defanged for the error line (it may be a live indicator). */
const shown = (text: string) => defang(text.slice(0, 80));

const FAMILY = /^[\w.!/+-][\w .!/+-]{0,63}$/;

/** Resolves `raw` to a lookup. `type` forces the endpoint; without it the type is inferred (families need it). */
export function resolveTarget(raw: string, type: LookupType | undefined, ignoreDomains: readonly string[] = []): LookupTarget {
  const text = raw.trim();
  if (type === 'antivirus') {
    if (!FAMILY.test(text))
      throw new UserError(`"${shown(text)}" is not an antivirus family name (letters, digits and . _ - / ! +, up to 64).`);
    return assertShareable({ type, value: text.toLowerCase() }, ignoreDomains);
  }
  const found = classifyValue(text, ignoreDomains);
  if (found.kind === 'none') {
    const what = type
      ? `a valid ${type === 'file' ? 'MD5, SHA1 or SHA-256 hash' : type}`
      : 'a domain, IP address, e-mail address or file hash';
    throw new UserError(`"${shown(text)}" is not ${what}.`);
  }
  if (found.kind === 'skipped') throw new UserError(skipExplanation(defang(found.indicator.value), found.indicator.reason));
  const lookupType = LOOKUP_OF[found.indicator.type];
  if (type && type !== lookupType)
    throw new UserError(`"${shown(text)}" is not a valid ${type === 'file' ? 'MD5, SHA1 or SHA-256 hash' : type}.`);
  return assertShareable({ type: lookupType, value: found.indicator.value }, ignoreDomains);
}
