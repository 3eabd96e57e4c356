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

/**
 * Per first octet: does some special range (ipaddr.js's list: private, reserved, multicast …, and the
 * documentation ranges) hold addresses starting with it. Most addresses start with none, and are public
 * without asking ipaddr.js (about a microsecond per address).
 */
const SPECIAL_FIRST_OCTET = specialFirstOctets();

function specialFirstOctets(): Uint8Array {
  const table = new Uint8Array(256);
  const { SpecialRanges } = ipaddr.IPv4.prototype as unknown as { SpecialRanges: Record<string, [ipaddr.IPv4, number][]> };
  const ranges = Object.values(SpecialRanges).flat();
  for (const [address, prefix] of [...ranges, ...DOCUMENTATION_V4]) {
    const first = address.octets[0] ?? 0;
    const span = prefix >= 8 ? 1 : 2 ** (8 - prefix);
    table.fill(1, first, first + span);
  }
  return table;
}

const memoizedSkipReason = memoize(ipSkipReasonUncached);

/** Why an address must never be sent upstream, or null when it is a public address. */
export function ipSkipReason(canonical: string): SkipReason | null {
  const firstDot = canonical.indexOf('.');
  if (firstDot > 0 && !canonical.includes(':')) {
    const first = Number(canonical.slice(0, firstDot));
    if (first >= 0 && first < 256 && SPECIAL_FIRST_OCTET[first] === 0) return null;
  }
  return memoizedSkipReason(canonical);
}

function ipSkipReasonUncached(canonical: string): SkipReason | null {
  // Parse with the right class: ipaddr.parse tries IPv6 first, which throws (slowly) for every IPv4.
  if (!canonical.includes(':')) return ipv4SkipReason(ipaddr.IPv4.parse(canonical));
  const v6 = ipaddr.IPv6.parse(canonical);
  // An address that carries an IPv4 is as internal as the IPv4 it carries (`64:ff9b::10.0.0.1` reaches 10.0.0.1).
  for (const v4 of embeddedIPv4s(v6)) {
    const reason = ipv4SkipReason(v4);
    if (reason) return reason;
  }
  const range = v6.range();
  if (DOCUMENTATION_V6.some((cidr) => v6.match(cidr))) return 'documentation-ip';
  if (V6_PUBLIC.has(range)) return null;
  return V6_REASONS[range] ?? 'reserved-ip';
}

function ipv4SkipReason(v4: ipaddr.IPv4): SkipReason | null {
  const range = v4.range();
  if (range === 'unicast') return null;
  if (DOCUMENTATION_V4.some((cidr) => v4.match(cidr))) return 'documentation-ip';
  return V4_REASONS[range] ?? 'reserved-ip';
}

const NAT64 = ['64:ff9b::/96', '64:ff9b:1::/48'].map((c) => ipaddr.IPv6.parseCIDR(c));
const SIX_TO_FOUR = ipaddr.IPv6.parseCIDR('2002::/16');
const TEREDO = ipaddr.IPv6.parseCIDR('2001::/32');
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');
const IPV4_TRANSLATED = ipaddr.IPv6.parseCIDR('::ffff:0:0:0/96');

const v4From = (bytes: readonly number[]) => new ipaddr.IPv4(bytes.map((b) => b & 0xff));

/**
 * The IPv4 addresses an IPv6 address carries: IPv4-mapped and IPv4-compatible (`::ffff:a.b.c.d`, `::a.b.c.d`),
 * SIIT (`::ffff:0:a.b.c.d`), NAT64 (`64:ff9b::/96`, the local-use `64:ff9b:1::/48`), 6to4 (`2002:AABB:CCDD::`)
 * and Teredo (server in bits 32–63, client in the last 32 bits, inverted).
 */
export function embeddedIPv4s(v6: ipaddr.IPv6): ipaddr.IPv4[] {
  const b = v6.toByteArray();
  const last32 = b.slice(12, 16);
  if (v6.isIPv4MappedAddress() || v6.match(IPV4_TRANSLATED) || NAT64.some((cidr) => v6.match(cidr))) return [v4From(last32)];
  if (v6.match(IPV4_COMPATIBLE) && v6.range() !== 'unspecified' && v6.range() !== 'loopback') return [v4From(last32)];
  if (v6.match(SIX_TO_FOUR)) return [v4From(b.slice(2, 6))];
  if (v6.match(TEREDO)) return [v4From(b.slice(4, 8)), v4From(last32.map((x) => ~x))];
  return [];
}
