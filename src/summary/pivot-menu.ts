/**
 * The "Look up related…" menu of a summary: which related indicators a person can pivot to, grouped by kind,
 * newest first within each group, at most `MAX_PIVOTS` in all. Only values that are valid indicators of
 * their kind and pass the same privacy rules as detection are offered (no private, reserved or
 * `IGNORE_DOMAINS` value), each labelled defanged. Platform-neutral: each adapter renders it within its limits.
 */
import { type LookupTarget, resolveTarget } from '../lookup/resolve-target.js';
import type { LookupType, Report } from '../report/report.js';
import { displayTarget } from './display-target.js';
import { encodePivot } from './pivot-value.js';

/** Most options in one menu (Slack's static_select allows 100). */
export const MAX_PIVOTS = 100;
/** Values examined per list: an answer may list 10,000 subdomains, and only the first few can be shown. */
const EXAMINED_PER_LIST = 2 * MAX_PIVOTS;

export interface PivotOption {
  readonly target: LookupTarget;
  /** Defanged and safe (not yet escaped for a platform). */
  readonly label: string;
  /** A short detail, e.g. `last resolved 2013-12-27`. */
  readonly detail: string | null;
  /** What the option carries back to the bot (`d:evil.com`); decoded and validated again on the way in. */
  readonly value: string;
}

export interface PivotGroup {
  /** `Resolutions`, `Subdomains`, `Hashes`, `E-mails`, `Domains`, `IPs`. */
  readonly title: string;
  readonly options: readonly PivotOption[];
}

export interface PivotMenu {
  /** The indicator whose summary carries the menu: the breadcrumb of every pivot from it. */
  readonly from: LookupTarget;
  readonly groups: readonly PivotGroup[];
}

interface Candidate {
  readonly raw: string;
  readonly type: LookupType;
  readonly detail: string | null;
}

function candidates(report: Report): Array<[string, Candidate[]]> {
  const resolutions = report.resolutions.slice(0, EXAMINED_PER_LIST).map((r) => ({
    raw: 'ip' in r ? r.ip : r.domain,
    type: ('ip' in r ? 'ip' : 'domain') as LookupType,
    detail: r.lastResolved ? `last resolved ${r.lastResolved}` : null,
  }));
  const list = (values: readonly string[], type: LookupType) =>
    values.slice(0, EXAMINED_PER_LIST).map((raw) => ({ raw, type, detail: null }));
  return [
    ['Resolutions', resolutions],
    ['Subdomains', list(report.subdomains, 'domain')],
    ['Hashes', list(report.hashes, 'file')],
    ['E-mails', list(report.emails, 'email')],
    ['Domains', list(report.domains, 'domain')],
    ['IPs', list(report.ips, 'ip')],
  ];
}

/** The candidate as a lookup, or null when it is not a valid value of its kind or must never go upstream. */
function shareable(candidate: Candidate, ignoreDomains: readonly string[]): LookupTarget | null {
  // Longer than any valid value: dropped, never cut into one (a cut could name another indicator).
  if (candidate.raw.length > 300) return null;
  try {
    return resolveTarget(candidate.raw, candidate.type, ignoreDomains);
  } catch {
    return null;
  }
}

/**
 * Takes options from the groups in turns (each group keeps its order, newest first), so a long list of
 * resolutions leaves room for the hashes and e-mails; returns at most `max`, still grouped.
 */
export function fairShare(groups: readonly PivotGroup[], max: number): PivotGroup[] {
  const taken = groups.map(() => 0);
  let left = max;
  for (let round = 0; left > 0; round++) {
    let any = false;
    groups.forEach((group, i) => {
      if (left > 0 && group.options.length > round) {
        taken[i] = (taken[i] ?? 0) + 1;
        left--;
        any = true;
      }
    });
    if (!any) break;
  }
  return groups.map((g, i) => ({ title: g.title, options: g.options.slice(0, taken[i]) })).filter((g) => g.options.length > 0);
}

/** The menu for a report's related indicators, or null when there is nothing to pivot to. */
export function buildPivotMenu(report: Report, ignoreDomains: readonly string[]): PivotMenu | null {
  const seen = new Set<string>([`${report.type}:${report.value}`]);
  const groups: PivotGroup[] = [];
  for (const [title, list] of candidates(report)) {
    const options: PivotOption[] = [];
    for (const candidate of list) {
      if (options.length >= MAX_PIVOTS) break;
      const target = shareable(candidate, ignoreDomains);
      if (!target || seen.has(`${target.type}:${target.value}`)) continue;
      seen.add(`${target.type}:${target.value}`);
      options.push({ target, label: displayTarget(target), detail: candidate.detail, value: encodePivot(target) });
    }
    if (options.length > 0) groups.push({ title, options });
  }
  if (groups.length === 0) return null;
  return { from: { type: report.type, value: report.value }, groups: fairShare(groups, MAX_PIVOTS) };
}
