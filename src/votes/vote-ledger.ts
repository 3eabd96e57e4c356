/**
 * Where votes are kept. One key per indicator holds every person's vote on it *and* whether it waits for
 * delivery, so a vote is counted and queued in one atomic write. The outbox index (one key listing entries
 * to check) is written before that key and pruned after it: a failure between the two leaves an index entry
 * with nothing pending, which delivery drops, never a counted vote that nobody will deliver.
 */
import type Keyv from 'keyv';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Coordination } from '../store/coordination.js';

export interface VoterState {
  /** The person's current vote, null once retracted. */
  current: boolean | null;
  /** What ThreatCrowd already has from this person, null if nothing yet. */
  delivered: boolean | null;
  /** What waits for delivery, null if nothing. */
  pending: boolean | null;
  attempts: number;
  nextAttemptAt: number;
}

export type IndicatorVotes = Record<string, VoterState>;

/** One outbox entry: a person's pending vote on one indicator. */
export interface OutboxEntry {
  readonly id: string;
  readonly who: string;
  readonly target: LookupTarget;
}

const OUTBOX = 'outbox';
export const indicatorKey = (t: LookupTarget) => `votes:${t.type}:${t.value}`;
export const voterKey = (platform: string, userId: string) => `${platform}:${userId}`;
export const entryId = (who: string, t: LookupTarget) => `${who}|${t.type}|${t.value}`;

export function parseEntry(id: string): OutboxEntry {
  const [who = '', type = '', ...rest] = id.split('|');
  return { id, who, target: { type, value: rest.join('|') } as LookupTarget };
}

export class VoteLedger {
  constructor(
    private readonly keyv: Keyv,
    private readonly coordination: Coordination,
  ) {}

  /** Runs `work` under the indicator's lock: read-modify-write steps on its votes never interleave, here or across replicas. */
  locked<T>(target: LookupTarget, work: () => Promise<T>): Promise<T> {
    return this.coordination.withLock(indicatorKey(target), work);
  }

  async read(target: LookupTarget): Promise<IndicatorVotes> {
    return ((await this.keyv.get(indicatorKey(target))) as IndicatorVotes | undefined) ?? {};
  }

  /**
   * Writes one indicator's votes (call it under that indicator's lock). The index gains `id` before the write
   * when the entry becomes pending, and loses it after the write when it no longer is.
   */
  async write(target: LookupTarget, votes: IndicatorVotes, id: string, pending: boolean): Promise<void> {
    if (pending) await this.index(id, true);
    await this.keyv.set(indicatorKey(target), votes);
    if (!pending) await this.index(id, false);
  }

  /** Every entry id in the outbox index (some may have nothing pending any more). */
  async ids(): Promise<string[]> {
    return ((await this.keyv.get(OUTBOX)) as string[] | undefined) ?? [];
  }

  /** Entries that really wait: the index, checked against each indicator's key. */
  async pendingCount(): Promise<number> {
    const byIndicator = new Map<string, OutboxEntry[]>();
    for (const entry of (await this.ids()).map(parseEntry)) {
      const key = indicatorKey(entry.target);
      byIndicator.set(key, [...(byIndicator.get(key) ?? []), entry]);
    }
    let count = 0;
    for (const entries of byIndicator.values()) {
      const first = entries[0];
      if (!first) continue;
      const votes = await this.read(first.target);
      for (const e of entries) if (votes[e.who]?.pending != null) count++;
    }
    return count;
  }

  /** Drops an index entry whose indicator has nothing pending for that person (repair after a failed write). */
  async dropIfStale(entry: OutboxEntry): Promise<void> {
    const state = (await this.read(entry.target))[entry.who];
    if (!state || state.pending === null) await this.index(entry.id, false);
  }

  private index(id: string, present: boolean): Promise<void> {
    return this.coordination.withLock(OUTBOX, async () => {
      const ids = await this.ids();
      if (present === ids.includes(id)) return;
      await this.keyv.set(OUTBOX, present ? [...ids, id] : ids.filter((x) => x !== id));
    });
  }
}
