/**
 * What a watch remembers of an answer (a snapshot) and what changed between two of them: new resolutions,
 * subdomains or hashes, a changed crowd verdict, a provider starting or stopping to know the indicator.
 * Snapshots are compared only with the last one from the same provider, so an answer from the fallback
 * provider (ThreatCrowd down, OTX answered) is never mistaken for a change.
 */
import { canonicalIPv4, canonicalIPv6 } from '../indicators/ip.js';
import type { Report, Votes } from '../report/report.js';

/**
 * Most items of each list kept per snapshot: bounds the store whatever upstream sends. The list is kept sorted,
 * so the same items in another order are the same snapshot; of a longer list, the first items in that order.
 */
export const SNAPSHOT_LIST_MAX = 2000;

export interface Snapshot {
  readonly found: boolean;
  readonly votes: Votes;
  readonly resolutions: readonly string[];
  readonly subdomains: readonly string[];
  readonly hashes: readonly string[];
  /** The lists that were longer than the cap, so cut (kept since lists are sorted; older snapshots lack it). */
  readonly cut?: readonly ListName[];
}

export type ListName = 'resolutions' | 'subdomains' | 'hashes';
export const LIST_NAMES: readonly ListName[] = ['resolutions', 'subdomains', 'hashes'];

export type Change =
  | { readonly kind: 'known'; readonly source: string; readonly known: boolean }
  | { readonly kind: 'new-items'; readonly list: ListName; readonly items: readonly string[] }
  | { readonly kind: 'verdict'; readonly before: Votes; readonly after: Votes }
  | { readonly kind: 'feed'; readonly onFeed: boolean };

/** The distinct items of a list, lower case and sorted. */
const sortedUnique = (values: readonly string[]) => [...new Set(values.map((v) => v.toLowerCase()))].sort();

/** An address in one notation whatever upstream wrote (`2001:0db8::0001` and `2001:db8::1` are one address). */
const oneNotation = (ip: string) => canonicalIPv4(ip) ?? canonicalIPv6(ip) ?? ip;

const isSorted = (values: readonly string[]) => values.every((v, i) => i === 0 || (values[i - 1] as string) <= v);

/**
 * Items of `after` not in `before`. When `before` was cut at the cap, only items up to the last one it kept can be
 * judged (anything past it may have been there unseen): those are not reported, rather than reported falsely. A
 * snapshot kept before lists were sorted, and full, cannot be judged at all this once.
 */
function newItems(before: Snapshot, after: Snapshot, list: ListName): string[] {
  const kept = before[list];
  const seen = new Set(kept);
  let judged = (_item: string) => true;
  const legacy = before.cut === undefined;
  if (legacy ? kept.length >= SNAPSHOT_LIST_MAX : before.cut?.includes(list)) {
    const last = kept.at(-1) ?? '';
    judged = legacy && !isSorted(kept) ? () => false : (item) => item <= last;
  }
  return after[list].filter((item) => !seen.has(item) && judged(item));
}

/** The parts of a report a watch compares. */
export function snapshotOf(report: Report): Snapshot {
  const lists: Record<ListName, readonly string[]> = {
    resolutions: sortedUnique(report.resolutions.map((r) => ('ip' in r ? oneNotation(r.ip) : r.domain))),
    subdomains: sortedUnique(report.subdomains),
    hashes: sortedUnique(report.hashes),
  };
  return {
    found: report.found,
    votes: report.votes,
    resolutions: lists.resolutions.slice(0, SNAPSHOT_LIST_MAX),
    subdomains: lists.subdomains.slice(0, SNAPSHOT_LIST_MAX),
    hashes: lists.hashes.slice(0, SNAPSHOT_LIST_MAX),
    cut: LIST_NAMES.filter((list) => lists[list].length > SNAPSHOT_LIST_MAX),
  };
}

/** The changes from `before` to `after` (both from one provider); empty when nothing changed. */
export function diffSnapshots(source: string, before: Snapshot, after: Snapshot): Change[] {
  const changes: Change[] = [];
  if (before.found !== after.found) changes.push({ kind: 'known', source, known: after.found });
  for (const list of LIST_NAMES) {
    const items = newItems(before, after, list);
    if (items.length > 0) changes.push({ kind: 'new-items', list, items });
  }
  if (before.found && after.found && before.votes !== after.votes)
    changes.push({ kind: 'verdict', before: before.votes, after: after.votes });
  return changes;
}

/** What changed since the last answers kept (per provider, and the feed), and the snapshot of this answer to keep. */
export function changesSince(
  last: { readonly snapshots: Readonly<Record<string, Snapshot>>; readonly onFeed: boolean | null },
  report: Report,
  onFeed: boolean | null,
): { snapshot: Snapshot; changes: Change[] } {
  const snapshot = snapshotOf(report);
  const before = last.snapshots[report.source];
  const changes = before ? diffSnapshots(report.source, before, snapshot) : [];
  if (onFeed !== null && last.onFeed !== null && onFeed !== last.onFeed) changes.push({ kind: 'feed', onFeed });
  return { snapshot, changes };
}
