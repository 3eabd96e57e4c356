import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
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

/**
 * True when `host` (lower case) is dot-separated labels of 1–63 letters, digits and inner hyphens, at least two,
 * the last not all digits: one pass over the characters, no split and no expression per label.
 */
function wellFormedName(host: string): boolean {
  let labels = 1;
  let labelStart = 0;
  let digitsOnly = true;
  for (let i = 0; i <= host.length; i++) {
    const c = i < host.length ? host.charCodeAt(i) : 46; // a virtual final '.' closes the last label
    if (c === 46) {
      const length = i - labelStart;
      if (length < 1 || length > 63 || host.charCodeAt(labelStart) === 45 || host.charCodeAt(i - 1) === 45) return false;
      if (i === host.length) return !digitsOnly && labels >= 2;
      labels++;
      labelStart = i + 1;
      digitsOnly = true;
    } else if (c >= 48 && c <= 57) {
    } else if ((c >= 97 && c <= 122) || c === 45) {
      digitsOnly = false;
    } else {
      return false;
    }
  }
  return false;
}

/**
 * Canonical host name when `text` is a syntactically valid name under an ICANN public suffix, else null. Not
 * memoised: most names in a stream of chat are new, and a map of them costs more in collections than it saves.
 */
export function canonicalDomain(text: string): string | null {
  // Internationalised names (münchen.de, look-alike phishing names) are looked up in their ASCII (punycode) form.
  const ascii = /[\u0080-\uffff]/.test(text) ? domainToASCII(text.replace(/\.$/, '')) : text;
  const lower = ascii.toLowerCase();
  const host = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  if (host.length > 253 || host.length < 3 || !wellFormedName(host)) return null;
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
export function reservedName(text: string): string | null {
  const host = text.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost') return host;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  if (RESERVED_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))) return host;
  return RESERVED_TLDS.has(labels[labels.length - 1] ?? '') ? host : null;
}

/** Dots people type in other scripts (ideographic, full-width, half-width full stops). */
const OTHER_DOTS = /[\u3002\uff0e\uff61]/g;

/**
 * An `IGNORE_DOMAINS` entry in the form names are compared in: lower case, no leading `*.` or `.`, no trailing dot,
 * an internationalised name as punycode (`münchen-intern.de` → `xn--mnchen-intern-wob.de`); '' when it is no name.
 */
export function canonicalDomainEntry(entry: string): string {
  const bare = entry
    .replace(OTHER_DOTS, '.')
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.+$/, '');
  return bare === '' ? '' : domainToASCII(bare);
}

/**
 * Why an `IGNORE_DOMAINS` entry protects nothing, or null when it is a domain name: an address or range (private
 * ones are never sent anyway; the list is for names), a malformed name, or a whole public suffix (`com`, `co.uk`).
 */
export function domainEntryProblem(entry: string): string | null {
  const name = canonicalDomainEntry(entry);
  if (name === '' || !name.split('.').every((label) => LABEL.test(label)) || /^[\d.]+$/.test(name))
    return `"${entry}" is not a domain name`;
  const parsed = parse(name, { allowPrivateDomains: false, extractHostname: false, validateHostname: false, detectIp: false });
  if (parsed.isIcann && parsed.publicSuffix === name) return `"${entry}" is a public suffix: it would hide every name under it`;
  return null;
}

/** Each configured list in canonical form, computed once per list (the settings' array). */
const canonicalLists = new WeakMap<readonly string[], readonly string[]>();

function canonicalList(ignored: readonly string[]): readonly string[] {
  let list = canonicalLists.get(ignored);
  if (!list) {
    list = ignored.map(canonicalDomainEntry).filter((entry) => entry !== '');
    canonicalLists.set(ignored, list);
  }
  return list;
}

/** True when the canonical `domain` is one of `ignored` (written in any case, in Unicode, with a trailing dot) or below one. */
export function isIgnoredDomain(domain: string, ignored: readonly string[]): boolean {
  return canonicalList(ignored).some((base) => domain === base || domain.endsWith(`.${base}`));
}

/** True when a canonical (already validated) name is reserved: its top-level name, or a documentation domain. */
function reservedCanonical(domain: string): boolean {
  if (domain === 'localhost' || RESERVED_TLDS.has(domain.slice(domain.lastIndexOf('.') + 1))) return true;
  return RESERVED_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Why a canonical domain must never go upstream, or null. */
export function domainSkipReason(domain: string, ignored: readonly string[]): SkipReason | null {
  // An internal domain is named as such even under a reserved one (corp.example.com on IGNORE_DOMAINS).
  if (ignored.length > 0 && isIgnoredDomain(domain, ignored)) return 'ignored-domain';
  return reservedCanonical(domain) ? 'reserved-name' : null;
}
