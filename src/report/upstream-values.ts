/**
 * What an answer's lists may hold. A value that is not a valid name, address, e-mail address or hash is
 * dropped, never "repaired" into one the provider did not say (`line⏎break.x.com` is not `linebreak.x.com`).
 */
import { canonicalIPv4, canonicalIPv6 } from '../indicators/ip.js';

/** A host name as providers write them: letters, digits, `-` and `_` labels, maybe `*.` first or a trailing dot. */
const NAME = /^(?:\*\.)?[\p{L}\p{N}_-]{1,63}(?:\.[\p{L}\p{N}_-]{1,63})*\.?$/u;
/** An e-mail local part: no white space, controls, quotes, brackets or markup. */
const LOCAL = /^[\p{L}\p{N}.!#$%&'*+/=?^_{}~-]{1,64}$/u;
const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A host name, lower-cased, or null. */
export function upstreamName(text: string): string | null {
  const name = text.toLowerCase();
  return name.length <= 253 && NAME.test(name) ? name : null;
}

/** An IPv4 or IPv6 address as written, or null. */
export function upstreamIp(text: string): string | null {
  return text.length <= 64 && (canonicalIPv4(text) || canonicalIPv6(text)) ? text : null;
}

/** An e-mail address, lower-cased, or null. */
export function upstreamEmail(text: string): string | null {
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const domain = upstreamName(text.slice(at + 1));
  return at > 0 && LOCAL.test(local) && domain ? `${local.toLowerCase()}@${domain}` : null;
}

/** An MD5, SHA1 or SHA-256 in lower case, or null. */
export function upstreamHash(text: string): string | null {
  const hash = text.toLowerCase();
  return HASH.test(hash) ? hash : null;
}
