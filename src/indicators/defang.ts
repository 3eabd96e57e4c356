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
 * `hxxps://evil[.]com/x`. Hashes and family names come back unchanged. Already defanged text is left alone.
 */
export function defang(value: string): string {
  if (ALREADY_DEFANGED.test(value)) return value;
  const scheme = SCHEME.exec(value);
  if (scheme) {
    const rest = value.slice(scheme[0].length);
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const at = authority.lastIndexOf('@');
    const host = authority.slice(at + 1);
    const defangedAuthority = `${at >= 0 ? `${authority.slice(0, at)}[@]` : ''}${defangHost(host)}`;
    return `hxxp${scheme[1]}://${defangedAuthority}${end < 0 ? '' : rest.slice(end)}`;
  }
  const at = value.lastIndexOf('@');
  if (at > 0) return `${value.slice(0, at)}[@]${defangHost(value.slice(at + 1))}`;
  return defangHost(value);
}
