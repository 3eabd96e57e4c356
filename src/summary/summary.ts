/**
 * The platform-neutral summary of one report: what every renderer shows. Every indicator in it is
 * already defanged; every string is still untrusted text that renderers must escape.
 */
import type { LookupType } from '../threatcrowd/report.js';
import type { Verdict } from './verdict.js';

export interface SummarySection {
  readonly title: string;
  /** The newest few items, defanged, unescaped. */
  readonly items: readonly string[];
  /** How many there are in all (items.length + the "+N more"). */
  readonly total: number;
}

export interface TeamTally {
  readonly malicious: number;
  readonly safe: number;
}

export interface Summary {
  readonly type: LookupType;
  /** Canonical value (not for display). */
  readonly value: string;
  /** Defanged value, for display. */
  readonly display: string;
  readonly found: boolean;
  readonly verdict: Verdict;
  /** Short flags shown with the verdict: "on ThreatCrowd's malicious feed". */
  readonly flags: readonly string[];
  readonly facts: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  readonly sections: readonly SummarySection[];
  /** The provider's page, only when it is a well-formed http(s) URL. */
  readonly permalink: string | null;
  /** "ThreatCrowd" or another provider's name. */
  readonly source: string;
  /** "cached 2 h ago", "stale: ThreatCrowd unreachable, answer from 3 d ago", or null for a fresh answer. */
  readonly freshness: string | null;
  readonly stale: boolean;
  readonly team: TeamTally | null;
}

export const TYPE_LABELS: Record<LookupType, string> = {
  domain: 'Domain',
  ip: 'IP address',
  email: 'E-mail address',
  file: 'File hash',
  antivirus: 'Antivirus family',
};
