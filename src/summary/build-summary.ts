/** From a normalised report (and where it came from), the summary every renderer shows. */
import type { AnswerSource } from '../cache/cached-lookup.js';
import { defang } from '../indicators/defang.js';
import type { DomainResolution, IpResolution, Report } from '../threatcrowd/report.js';
import { formatAge } from './age.js';
import { displayTarget } from './display-target.js';
import type { Summary, SummarySection, TeamTally } from './summary.js';
import { verdictFromOtx, verdictFromVotes } from './verdict.js';

export interface SummaryOptions {
  /** Items shown per list before "+N more". @default 5 */
  readonly itemsPerList?: number;
  readonly from?: AnswerSource;
  /** Why a stale answer was served, e.g. "ThreatCrowd unreachable". */
  readonly staleReason?: string;
  readonly team?: TeamTally | null;
  /** @default Date.now() */
  readonly now?: number;
  /** The value is on ThreatCrowd's malicious feed. */
  readonly onFeed?: boolean;
}

export const FEED_FLAG = "on ThreatCrowd's malicious feed";

/** A well-formed provider page URL; anything odd (a broken or hostile answer) is dropped rather than linked. */
const PAGE_URL = /^https?:\/\/[\w.-]{1,253}(?::\d{1,5})?\/[\w./?=&%@:+-]{0,1500}$/;

const PROVIDER_NAMES: Record<string, string> = {
  threatcrowd: 'ThreatCrowd',
  otx: 'AlienVault OTX',
  'threatcrowd-feed': "ThreatCrowd's crowd feed",
};

function section(title: string, all: readonly string[], limit: number): SummarySection | null {
  if (all.length === 0) return null;
  return { title, items: all.slice(0, limit), total: all.length };
}

function resolutionText(r: DomainResolution | IpResolution): string {
  const target = 'ip' in r ? r.ip : r.domain;
  return `${defang(target)} (${r.lastResolved ?? 'date unknown'})`;
}

function verdict(report: Report, onFeed: boolean) {
  const base =
    report.source === 'otx'
      ? verdictFromOtx(report.pulseCount ?? 0, report.validation ?? [], report.found)
      : verdictFromVotes(report.votes, report.found, report.type === 'domain' || report.type === 'ip');
  // The feed is built from crowd votes: with nothing more specific to say, it is the verdict.
  return onFeed && (base.tone === 'none' || base.tone === 'unknown') ? { tone: 'malicious' as const, text: FEED_FLAG } : base;
}

export function buildSummary(report: Report, options: SummaryOptions = {}): Summary {
  const limit = options.itemsPerList ?? 5;
  const now = options.now ?? Date.now();
  const source = PROVIDER_NAMES[report.source] ?? report.source;
  const age = formatAge(now - Date.parse(report.fetchedAt));
  const from = report.stale ? 'stale' : (options.from ?? 'upstream');
  const freshness =
    from === 'stale'
      ? `stale: ${options.staleReason ?? `${source} unreachable`}, answer from ${age} ago`
      : from === 'cache'
        ? `cached ${age} ago`
        : null;
  const facts = [
    ...(report.md5 ? [{ label: 'MD5', value: report.md5 }] : []),
    ...(report.sha1 ? [{ label: 'SHA1', value: report.sha1 }] : []),
  ];
  const sections = [
    section('Resolutions', report.resolutions.map(resolutionText), limit),
    section('Subdomains', report.subdomains.map(defang), limit),
    section('Hashes', report.hashes, limit),
    section('E-mails', report.emails.map(defang), limit),
    section('Domains', report.domains.map(defang), limit),
    section('IPs', report.ips.map(defang), limit),
    section('AV detections', report.scans, limit),
    section('References', report.references.map(defang), limit),
  ].filter((s): s is SummarySection => s !== null);
  return {
    type: report.type,
    value: report.value,
    display: displayTarget(report),
    found: report.found,
    verdict: verdict(report, options.onFeed ?? false),
    flags: options.onFeed ? [FEED_FLAG] : [],
    facts,
    sections,
    permalink: report.permalink && PAGE_URL.test(report.permalink) ? report.permalink : null,
    source,
    freshness,
    stale: from === 'stale',
    team: options.team ?? null,
  };
}
