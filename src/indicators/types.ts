/** The kinds of indicator the detector recognises. */
export type IndicatorType = 'domain' | 'ipv4' | 'ipv6' | 'email' | 'md5' | 'sha1' | 'sha256';

/** One indicator found in text, in canonical form. */
export interface Indicator {
  readonly type: IndicatorType;
  /** Canonical value: lower-case domains, e-mails and hashes; IPv4 without leading zeros; RFC 5952 IPv6. */
  readonly value: string;
  /** True when the text wrote it defanged (`evil[.]com`, `hxxp://`, `[at]`). */
  readonly defanged: boolean;
}

/** Why a candidate was found but must never be sent upstream. */
export type SkipReason =
  | 'private-ip'
  | 'loopback-ip'
  | 'link-local-ip'
  | 'cgnat-ip'
  | 'multicast-ip'
  | 'documentation-ip'
  | 'reserved-ip'
  | 'reserved-name'
  | 'ignored-domain';

/** An indicator that was recognised but is not to be looked up. */
export interface SkippedIndicator extends Indicator {
  readonly reason: SkipReason;
}

/** Options for detection. */
export interface DetectOptions {
  /** Domains (and their subdomains) that belong to the organisation and are never looked up. @default [] */
  readonly ignoreDomains?: readonly string[];
  /** Longest message considered; longer text is cut at a word boundary. @default 40000 */
  readonly maxLength?: number;
  /**
   * `chat` applies the rules against names that only look like domains (`main.py`, `user.name`);
   * `command` trusts a value a person typed to the bot on purpose. @default 'chat'
   */
  readonly context?: 'chat' | 'command';
}

/** Everything the detector saw in one text. */
export interface ScanResult {
  readonly indicators: Indicator[];
  readonly skipped: SkippedIndicator[];
}
