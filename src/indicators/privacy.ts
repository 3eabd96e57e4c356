/**
 * The one rule for what never leaves the organisation: private, reserved and documentation addresses (also
 * inside IPv6 forms that carry an IPv4), reserved names and `IGNORE_DOMAINS`, for every lookup type — a
 * malware family name is text like any other, so an address or internal name written there is refused too.
 */
import { scanText } from './detect.js';
import { canonicalDomain, domainSkipReason, reservedName } from './domain.js';
import { canonicalIPv4, canonicalIPv6, ipSkipReason } from './ip.js';
import type { SkipReason } from './types.js';

/** What a value is to be looked up as (the API endpoints). */
export type LookupKind = 'domain' | 'ip' | 'email' | 'file' | 'antivirus';

export interface InternalValue {
  /** The internal part, canonical (an address inside a longer family name, the domain of an e-mail). */
  readonly value: string;
  readonly reason: SkipReason;
}

function typedReason(type: LookupKind, value: string, ignored: readonly string[]): InternalValue | null {
  const text = value.trim().toLowerCase();
  if (type === 'ip') {
    const ip = canonicalIPv4(text) ?? canonicalIPv6(text);
    const reason = ip ? ipSkipReason(ip) : null;
    return ip && reason ? { value: ip, reason } : null;
  }
  if (type === 'domain' || type === 'email') {
    const host = text.slice(text.lastIndexOf('@') + 1).replace(/\.$/, '');
    const reason = reservedName(host) ? 'reserved-name' : domainSkipReason(host, ignored);
    return reason ? { value: text, reason } : null;
  }
  return null;
}

/**
 * An address or name anywhere in free text (a family name such as `win32/vpn.corp.com` or `x+10.1.2.3`), read
 * more eagerly than detection reads a message: every run of name characters between other characters is tried.
 * Refusing a family name that only looks internal costs an answer; sending an internal name costs a leak.
 */
function fragmentReason(text: string, ignored: readonly string[]): InternalValue | null {
  for (const piece of text.toLowerCase().split(/[^a-z0-9.:@\-\u0080-\uffff]+/u)) {
    const fragment = piece.replace(/^[.:-]+|[.:-]+$/g, '');
    if (fragment === '') continue;
    const ip = canonicalIPv4(fragment) ?? canonicalIPv6(fragment);
    const ipReason = ip ? ipSkipReason(ip) : null;
    if (ip && ipReason) return { value: ip, reason: ipReason };
    const host = fragment.slice(fragment.lastIndexOf('@') + 1);
    if (!host.includes('.')) continue;
    if (reservedName(host)) return { value: host, reason: 'reserved-name' };
    const domain = canonicalDomain(host);
    const reason = domain ? domainSkipReason(domain, ignored) : null;
    if (domain && reason) return { value: domain, reason };
  }
  return null;
}

/**
 * Why `value` (looked up as `type`, or of unknown type) must never be sent to any provider, or null.
 * Checked by the command grammar for a clear answer, and again right before any request as the last guard.
 */
export function internalValue(type: LookupKind | undefined, value: string, ignored: readonly string[] = []): InternalValue | null {
  const typed = type ? typedReason(type, value, ignored) : null;
  if (typed) return typed;
  // Whatever the type says, any address or name inside the text counts (`--type antivirus 10.20.30.40`).
  const [skipped] = scanText(value, { context: 'command', ignoreDomains: ignored }).skipped;
  if (skipped) return { value: skipped.value, reason: skipped.reason };
  return type === 'antivirus' || type === undefined ? fragmentReason(value, ignored) : null;
}
