/**
 * One token → the indicators it holds. A token is validated whole: a piece of an invalid token is never
 * accepted. URLs count through their host (or, for analysis sites, the value in their path), e-mails
 * whole, `key:value` and `host:port` through their value or host.
 */
import { analysisLinkValue } from './analysis-links.js';
import { type Candidate, NONE, type TokenContext } from './candidate.js';
import { hashContextObjects, hashType } from './hash.js';
import { emailCandidates, hostCandidates, ipv6Candidates } from './host-candidates.js';

const MAX_TOKEN = 4096;
const URL_SCHEME = /^[a-z][a-z0-9+.-]{0,15}$/i;
/** A scheme after a command-line switch or a key (`/url:https://…`, `src:http://…`): the scheme is its last word. */
const SCHEME_AFTER_PREFIX = /[:/]([a-z][a-z0-9+.-]{0,15})$/i;
const KEY_VALUE = /^([a-z][a-z0-9_-]{0,30}):(?!:)(.+)$/i;
const HOST_PORT = /^([^:]+):\d{1,5}$/;
/** `.1.1.1.1`: a dotted-number run with a dot glued in front is a piece of a longer version or OID. */
const DOTTED_FRAGMENT = /^\.\d[\d.]*$/;
/** Punctuation wrapped around a hash (`!@#<md5>!@#-`). */
const HASH_WRAPPING = /^[@#$%&+~.:-]{0,6}([0-9a-f]{32,64})[@#$%&+~.:_?-]{0,6}$/i;
/** Percent-encoded separators after a host or inside a link (`evil.com%2F`, `https%3A%2F%2F…`). */
const ENCODED_SEPARATOR = /%(?:2f|3a|3f|23|26|3d|40|20|2c|5b|5d)/gi;
/** The rest of a link after its token: `=` ends a token, but not a URL's query. */
const URL_REST = /[^\s<>"'`|]*/y;

/** Every indicator has a `.`, `:` or `@`, or is `localhost`. */
function hasAnchor(token: string): boolean {
  return token.includes('.') || token.includes(':') || token.includes('@') || token.toLowerCase() === 'localhost';
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

/** The whole link starting at `token` in the source, query included. */
function wholeLink(token: string, ctx: TokenContext): string {
  const at = ctx.source.indexOf(token, ctx.start);
  if (at < 0) return token;
  URL_REST.lastIndex = at;
  return URL_REST.exec(ctx.source)?.[0] ?? token;
}

function urlCandidates(token: string, schemeEnd: number, ctx: TokenContext): Candidate[] {
  if (!URL_SCHEME.test(token.slice(0, schemeEnd))) {
    const scheme = SCHEME_AFTER_PREFIX.exec(token.slice(0, schemeEnd))?.[1];
    return scheme ? urlCandidates(token.slice(schemeEnd - scheme.length), scheme.length, ctx) : NONE;
  }
  const rest = token.slice(schemeEnd + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const host = authority.slice(authority.lastIndexOf('@') + 1); // userinfo is never an e-mail
  const portless = HOST_PORT.exec(host)?.[1] ?? host;
  if (authorityEnd >= 0) {
    const link = wholeLink(token, ctx);
    const linked = analysisLinkValue(portless, link.slice(link.indexOf(authority) + authority.length));
    if (linked) return tokenCandidates(linked, { ...ctx, source: linked, start: 0, next: '', trusted: true });
  }
  return hostCandidates(portless, { ...ctx, inUrl: true }, false);
}

function hashCandidates(text: string, ctx: TokenContext, before: string): Candidate[] {
  const type = hashType(text);
  if (!type || hashContextObjects(before, ctx.gluedKey)) return NONE;
  return [{ type, value: text.toLowerCase(), defanged: ctx.defanged, reason: null }];
}

function textBefore(ctx: TokenContext, offset = 0): string {
  const at = ctx.start + offset;
  return ctx.source.slice(Math.max(0, at - 48), at);
}

function valueCandidates(value: string, ctx: TokenContext): Candidate[] {
  if (hashType(value)) return hashCandidates(value, ctx, textBefore(ctx));
  if (ctx.gluedKey !== null && value.includes('@')) return emailCandidates(value, ctx);
  return hostCandidates(value, ctx, true);
}

/** Decodes percent-encoded separators and reads the pieces as tokens of their own. */
function encodedCandidates(token: string, ctx: TokenContext): Candidate[] {
  const decoded = token.replace(ENCODED_SEPARATOR, (m) => decodeURIComponent(m));
  const pieces = decoded.split(/[\s,&=[\]]+/);
  let offset = 0;
  const found: Candidate[] = [];
  for (const piece of pieces) {
    const start = decoded.indexOf(piece, offset);
    offset = start + piece.length;
    found.push(...tokenCandidates(piece, { ...ctx, source: decoded, start, next: decoded[offset] ?? '' }, false));
  }
  return found;
}

/** The indicators in one raw token of the refanged text. */
export function tokenCandidates(raw: string, ctx: TokenContext, decode = true): Candidate[] {
  if (raw.charCodeAt(0) === 46 && DOTTED_FRAGMENT.test(raw)) return NONE;
  if (decode && raw.includes('%') && ENCODED_SEPARATOR.test(raw)) {
    ENCODED_SEPARATOR.lastIndex = 0;
    return encodedCandidates(raw, ctx);
  }
  const token = trimToken(raw);
  if (token.length < 3 || token.length > MAX_TOKEN) return NONE;
  const wrapped = raw.length >= 32 ? HASH_WRAPPING.exec(raw) : null;
  if (wrapped) return hashCandidates(wrapped[1] ?? '', ctx, textBefore(ctx, raw.indexOf(wrapped[1] ?? '')));
  if (!hasAnchor(token)) return NONE; // `now.` was only a sentence end
  const schemeEnd = token.indexOf('://');
  if (schemeEnd > 0 && schemeEnd <= 24) return urlCandidates(token, schemeEnd, ctx);
  const pathStart = token.search(/[/?#]/);
  if (pathStart === 0) return NONE; // a path: /etc/hosts, /commit/<sha>
  const head = pathStart > 0 ? token.slice(0, pathStart) : token;
  const cidr = pathStart > 0 && /^\/\d{1,3}$/.test(token.slice(pathStart));
  const withPath = pathStart > 0 && !cidr;
  if (head.includes('@')) return emailCandidates(head, ctx);
  if (!head.includes(':')) return withPath ? hostCandidates(head, { ...ctx, inUrl: true }, false) : valueCandidates(head, ctx); // evil.com/payload.exe
  if (/^ipv6:/i.test(head)) return ipv6Candidates(head.slice(5), ctx); // user@[IPv6:2001:db8::1]
  const v6 = head.includes('::') || head.indexOf(':') !== head.lastIndexOf(':') ? ipv6Candidates(head, ctx) : NONE;
  if (v6.length > 0) return v6;
  const keyValue = KEY_VALUE.exec(head);
  if (keyValue) {
    const [, key = '', value = ''] = keyValue;
    if (/^\d{1,5}$/.test(value)) return hostCandidates(key, ctx, true); // localhost:8080
    if (withPath || value.includes(':')) return NONE;
    return valueCandidates(value, { ...ctx, gluedKey: key });
  }
  const hostPort = HOST_PORT.exec(head);
  if (hostPort) return hostCandidates(hostPort[1] ?? '', { ...ctx, inUrl: ctx.inUrl || withPath }, !withPath);
  return NONE;
}
