/** The words of a watch's messages: a change note (brief, every value defanged and safe) and the failure note. */
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Votes } from '../report/report.js';
import { displayTarget } from '../summary/display-target.js';
import { safeText } from '../summary/safe-text.js';
import type { Change, ListName } from './watch-diff.js';

/** Most items named per list in a note; the rest are counted. */
const ITEMS_SHOWN = 5;

const SOURCE_NAMES: Readonly<Record<string, string>> = { threatcrowd: 'ThreatCrowd', otx: 'AlienVault OTX' };
const LIST_WORDS: Record<ListName, [string, string]> = {
  resolutions: ['new resolution', 'new resolutions'],
  subdomains: ['new subdomain', 'new subdomains'],
  hashes: ['new hash', 'new hashes'],
};
const VERDICT_WORDS: Record<string, string> = { '-1': 'malicious', '0': 'split', '1': 'not malicious', null: 'no votes' };

export const sourceName = (source: string) => SOURCE_NAMES[source] ?? safeText(source, 40);
const verdictWord = (votes: Votes) => VERDICT_WORDS[String(votes)] ?? 'no votes';

function items(values: readonly string[]): string {
  const shown = values.slice(0, ITEMS_SHOWN).map((v) => safeText(v, 100));
  const more = values.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function changeLine(change: Change): string {
  switch (change.kind) {
    case 'known':
      return change.known ? `${sourceName(change.source)} now knows it` : `${sourceName(change.source)} no longer knows it`;
    case 'new-items': {
      const [one, many] = LIST_WORDS[change.list];
      return `${change.items.length} ${change.items.length === 1 ? one : many}: ${items(change.items)}`;
    }
    case 'verdict':
      return `crowd verdict: ${verdictWord(change.before)} → ${verdictWord(change.after)}`;
    case 'feed':
      return change.onFeed ? "now on ThreatCrowd's malicious feed" : "no longer on ThreatCrowd's malicious feed";
  }
}

/** "Watched aoldaily[.]com changed: …", one line per change. */
export function changeNote(target: LookupTarget, changes: readonly Change[]): string {
  return [`🔔 Watched ${displayTarget(target)} changed:`, ...changes.map((c) => `• ${changeLine(c)}`)].join('\n');
}

/** Said once when re-checks keep failing (an upstream failure is not a change). */
export function failureNote(target: LookupTarget, failures: number): string {
  return `⚠️ Could not re-check watched ${displayTarget(target)} ${failures} times in a row (upstream unavailable); I keep trying and will say what changed once it answers.`;
}
