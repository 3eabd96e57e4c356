/**
 * Indicator detection in chat text: markup removed, refanged, cut into tokens at characters that
 * never belong to an indicator, then each whole token validated (a piece of an invalid token is never
 * accepted). Every step is linear in the text's length.
 */
import { canonicalDomain, domainSkipReason, reservedName } from './domain.js';
import { hashContextObjects, hashType } from './hash.js';
import { bareDomainObjection } from './heuristics.js';
import { canonicalIPv4, canonicalIPv6, ipSkipReason, mappedIPv4 } from './ip.js';
import { stripMarkup } from './markup.js';
import { refangWithMarks } from './refang.js';
import type { DetectOptions, Indicator, IndicatorType, ScanResult, SkippedIndicator, SkipReason } from './types.js';

export const DEFAULT_MAX_LENGTH = 40_000;

// Characters that never occur inside an indicator (nor inside the URL authority that holds one).
// CJK text is written without spaces: its characters end a token (`访问evil.com` holds `evil.com`).
const TOKEN = /[^\s()<>{}[\]"'`,;|!*^\\=“”‘’«»「」\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]+/g;
const MAX_TOKEN = 4096;
const ANCHOR = /[.:@]|^localhost$/i;
const IPV6_SHAPE = /^[0-9a-f:.]{2,45}(?:%[\w.-]{1,32})?$/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]{0,15}$/i;
const EMAIL_LOCAL = /^(?!\.)[a-z0-9._%+-]{1,64}(?<!\.)$/i;
const KEY_VALUE = /^([a-z][a-z0-9_-]{0,30}):(?!:)(.+)$/i;
const HOST_PORT = /^([^:]+):\d{1,5}$/;

interface Candidate extends Indicator {
  readonly reason: SkipReason | null;
}

interface TokenContext {
  readonly source: string; // the whole refanged text
  readonly start: number; // where the token starts in it
  readonly next: string; // the character right after the token
  readonly defanged: boolean;
  readonly inUrl: boolean;
  readonly gluedKey: string | null;
  readonly trusted: boolean; // typed to the bot on purpose: no chat heuristics
  readonly ignoreDomains: readonly string[];
}

/** Cuts text over `max` characters at the last white space before the cap, so no token is cut in two. */
function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return space > 0 ? cut.slice(0, space) : cut;
}

function trimToken(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && '.-~'.includes(token[start] ?? '')) start++;
  if (token[start] === ':' && token[start + 1] !== ':') start++;
  while (end > start && '.-~?…_'.includes(token[end - 1] ?? '')) end--;
  if (token[end - 1] === ':' && token[end - 2] !== ':') end--;
  return token.slice(start, end);
}

function candidate(type: IndicatorType, value: string, ctx: TokenContext, reason: SkipReason | null): Candidate {
  return { type, value, defanged: ctx.defanged, reason };
}

function ipCandidates(text: string, ctx: TokenContext): Candidate[] {
  const v4 = canonicalIPv4(text);
  if (v4) return [candidate('ipv4', v4, ctx, ipSkipReason(v4))];
  return [];
}

/** IPv6 that is not a time, a ratio, a MAC address, a certificate serial or `Foo::Bar`. */
function ipv6Candidates(text: string, ctx: TokenContext): Candidate[] {
  if (!IPV6_SHAPE.test(text)) return [];
  // Eight groups, or fewer with `::`, or six and an embedded IPv4: rules out times like 06:01:02 cheaply.
  const colons = text.split(':').length - 1;
  if (!text.includes('::') && colons !== 7 && !(colons === 6 && text.includes('.'))) return [];
  const v6 = canonicalIPv6(text);
  if (!v6) return [];
  const groups = text.replace(/%.*$/, '').split(':');
  const explicit = groups.filter((g) => g !== '');
  if (!text.includes('::') && explicit.every((g) => g.length === 2)) return []; // aa:bb:cc:…: a serial
  if (text.includes('::') && !text.startsWith('::')) {
    if (explicit.length < 2 || (explicit.length === 2 && (explicit[0] ?? '').length < 3)) return []; // A::B
  }
  if (text === '::') return [];
  const v4 = mappedIPv4(v6);
  if (v4) return [candidate('ipv4', v4, ctx, ipSkipReason(v4))];
  return [candidate('ipv6', v6, ctx, ipSkipReason(v6))];
}

function hostCandidates(host: string, ctx: TokenContext, bare: boolean): Candidate[] {
  if (/^[\d.]+$/.test(host)) return ipCandidates(host, ctx);
  if (host.includes(':')) return ipv6Candidates(host, ctx);
  const domain = canonicalDomain(host);
  if (!domain) {
    const reserved = reservedName(host);
    return reserved ? [candidate('domain', reserved, ctx, 'reserved-name')] : [];
  }
  if (bare && !ctx.defanged && !ctx.inUrl && !ctx.trusted && bareDomainObjection(host.replace(/\.$/, ''), domain, ctx.next)) return [];
  return [candidate('domain', domain, ctx, domainSkipReason(domain, ctx.ignoreDomains))];
}

function emailCandidates(text: string, ctx: TokenContext): Candidate[] {
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const host = text.slice(at + 1);
  if (host.includes(':')) return []; // git@github.com:org/repo
  if (local.includes(':')) return hostCandidates(host, { ...ctx, inUrl: true }, false); // user:pass@host
  if (!EMAIL_LOCAL.test(local) || local.includes('..') || local.includes('@')) return [];
  const domain = canonicalDomain(host) ?? reservedName(host);
  if (!domain) return [];
  const value = `${local.toLowerCase()}@${domain}`;
  return [candidate('email', value, ctx, domainSkipReason(domain, ctx.ignoreDomains))];
}

function urlCandidates(token: string, schemeEnd: number, ctx: TokenContext): Candidate[] {
  if (!URL_SCHEME.test(token.slice(0, schemeEnd))) return [];
  const rest = token.slice(schemeEnd + 3);
  const authority = rest.split(/[/?#]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1); // userinfo is never an e-mail
  const portless = HOST_PORT.exec(host)?.[1] ?? host;
  return hostCandidates(portless, { ...ctx, inUrl: true }, false);
}

function hashCandidates(text: string, ctx: TokenContext): Candidate[] {
  const type = hashType(text);
  if (!type || hashContextObjects(ctx.source.slice(Math.max(0, ctx.start - 48), ctx.start), ctx.gluedKey)) return [];
  return [candidate(type, text.toLowerCase(), ctx, null)];
}

function tokenCandidates(raw: string, ctx: TokenContext): Candidate[] {
  const token = trimToken(raw);
  if (token.length < 3 || token.length > MAX_TOKEN) return [];
  if (!ANCHOR.test(token) && !hashType(token)) return []; // `now.` was only a sentence end
  const schemeEnd = token.indexOf('://');
  if (schemeEnd > 0 && schemeEnd <= 16) return urlCandidates(token, schemeEnd, ctx);
  const pathStart = token.search(/[/?#]/);
  if (pathStart === 0) return []; // a path: /etc/hosts, /commit/<sha>
  const head = pathStart > 0 ? token.slice(0, pathStart) : token;
  const cidr = pathStart > 0 && /^\/\d{1,3}$/.test(token.slice(pathStart));
  const withPath = pathStart > 0 && !cidr;
  if (head.includes('@')) return emailCandidates(head, ctx);
  const v6 = head.includes('::') || (head.match(/:/g)?.length ?? 0) >= 2 ? ipv6Candidates(head, ctx) : [];
  if (v6.length > 0) return v6;
  const keyValue = KEY_VALUE.exec(head);
  if (keyValue) {
    const [, key = '', value = ''] = keyValue;
    if (/^\d{1,5}$/.test(value)) return hostCandidates(key, ctx, true); // localhost:8080
    if (withPath || value.includes(':')) return [];
    return valueCandidates(value, { ...ctx, gluedKey: key });
  }
  const hostPort = HOST_PORT.exec(head);
  if (hostPort) return hostCandidates(hostPort[1] ?? '', { ...ctx, inUrl: ctx.inUrl || withPath }, !withPath);
  if (head.includes(':')) return [];
  if (withPath) return hostCandidates(head, { ...ctx, inUrl: true }, false); // evil.com/payload.exe
  return valueCandidates(head, ctx);
}

function valueCandidates(value: string, ctx: TokenContext): Candidate[] {
  const hashes = hashCandidates(value, ctx);
  if (hashes.length > 0 || hashType(value)) return hashes;
  if (ctx.gluedKey !== null && value.includes('@')) return emailCandidates(value, ctx);
  return hostCandidates(value, ctx, true);
}

function hasMark(marked: Uint8Array, start: number, end: number): boolean {
  return marked.subarray(start, end).includes(1);
}

/** Every indicator in `text`, and those recognised but never to be looked up with their reason. */
export function scanText(text: string, options: DetectOptions = {}): ScanResult {
  const plain = stripMarkup(capLength(String(text), options.maxLength ?? DEFAULT_MAX_LENGTH));
  const { text: refanged, marked } = refangWithMarks(plain);
  const seen = new Map<string, Candidate>();
  const anyDefanged = marked.includes(1);
  const tokens = TOKEN; // module-level and global: reset, since scanText runs to completion synchronously
  tokens.lastIndex = 0;
  for (let match = tokens.exec(refanged); match !== null; match = tokens.exec(refanged)) {
    const token = match[0];
    // Cheap anchors first: every indicator has a `.`, `:` or `@`, or is a 32–64 character hash.
    if (!ANCHOR.test(token) && (token.length < 32 || token.length > 70)) continue;
    const start = match.index;
    const end = start + token.length;
    const ctx: TokenContext = {
      source: refanged,
      start,
      next: refanged[end] ?? '',
      defanged: anyDefanged && hasMark(marked, start, end),
      inUrl: false,
      gluedKey: null,
      trusted: options.context === 'command',
      ignoreDomains: options.ignoreDomains ?? [],
    };
    for (const found of tokenCandidates(token, ctx)) {
      const key = `${found.type}:${found.value}`;
      const earlier = seen.get(key);
      if (!earlier) seen.set(key, found);
      else if (found.defanged && !earlier.defanged) seen.set(key, { ...earlier, defanged: true });
    }
  }
  const indicators: Indicator[] = [];
  const skipped: SkippedIndicator[] = [];
  for (const { type, value, defanged, reason } of seen.values()) {
    if (reason) skipped.push({ type, value, defanged, reason });
    else indicators.push({ type, value, defanged });
  }
  return { indicators, skipped };
}

/** De-duplicated indicators in `text`, in order of first appearance, in canonical form. */
export function detectIndicators(text: string, options: DetectOptions = {}): Indicator[] {
  return scanText(text, options).indicators;
}
