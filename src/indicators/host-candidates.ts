/** Hosts (IPv4, IPv6, domain names) and e-mail addresses, each validated whole. */

import { bareDomainObjection } from './bare-domain-objection.js';
import { type Candidate, candidate, NONE, type TokenContext } from './candidate.js';
import { canonicalDomain, domainSkipReason, reservedName } from './domain.js';
import { canonicalIPv4, canonicalIPv6, ipSkipReason, mappedIPv4 } from './ip.js';

const IPV6_SHAPE = /^[0-9a-f:.]{2,45}(?:%[\w.-]{1,32})?$/i;
const EMAIL_LOCAL = /^(?!\.)[a-z0-9._%+-]{1,64}(?<!\.)$/i;
const DOTTED_NUMBER = /^[\d.]+$/;

export function ipCandidates(text: string, ctx: TokenContext): Candidate[] {
  const v4 = canonicalIPv4(text);
  if (v4) return [candidate('ipv4', v4, ctx, ipSkipReason(v4))];
  return NONE;
}

/** IPv6 that is not a time, a ratio, a MAC address, a certificate serial or `Foo::Bar`. */
export function ipv6Candidates(text: string, ctx: TokenContext): Candidate[] {
  if (!IPV6_SHAPE.test(text)) return NONE;
  // Eight groups, or fewer with `::`, or six and an embedded IPv4: rules out times like 06:01:02 cheaply.
  const colons = text.split(':').length - 1;
  if (!text.includes('::') && colons !== 7 && !(colons === 6 && text.includes('.'))) return NONE;
  const v6 = canonicalIPv6(text);
  if (!v6) return NONE;
  const groups = text.replace(/%.*$/, '').split(':');
  const explicit = groups.filter((g) => g !== '');
  if (!text.includes('::') && explicit.every((g) => g.length === 2)) return NONE; // aa:bb:cc:…: a serial
  if (text.includes('::') && !text.startsWith('::')) {
    if (explicit.length < 2 || (explicit.length === 2 && (explicit[0] ?? '').length < 3)) return NONE; // A::B
  }
  if (text === '::') return NONE;
  const v4 = mappedIPv4(v6);
  if (v4) return [candidate('ipv4', v4, ctx, ipSkipReason(v4))];
  return [candidate('ipv6', v6, ctx, ipSkipReason(v6))];
}

export function hostCandidates(host: string, ctx: TokenContext, bare: boolean): Candidate[] {
  if (DOTTED_NUMBER.test(host)) return ipCandidates(host, ctx);
  if (host.includes(':')) return ipv6Candidates(host, ctx);
  const domain = canonicalDomain(host);
  if (!domain) {
    const reserved = reservedName(host);
    return reserved ? [candidate('domain', reserved, ctx, 'reserved-name')] : NONE;
  }
  if (bare && !ctx.defanged && !ctx.inUrl && !ctx.trusted && bareDomainObjection(host.replace(/\.$/, ''), domain, ctx.next)) return NONE;
  return [candidate('domain', domain, ctx, domainSkipReason(domain, ctx.ignoreDomains))];
}

export function emailCandidates(text: string, ctx: TokenContext): Candidate[] {
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const host = text.slice(at + 1);
  if (host.includes(':')) return NONE; // git@github.com:org/repo
  if (local.includes(':')) return hostCandidates(host, { ...ctx, inUrl: true }, false); // user:pass@host
  if (!EMAIL_LOCAL.test(local) || local.includes('..') || local.includes('@')) return NONE;
  const domain = canonicalDomain(host) ?? reservedName(host);
  if (!domain) return NONE;
  const value = `${local.toLowerCase()}@${domain}`;
  return [candidate('email', value, ctx, domainSkipReason(domain, ctx.ignoreDomains))];
}
