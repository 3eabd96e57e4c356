/**
 * Defanging for output: every indicator the bot prints goes through here, so chat clients
 * never turn it into a live link or a mail link.
 */

const SCHEME = /^h(?:tt|xx)p(s?):\/\//i;
const ALREADY_DEFANGED = /\[\.\]|\[@\]|\[:\]/;

function defangHost(host: string): string {
  if (host.includes(':') && !host.includes('.')) {
    // IPv6: chat clients rarely link it, but break it anyway in a way that still reads well.
    const last = host.lastIndexOf(':');
    return `${host.slice(0, last)}[:]${host.slice(last + 1)}`;
  }
  const last = host.lastIndexOf('.');
  return last < 0 ? host : `${host.slice(0, last)}[.]${host.slice(last + 1)}`;
}

/**
 * Defangs a domain, IP, e-mail address or URL: `example[.]com`, `1.2.3[.]4`, `user[@]example[.]com`,
 * `hxxps://evil[.]com/x[.]php` (every dot of a URL). Hashes and family names come back unchanged. Already defanged text is left alone.
 */
export function defang(value: string): string {
  if (ALREADY_DEFANGED.test(value)) return value;
  const scheme = SCHEME.exec(value);
  if (scheme) {
    // A URL may carry indicators anywhere (host, path, query): break every dot and the userinfo.
    const rest = value.slice(scheme[0].length).replace(/\./g, '[.]').replace(/@/g, '[@]');
    return `hxxp${scheme[1]}://${rest}`;
  }
  const at = value.lastIndexOf('@');
  if (at > 0) return `${value.slice(0, at)}[@]${defangHost(value.slice(at + 1))}`;
  return defangHost(value);
}
