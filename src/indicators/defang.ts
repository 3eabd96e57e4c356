/**
 * Defanging for output: every indicator the bot prints goes through here, so chat clients never turn it
 * into a live link or a mail link. Every dot a client could read as the end of a host name is broken
 * (`sub.evil[.]com`, `evil[.]co[.]uk`, `evil[.]com.victim[.]org`), every dot of a URL's path and query too,
 * and parts already bracketed stay as they are. `refang(defang(x)) === x` for every indicator.
 */
import { parse } from 'tldts';
import { memoize } from './memo.js';

const SCHEME = /^(h(?:tt|xx)ps?|f(?:t|x)p):\/\//i;
/** A dot or `@` not already inside brackets (`[.]`, `[@]`). */
const LIVE_DOT = /(?<!\[)\.(?!\])/g;
const LIVE_AT = /(?<!\[)@(?!\])/g;

/** True when `label` is a top-level name (`com`, `co`, `google`, `рф`): a client may link what ends there. */
const isTopLevel = memoize(
  (label: string): boolean => label !== '' && parse(`x.${label}`, { allowPrivateDomains: false }).isIcann === true,
);

/** Every live dot and `@` broken: for URLs, whose path and query may hold names and addresses anywhere. */
function defangAll(text: string): string {
  return text.replace(LIVE_DOT, '[.]').replace(LIVE_AT, '[@]');
}

/** A dotted name: each live dot before a top-level label broken; when none is, the last live dot (IPv4, odd names). */
function defangDotted(name: string): string {
  const parts = name.split(/(\[\.\]|\.)/);
  let broken = parts.includes('[.]');
  for (let i = 1; i < parts.length; i += 2) {
    if (parts[i] === '.' && isTopLevel((parts[i + 1] ?? '').toLowerCase())) {
      parts[i] = '[.]';
      broken = true;
    }
  }
  if (!broken) {
    const last = parts.lastIndexOf('.');
    if (last > 0) parts[last] = '[.]';
  }
  return parts.join('');
}

function defangHost(host: string): string {
  if (host.includes(':') && !host.includes('.')) {
    // IPv6: chat clients rarely link it, but break it anyway in a way that still reads well.
    if (host.includes('[:]')) return host;
    const last = host.lastIndexOf(':');
    return `${host.slice(0, last)}[:]${host.slice(last + 1)}`;
  }
  return defangDotted(host);
}

/**
 * Defangs a domain, IP, e-mail address or URL: `example[.]com`, `1.2.3[.]4`, `user[@]example[.]com`,
 * `hxxps://evil[.]com/x[.]php`, `evil[.]com/payload[.]exe`. Hashes and family names come back unchanged.
 */
export function defang(value: string): string {
  const scheme = SCHEME.exec(value);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    const safe = name.startsWith('f') ? 'fxp' : name.replace('tt', 'xx');
    return `${safe}://${defangAll(value.slice(scheme[0].length))}`;
  }
  // A host name (or a defanged one) followed by a path, query or fragment: `evil.com/x.exe`.
  const cut = value.search(/[/?#]/);
  const host = cut > 0 ? value.slice(0, cut) : '';
  if (host.includes('.') && !/[\s@]/.test(host)) return `${defangHost(host)}${defangAll(value.slice(cut))}`;
  // An e-mail address: the last `@`, live or already bracketed.
  const at = value.lastIndexOf('@');
  const bracketed = at > 0 && value[at - 1] === '[' && value[at + 1] === ']';
  const localEnd = bracketed ? at - 1 : at;
  if (localEnd > 0) {
    const local = defangDotted(value.slice(0, localEnd)).replace(LIVE_AT, '[@]');
    return `${local}[@]${defangHost(value.slice(bracketed ? at + 2 : at + 1))}`;
  }
  return defangHost(value);
}
