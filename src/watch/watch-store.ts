/**
 * Where watches live: one record per watch (what to re-check, where to post, the last answers) and one index
 * of every watch with its channel and owner, so limits are counted without reading every record. Changes to
 * the index happen under one lock and changes to a record under its own, here or across replicas.
 */
import type Keyv from 'keyv';
import { channelKey } from '../core/invocation.js';
import type { Place } from '../core/outbound.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Coordination } from '../store/coordination.js';
import type { Snapshot } from './watch-diff.js';

/** What the index holds about each watch. */
export interface WatchEntry {
  /** The channel's key (`channelKey`). */
  readonly channel: string;
  /** Who set it (`platform:team:user`). */
  readonly owner: string;
}

export interface WatchRecord {
  readonly id: string;
  readonly target: LookupTarget;
  readonly place: Place;
  readonly owner: string;
  readonly createdAt: number;
  readonly nextCheckAt: number;
  readonly lastCheckedAt: number | null;
  /** The last answer of each provider that answered (`threatcrowd`, `otx`). */
  readonly snapshots: Readonly<Record<string, Snapshot>>;
  /** On ThreatCrowd's malicious feed at the last check (null: not known yet). */
  readonly onFeed: boolean | null;
  /** Re-checks that failed in a row. */
  readonly failures: number;
  /** The failure note was posted for this run of failures. */
  readonly failureNoticed: boolean;
  /** Notes saved with the answer they are about and not posted yet (the platform failed, or the process stopped). */
  readonly pendingNotes?: readonly string[];
  /** Failed attempts to post them, and when to try again. */
  readonly noteAttempts?: number;
  readonly noteRetryAt?: number;
}

const INDEX = 'index';
const INDEX_LOCK = 'watchlist-index';

/** A watch is one indicator in one channel: watching it again there changes nothing. */
export function watchId(place: Place, target: LookupTarget): string {
  return `${channelKey(place)}|${target.type}|${target.value}`;
}

export class WatchStore {
  constructor(
    private readonly keyv: Keyv,
    private readonly coordination: Coordination,
  ) {}

  async index(): Promise<Record<string, WatchEntry>> {
    return ((await this.keyv.get(INDEX)) as Record<string, WatchEntry> | undefined) ?? {};
  }

  async get(id: string): Promise<WatchRecord | undefined> {
    return (await this.keyv.get(`watch:${id}`)) as WatchRecord | undefined;
  }

  /**
   * Adds `record` unless it exists or `refusal(index)` gives a reason: the limits are checked and the watch
   * written under one lock, so two replicas never both take the last place in the budget.
   */
  add(record: WatchRecord, refusal: (index: Readonly<Record<string, WatchEntry>>) => string | null): Promise<'added' | 'exists' | string> {
    return this.coordination.withLock(INDEX_LOCK, async () => {
      const index = await this.index();
      if (index[record.id]) return 'exists';
      const reason = refusal(index);
      if (reason) return reason;
      await this.keyv.set(`watch:${record.id}`, record);
      await this.keyv.set(INDEX, { ...index, [record.id]: { channel: channelKey(record.place), owner: record.owner } });
      return 'added';
    });
  }

  /** Removes a watch; false when there was none. */
  remove(id: string): Promise<boolean> {
    return this.coordination.withLock(INDEX_LOCK, async () => {
      const index = await this.index();
      if (!index[id]) return false;
      const { [id]: _gone, ...rest } = index;
      await this.keyv.set(INDEX, rest);
      await this.coordination.withLock(`watch:${id}`, () => this.keyv.delete(`watch:${id}`));
      return true;
    });
  }

  /** Rewrites a record if it still exists (an unwatch in the meantime wins); resolves to the new record. */
  update(id: string, change: (record: WatchRecord) => WatchRecord): Promise<WatchRecord | undefined> {
    return this.coordination.withLock(`watch:${id}`, async () => {
      const record = await this.get(id);
      if (!record) return undefined;
      const next = change(record);
      await this.keyv.set(`watch:${id}`, next);
      return next;
    });
  }
}
