/**
 * The platform-neutral summary of one report: what every renderer shows. Every string from upstream in it
 * has been through the safe-text rule (defanged, no control or bidi characters, bounded); renderers still
 * escape it for their platform and keep their limits.
 */
import type { LookupType } from '../report/report.js';
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
  /** The provider's page, built by the bot from its own templates (src/summary/permalink.ts), never taken from an answer. */
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
