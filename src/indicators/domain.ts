import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { memoize } from './memo.js';
import type { SkipReason } from './types.js';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const RESERVED_TLDS = new Set([
  'local',
  'internal',
  'test',
  'invalid',
  'example',
  'localhost',
  'lan',
  'home',
  'corp',
  'intranet',
  'onion',
  'alt',
  'arpa',
]);

/** Canonical host name when `text` is a syntactically valid name under an ICANN public suffix, else null. */
export const canonicalDomain = memoize(canonicalDomainUncached);

function canonicalDomainUncached(text: string): string | null {
  // Internationalised names (münchen.de, look-alike phishing names) are looked up in their ASCII (punycode) form.
  const ascii = /[\u0080-\uffff]/.test(text) ? domainToASCII(text.replace(/\.$/, '')) : text;
  const host = ascii.toLowerCase().replace(/\.$/, '');
  if (host.length > 253 || host.length < 3) return null;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  const tld = labels[labels.length - 1] ?? '';
  if (/^\d+$/.test(tld)) return null;
  // The name is already checked label by label, and is not an address: tldts need not extract or validate it.
  const parsed = parse(host, { allowPrivateDomains: false, extractHostname: false, validateHostname: false, detectIp: false });
  if (!parsed.isIcann || !parsed.domain || parsed.domain === parsed.publicSuffix) return null;
  return host;
}

/** Second-level names reserved for documentation (RFC 2606): never anyone's infrastructure. */
const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'];

/**
 * A reserved name (RFC 2606 and 6761: `.test`, `.example`, `.invalid`, `.localhost`, `example.com`/`.net`/`.org`;
 * also `.local`, `.internal` …), canonical, else null.
 */
export const reservedName = memoize(reservedNameUncached);

function reservedNameUncached(text: string): string | null {
  const host = text.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return host;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  if (RESERVED_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))) return host;
  return RESERVED_TLDS.has(labels[labels.length - 1] ?? '') ? host : null;
}

/** True when `domain` is one of `ignored` or below one of them. */
export function isIgnoredDomain(domain: string, ignored: readonly string[]): boolean {
  return ignored.some((d) => {
    const base = d.toLowerCase().replace(/^\*?\./, '');
    return base !== '' && (domain === base || domain.endsWith(`.${base}`));
  });
}

/** Why a canonical domain must never go upstream, or null. */
export function domainSkipReason(domain: string, ignored: readonly string[]): SkipReason | null {
  // An internal domain is named as such even under a reserved one (corp.example.com on IGNORE_DOMAINS).
  if (isIgnoredDomain(domain, ignored)) return 'ignored-domain';
  return reservedName(domain) ? 'reserved-name' : null;
}
