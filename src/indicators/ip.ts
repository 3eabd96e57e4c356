import ipaddr from 'ipaddr.js';
import { memoize } from './memo.js';
import type { SkipReason } from './types.js';

const DOCUMENTATION_V4 = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((c) => ipaddr.IPv4.parseCIDR(c));
const DOCUMENTATION_V6 = ['2001:db8::/32', '3fff::/20'].map((c) => ipaddr.IPv6.parseCIDR(c));

/** Canonical dotted-quad for a strict IPv4 (four decimal octets, leading zeros allowed), else null. */
export function canonicalIPv4(text: string): string | null {
  // A hand-rolled scan: this runs for every dotted number in every message.
  if (text.length < 7 || text.length > 15) return null;
  const octets: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; // a virtual final '.'
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (++digits > 3) return null;
    } else if (c === 46 && digits > 0 && value <= 255) {
      octets.push(value);
      value = 0;
      digits = 0;
    } else {
      return null;
    }
  }
  return octets.length === 4 ? octets.join('.') : null;
}

/** Canonical (RFC 5952) IPv6, or null when `text` is not an IPv6 address. */
export function canonicalIPv6(text: string): string | null {
  const bare = text.replace(/%[\w.-]{1,32}$/, ''); // zone id (fe80::1%eth0)
  if (!ipaddr.IPv6.isValid(bare) || bare.length > 45) return null;
  return ipaddr.IPv6.parse(bare).toString();
}

/** The IPv4 embedded in an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`), else null. */
export function mappedIPv4(canonicalV6: string): string | null {
  const addr = ipaddr.IPv6.parse(canonicalV6);
  return addr.isIPv4MappedAddress() ? addr.toIPv4Address().toString() : null;
}

const V4_REASONS: Record<string, SkipReason> = {
  private: 'private-ip',
  loopback: 'loopback-ip',
  linkLocal: 'link-local-ip',
  carrierGradeNat: 'cgnat-ip',
  multicast: 'multicast-ip',
};
const V6_REASONS: Record<string, SkipReason> = {
  uniqueLocal: 'private-ip',
  loopback: 'loopback-ip',
  linkLocal: 'link-local-ip',
  multicast: 'multicast-ip',
};
const V6_PUBLIC = new Set(['unicast', '6to4', 'teredo', 'rfc6052', 'rfc6145']);

/** Why an address must never be sent upstream, or null when it is a public address. */
export const ipSkipReason = memoize(ipSkipReasonUncached);

function ipSkipReasonUncached(canonical: string): SkipReason | null {
  // Parse with the right class: ipaddr.parse tries IPv6 first, which throws (slowly) for every IPv4.
  if (!canonical.includes(':')) {
    const v4 = ipaddr.IPv4.parse(canonical);
    const range = v4.range();
    if (range === 'unicast') return null;
    if (DOCUMENTATION_V4.some((cidr) => v4.match(cidr))) return 'documentation-ip';
    return V4_REASONS[range] ?? 'reserved-ip';
  }
  const v6 = ipaddr.IPv6.parse(canonical);
  const range = v6.range();
  if (DOCUMENTATION_V6.some((cidr) => v6.match(cidr))) return 'documentation-ip';
  if (V6_PUBLIC.has(range)) return null;
  return V6_REASONS[range] ?? 'reserved-ip';
}
