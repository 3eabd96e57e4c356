/**
 * A watch's notes are saved with the answer they are about, then posted: a platform that fails (or a process
 * that stops between the two) delays a note, never loses it. At least once: a crash right after a post may
 * post that note again. A place that keeps refusing is tried with growing pauses, then given up on.
 */
import type { OutboundRouter } from '../core/outbound.js';
import type { Reply } from '../core/reply.js';
import type { Logger } from '../observability/logger.js';
import type { WatchRecord, WatchStore } from './watch-store.js';

/** Notes kept per watch at most (the newest); one a round is the most a watch makes, so only a long refusal fills it. */
export const MAX_PENDING_NOTES = 10;
/** Attempts before the notes are given up on: the pauses double from a minute to an hour, about five hours in all. */
export const MAX_NOTE_ATTEMPTS = 10;
const LONGEST_RETRY_MS = 3_600_000;

const notice = (text: string): Reply => ({ kind: 'notice', visibility: 'public', text });

/** Posts one note now, not kept if it fails (the note of a watch that has ended). */
export async function postOnce(
  record: WatchRecord,
  text: string,
  { outbound, logger }: Pick<NoteDelivery, 'outbound' | 'logger'>,
): Promise<void> {
  await outbound.post(record.place, [notice(text)]).catch((error: unknown) => {
    logger.warn({ err: error, platform: record.place.platform }, 'could not post a watch note');
  });
}

/**
 * `record` with `notes` added to those waiting to be posted, in order. Only a note equal to the last one waiting
 * is left out: an answer that went back and forth must end on the note that says where it is now.
 */
export function withNotes(record: WatchRecord, notes: readonly string[]): WatchRecord {
  if (notes.length === 0) return record;
  const pending = [...(record.pendingNotes ?? [])];
  for (const note of notes) if (pending.at(-1) !== note) pending.push(note);
  return { ...record, pendingNotes: pending.slice(-MAX_PENDING_NOTES) };
}

/** Whether `record` has notes to post now. */
export function notesDue(record: WatchRecord, now: number): boolean {
  return (record.pendingNotes?.length ?? 0) > 0 && (record.noteRetryAt ?? 0) <= now;
}

export interface NoteDelivery {
  readonly store: WatchStore;
  readonly outbound: OutboundRouter;
  readonly logger: Logger;
  readonly now: () => number;
  /** Asked before each post: false once the scheduler stops (another replica or the next start posts the rest). */
  readonly keepGoing: () => boolean;
  /** The first pause after a failed post (a minute; shorter when watches are re-checked more often than that). */
  readonly firstRetryMs: number;
}

/**
 * Posts the record's waiting notes one by one, each forgotten once posted; a failure keeps the rest for later.
 * Stops when the watch is removed meanwhile (an unwatch) or the scheduler stops.
 */
export async function deliverNotes(record: WatchRecord, delivery: NoteDelivery): Promise<void> {
  const { store, outbound, logger, now, firstRetryMs, keepGoing } = delivery;
  for (const text of record.pendingNotes ?? []) {
    if (!keepGoing()) return;
    try {
      await outbound.post(record.place, [notice(text)]);
    } catch (error) {
      const attempts = (record.noteAttempts ?? 0) + 1;
      const giveUp = attempts >= MAX_NOTE_ATTEMPTS;
      logger.warn({ err: error, platform: record.place.platform, attempts, givenUp: giveUp }, 'could not post a watch note');
      const retryMs = Math.min(LONGEST_RETRY_MS, firstRetryMs * 2 ** (attempts - 1));
      await store.update(record.id, (current) =>
        giveUp
          ? { ...current, pendingNotes: [], noteAttempts: 0, noteRetryAt: 0 }
          : { ...current, noteAttempts: attempts, noteRetryAt: now() + retryMs },
      );
      return;
    }
    const kept = await store.update(record.id, (current) => ({
      ...current,
      pendingNotes: dropFirst(current.pendingNotes ?? [], text),
      noteAttempts: 0,
      noteRetryAt: 0,
    }));
    if (!kept) return; // unwatched meanwhile: its other notes are not posted
  }
}

/** `notes` without the first `text` (a later equal note is another change, and stays). */
function dropFirst(notes: readonly string[], text: string): string[] {
  const at = notes.indexOf(text);
  return at === -1 ? [...notes] : [...notes.slice(0, at), ...notes.slice(at + 1)];
}

/** Posts watches' notes for a scheduler, and knows whether a post is under way (its claim is kept at stop). */
export class NoteCourier {
  private inFlight = 0;

  constructor(private readonly delivery: NoteDelivery) {}

  /** Whether a note is being posted now. */
  busy(): boolean {
    return this.inFlight > 0;
  }

  /** Posts the record's notes that are due, unless stopping (the next process posts them). */
  async deliver(record: WatchRecord): Promise<void> {
    if (!this.delivery.keepGoing() || !notesDue(record, this.delivery.now())) return;
    this.inFlight++;
    try {
      await deliverNotes(record, this.delivery);
    } finally {
      this.inFlight--;
    }
  }
}
