/** From a normalised report (and where it came from), the summary every renderer shows. */
import type { AnswerSource } from '../cache/cached-lookup.js';
import { defang } from '../indicators/defang.js';
import type { DomainResolution, IpResolution, Report } from '../report/report.js';
import { formatAge } from './age.js';
import { displayTarget } from './display-target.js';
import { trustedPermalink } from './permalink.js';
import { safeText } from './safe-text.js';
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

/** Longest item of a list, and most validation names named in OTX's verdict line. */
const ITEM_MAX = 200;
const VALIDATIONS_SHOWN = 3;

const PROVIDER_NAMES: Record<string, string> = {
  threatcrowd: 'ThreatCrowd',
  otx: 'AlienVault OTX',
  'threatcrowd-feed': "ThreatCrowd's crowd feed",
};

/** The first `limit` items, each made safe (only those shown pay for it: an answer may list 10,000). */
function section<T>(title: string, all: readonly T[], limit: number, show: (item: T) => string): SummarySection | null {
  if (all.length === 0) return null;
  return { title, items: all.slice(0, limit).map(show), total: all.length };
}

/** An upstream indicator for display: cut first (an answer may hold a 10 MB string), then defanged and made safe. */
const shown = (text: string) => safeText(defang(text.slice(0, ITEM_MAX * 4)), ITEM_MAX);

function resolutionText(r: DomainResolution | IpResolution): string {
  const target = 'ip' in r ? r.ip : r.domain;
  return `${shown(target)} (${r.lastResolved ?? 'date unknown'})`;
}

/** OTX's validation names are upstream text: each made safe and short, a few named, the rest counted. */
function validationNames(validation: readonly string[]): string[] {
  const names = validation.slice(0, VALIDATIONS_SHOWN).map((v) => safeText(v, 60));
  return validation.length > VALIDATIONS_SHOWN ? [...names, `+${validation.length - VALIDATIONS_SHOWN} more`] : names;
}

function verdict(report: Report, onFeed: boolean) {
  const base =
    report.source === 'otx'
      ? verdictFromOtx(report.pulseCount ?? 0, validationNames(report.validation ?? []), report.found)
      : verdictFromVotes(report.votes, report.found, report.type === 'domain' || report.type === 'ip');
  // The feed is built from crowd votes: with nothing more specific to say, it is the verdict.
  return onFeed && (base.tone === 'none' || base.tone === 'unknown') ? { tone: 'malicious' as const, text: FEED_FLAG } : base;
}

export function buildSummary(report: Report, options: SummaryOptions = {}): Summary {
  const limit = options.itemsPerList ?? 5;
  const now = options.now ?? Date.now();
  const source = `${PROVIDER_NAMES[report.source] ?? report.source}${report.simulated ? ' simulator' : ''}`;
  const age = formatAge(now - Date.parse(report.fetchedAt));
  const from = report.stale ? 'stale' : (options.from ?? 'upstream');
  const freshness =
    from === 'stale'
      ? `stale: ${options.staleReason ?? `${source} unreachable`}, answer from ${age} ago`
      : from === 'cache'
        ? `cached ${age} ago`
        : null;
  const facts = [
    ...(report.md5 ? [{ label: 'MD5', value: safeText(report.md5, 128) }] : []),
    ...(report.sha1 ? [{ label: 'SHA1', value: safeText(report.sha1, 128) }] : []),
  ];
  const free = (text: string) => safeText(text, ITEM_MAX);
  const sections = [
    section('Resolutions', report.resolutions, limit, resolutionText),
    section('Subdomains', report.subdomains, limit, shown),
    section('Hashes', report.hashes, limit, free),
    section('E-mails', report.emails, limit, shown),
    section('Domains', report.domains, limit, shown),
    section('IPs', report.ips, limit, shown),
    section('AV detections', report.scans, limit, free),
    section('References', report.references, limit, shown),
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
    permalink: trustedPermalink(report),
    source,
    freshness,
    stale: from === 'stale',
    team: options.team ?? null,
  };
}
