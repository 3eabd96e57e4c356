/** The ThreatCrowd lookup types (API endpoints). */
export const LOOKUP_TYPES = ['domain', 'ip', 'email', 'file', 'antivirus'] as const;
export type LookupType = (typeof LOOKUP_TYPES)[number];

/** Community verdict: -1 most voted malicious, 0 split, 1 most voted not malicious, null no votes. */
export type Votes = -1 | 0 | 1 | null;

export interface DomainResolution {
  readonly ip: string;
  /** `YYYY-MM-DD`, or null when unknown. */
  readonly lastResolved: string | null;
}

export interface IpResolution {
  readonly domain: string;
  readonly lastResolved: string | null;
}

/** One normalised report, whatever the era or oddities of the raw answer. */
export interface Report {
  readonly type: LookupType;
  readonly value: string;
  readonly found: boolean;
  readonly votes: Votes;
  readonly permalink: string | null;
  /** Newest first. Domain reports hold `{ip}`, IP reports `{domain}`. */
  readonly resolutions: ReadonlyArray<DomainResolution | IpResolution>;
  readonly hashes: readonly string[];
  readonly subdomains: readonly string[];
  readonly emails: readonly string[];
  readonly domains: readonly string[];
  readonly references: readonly string[];
  readonly scans: readonly string[];
  readonly md5: string | null;
  readonly sha1: string | null;
  readonly ips: readonly string[];
  /** True when served from cache because the provider failed. */
  readonly stale: boolean;
  /** When the provider answered (ISO time). */
  readonly fetchedAt: string;
  /** Which provider answered. */
  readonly source: string;
  /** True when the bundled ThreatCrowd simulator answered (recorded data, not the live service). */
  readonly simulated?: boolean;
  /** OTX: how many pulses mention it (null from ThreatCrowd). */
  readonly pulseCount?: number | null;
  /** OTX: validation and false-positive marks (allow-listed, known false positive). */
  readonly validation?: readonly string[];
}

/** A report with nothing in it, for `type`/`value`. */
export function emptyReport(type: LookupType, value: string, fetchedAt: string, source = 'threatcrowd'): Report {
  return {
    type,
    value,
    found: false,
    votes: null,
    permalink: null,
    resolutions: [],
    hashes: [],
    subdomains: [],
    emails: [],
    domains: [],
    references: [],
    scans: [],
    md5: null,
    sha1: null,
    ips: [],
    stale: false,
    fetchedAt,
    source,
  };
}
