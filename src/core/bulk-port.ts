/**
 * Bulk lookups as the adapters see them: an adapter posts the progress message, then hands the plan, where
 * the message is, and how to show progress and results (a sink) to the port, which runs the bulk to its end.
 */
import type { BulkPlan } from '../bulk/plan-bulk.js';
import type { Platform } from './invocation.js';
import type { Reply } from './reply.js';

/** Where a bulk answers: stored with the job, so a restarted bot finds its progress message again. */
export interface BulkPlace {
  readonly platform: Platform;
  readonly teamId?: string;
  readonly channelId: string;
  /** The progress message (its ts in Slack, its id in Discord): edited in place, and the thread of the results. */
  readonly messageId: string;
  readonly userId: string;
  /** Whose fair share the bulk's lookups count toward. */
  readonly queueOwner: string;
}

/** How an adapter shows one bulk. Its methods may fail (the platform is down): the bulk goes on regardless. */
export interface BulkSink {
  /** Replace the progress message with this one (a `bulk-progress` reply). */
  progress(reply: Reply): Promise<void>;
  /** The bulk ended: the last progress, then the files (CSV, JSON, STIX) to attach in the message's thread. */
  finish(replies: readonly Reply[]): Promise<void>;
}

/** A bulk counted for its owner before it runs; `release` gives the place back (once; `run` does it at the end). */
export interface BulkReservation {
  release(): void;
}

export interface BulkPort {
  /**
   * Counts a bulk for `queueOwner` from now, before its progress message is posted, so a command that comes
   * meanwhile sees it (the limit per person holds). Pass it to `run`, or release it if the bulk never runs.
   */
  reserve(queueOwner: string): BulkReservation;
  /** Runs a new bulk to its end (or until cancelled or the bot stops); counted from `reservation` when given. */
  run(plan: BulkPlan, place: BulkPlace, sink: BulkSink, reservation?: BulkReservation): Promise<void>;
  /** Bulks `queueOwner` has running (or reserved) in this process. */
  runningFor(queueOwner: string): number;
  /** Stops a bulk before its next lookup, on whichever replica runs it; false when `userId` may not. */
  cancel(bulkId: string, who: Pick<BulkPlace, 'platform' | 'channelId'>): Promise<boolean>;
  /** At start-up: resumes the bulks a stopped bot left unfinished (null sink: not this bot's platform). */
  resumeUnfinished(sinkFor: (place: BulkPlace) => BulkSink | null): Promise<void>;
  /** Shutdown: running bulks stop where they are (their state kept and leases given back), to be resumed by the next start. */
  stop(): Promise<void>;
}
