/**
 * ThreatCrowd permalinks and OTX indicator pages → the command text that looks them up, for `link_shared`
 * unfurls. Pure.
 */

const THREATCROWD: Array<[RegExp, string, string]> = [
  [/\/domain\.php$/i, 'domain', 'domain'],
  [/\/ip\.php$/i, 'ip', 'ip'],
  [/\/email\.php$/i, 'email', 'email'],
  [/\/malware\.php$/i, 'md5', 'file'],
  [/\/listMalware\.php$/i, 'antivirus', 'av'],
];
const OTX = /^\/indicator\/(domain|hostname|ip|IPv4|IPv6|file|email)\/([^/?#]+)/i;
const OTX_TYPES: Record<string, string> = {
  domain: 'domain',
  hostname: 'domain',
  ip: 'ip',
  ipv4: 'ip',
  ipv6: 'ip',
  file: 'file',
  email: 'email',
};

/** The `/threatcrowd` command text for a link Slack asked us to unfurl, or null when it is not one of ours. */
export function unfurlCommand(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (host === 'threatcrowd.org' || host.endsWith('.threatcrowd.org')) {
    for (const [path, param, type] of THREATCROWD) {
      const value = url.searchParams.get(param);
      if (path.test(url.pathname) && value) return `${type} "${value.replace(/"/g, '')}"`;
    }
    return null;
  }
  if (host === 'otx.alienvault.com') {
    const match = OTX.exec(url.pathname);
    const type = match ? OTX_TYPES[(match[1] ?? '').toLowerCase()] : undefined;
    const value = match ? decodedOrNull(match[2] ?? '') : null;
    if (type && value) return `${type} "${value.replace(/"/g, '')}"`;
  }
  return null;
}

/** A percent-decoded path segment, or null when it is malformed (`%E0%A4%A`): that link is skipped, not the event. */
function decodedOrNull(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
