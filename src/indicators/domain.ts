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
  const parsed = parse(host, { allowPrivateDomains: false });
  if (!parsed.isIcann || !parsed.domain || parsed.domain === parsed.publicSuffix) return null;
  return host;
}

/** A name under a reserved, never-public top-level name (`.local`, `.internal`, `.test`, `localhost` …), canonical, else null. */
export const reservedName = memoize(reservedNameUncached);

function reservedNameUncached(text: string): string | null {
  const host = text.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return host;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
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
  if (reservedName(domain)) return 'reserved-name';
  return isIgnoredDomain(domain, ignored) ? 'ignored-domain' : null;
}
