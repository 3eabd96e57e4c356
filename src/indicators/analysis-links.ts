/**
 * Links to analysis sites carry the indicator in their path or query (`virustotal.com/gui/file/<sha256>`):
 * a person who pastes one wants that indicator looked up, not the site. One row per site; a pattern
 * matches the part of the link after the host (path, query and fragment) and captures the value.
 */

/** An analysis site: the host names it answers on (subdomains included) and where its links hold a value. */
export interface AnalysisSite {
  readonly name: string;
  readonly hosts: readonly string[];
  readonly patterns: readonly RegExp[];
}

const SEGMENT = '([^/?#&]{3,300})';
const QUERY_VALUE = '([^&#]{3,300})';

export const ANALYSIS_SITES: readonly AnalysisSite[] = [
  {
    name: 'VirusTotal',
    hosts: ['virustotal.com'],
    patterns: [new RegExp(`^/(?:gui/|#/|en/)?(?:file|ip-address|domain)/${SEGMENT}`, 'i')],
  },
  {
    name: 'urlscan.io',
    hosts: ['urlscan.io'],
    patterns: [new RegExp(`^/(?:domain|ip)/${SEGMENT}`, 'i'), new RegExp(`^/search/?#(?:page\\.)?(?:domain|ip|hash):${QUERY_VALUE}`, 'i')],
  },
  {
    name: 'AlienVault OTX',
    hosts: ['otx.alienvault.com'],
    patterns: [new RegExp(`^/(?:indicator|api/v1/indicators)/(?:domain|hostname|ip|ipv4|ipv6|IPv4|IPv6|file|email)/${SEGMENT}`, 'i')],
  },
  {
    name: 'MalwareBazaar',
    hosts: ['bazaar.abuse.ch'],
    patterns: [
      new RegExp(`^/sample/${SEGMENT}`, 'i'),
      new RegExp(`^/browse\\.php\\?search=(?:md5|sha1|sha256|sha256_hash)(?::|%3A)${QUERY_VALUE}`, 'i'),
    ],
  },
  {
    name: 'URLhaus',
    hosts: ['urlhaus.abuse.ch'],
    patterns: [new RegExp(`^/host/${SEGMENT}`, 'i'), new RegExp(`^/browse\\.php\\?search=${QUERY_VALUE}`, 'i')],
  },
  {
    name: 'ThreatFox',
    hosts: ['threatfox.abuse.ch'],
    patterns: [new RegExp(`^/browse\\.php\\?search=ioc(?::|%3A)${QUERY_VALUE}`, 'i')],
  },
  {
    name: 'Shodan',
    hosts: ['shodan.io'],
    patterns: [new RegExp(`^/(?:host|domain)/${SEGMENT}`, 'i')],
  },
  {
    name: 'AbuseIPDB',
    hosts: ['abuseipdb.com'],
    patterns: [new RegExp(`^/(?:check|whois)/${SEGMENT}`, 'i')],
  },
  {
    name: 'ThreatCrowd',
    hosts: ['threatcrowd.org'],
    patterns: [
      new RegExp(`^/(?:domain|ip|email|malware)\\.php\\?(?:domain|ip|email|md5|hash)=${QUERY_VALUE}`, 'i'),
      new RegExp(`^/searchApi/v2/(?:domain|ip|email|file)/report/?\\?(?:domain|ip|email|resource)=${QUERY_VALUE}`, 'i'),
    ],
  },
];

function siteFor(host: string): AnalysisSite | undefined {
  return ANALYSIS_SITES.find((site) => site.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a malformed escape: the value as written
  }
}

/** The value an analysis-site link points at (`/gui/file/<hash>` → the hash), or null for any other link. */
export function analysisLinkValue(host: string, afterHost: string): string | null {
  const site = siteFor(host.toLowerCase());
  if (!site) return null;
  for (const pattern of site.patterns) {
    const value = pattern.exec(afterHost)?.[1];
    if (value) return decoded(value);
  }
  return null;
}
