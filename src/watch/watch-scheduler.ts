/**
 * Re-checks due watches: each asks upstream (never the cache, though the cache takes the new answer) at the
 * lowest priority, compares with the last answer from the same provider, and posts what changed where the
 * watch was set. One replica checks a watch at a time (a renewed claim, then the record is read again). An
 * upstream failure is not a change: it is retried next round, and said once after repeated failures.
 */
import type { LookupOutcome } from '../cache/cached-lookup.js';
import type { OutboundRouter } from '../core/outbound.js';
import { QueueFullError } from '../errors/index.js';
import { isUserError } from '../errors/user-error.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Logger } from '../observability/logger.js';
import type { LookupType } from '../report/report.js';
import type { Coordination } from '../store/coordination.js';
import { whileClaimed } from '../store/renewed-claim.js';
import { displayTarget } from '../summary/display-target.js';
import type { Priority } from '../throttle/limiter.js';
import { NoteCourier, notesDue, postOnce, withNotes } from './pending-notes.js';
import { changesSince } from './watch-diff.js';
import { changeNote, failureNote } from './watch-note.js';
import type { WatchRecord, WatchStore } from './watch-store.js';

/** The failure note is posted once this many re-checks in a row have failed. */
export const FAILURES_BEFORE_NOTICE = 3;
/** A re-check shed because the queue was full (no request made) is tried again this soon, not counted as a failure. */
export const BUSY_RETRY_MS = 60_000;
/** Every watch's re-checks take one turn in the fair queue, whatever their number. */
export const WATCH_QUEUE_OWNER = 'watchlist';

export interface WatchSchedulerOptions {
  readonly store: WatchStore;
  /** Asks upstream whatever the cache holds, and caches the answer. */
  readonly refresh: (type: LookupType, value: string, priority: Priority, owner: string) => Promise<LookupOutcome>;
  readonly onFeed?: (target: LookupTarget) => boolean;
  /** True for a value never sent upstream (IGNORE_DOMAINS may have grown since the watch was set): such watches are dropped. */
  readonly isInternal?: (target: LookupTarget) => boolean;
  readonly outbound: OutboundRouter;
  readonly coordination: Coordination;
  readonly checkIntervalMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
  /** How long a check's claim lasts between renewals (a replica that dies holding one blocks that watch this long). @default 20000 */
  readonly claimMs?: number;
}

export class WatchScheduler {
  private readonly now: () => number;
  private readonly claimMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** The claim of the re-check in progress, given back at stop so the next process need not wait for it to lapse. */
  private held: string | null = null;
  /**
   * When each watch is next due, as last read: a re-check only ever moves it later (here or on another replica), so
   * a watch is not read again before then and an idle tick reads the index alone.
   */
  private readonly dueAt = new Map<string, number>();
  private stopping = false;
  private readonly notes: NoteCourier;

  constructor(private readonly options: WatchSchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.claimMs = options.claimMs ?? 20_000;
    const { store, outbound, logger, checkIntervalMs } = options;
    const keepGoing = () => !this.stopping;
    this.notes = new NoteCourier({ store, outbound, logger, now: this.now, keepGoing, firstRetryMs: Math.min(checkIntervalMs, 60_000) });
  }

  /** Looks for due watches now and every `tickMs` (a tenth of the interval, between 0.2 s and 1 min, by default). */
  start(tickMs = Math.min(60_000, Math.max(200, this.options.checkIntervalMs / 10))): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => this.kick(), tickMs);
    this.timer.unref();
    this.kick();
  }

  /** Starts a round unless one runs. */
  kick(): void {
    if (this.stopping) return;
    this.runDue().catch((error: unknown) => this.options.logger.error({ err: error }, 'watchlist round failed'));
  }

  /** Checks every due watch once; concurrent calls share one round. */
  runDue(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** No new round; a round in progress is waited for at most `waitMs` (its request is dropped with the upstream queue). */
  async stop(waitMs = 1000): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const running = this.running?.catch(() => {});
    if (!running) return;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([running, new Promise((r) => (timeout = setTimeout(r, waitMs)))]);
    clearTimeout(timeout);
    // A re-check still waiting for upstream records nothing once stopped: its claim can go now. Not while a note
    // is being posted: another replica would find it still waiting and post it again; the claim lapses instead.
    if (this.held && !this.notes.busy()) await this.options.coordination.release(this.held).catch(() => {});
  }

  private async round(): Promise<void> {
    const ids = Object.keys(await this.options.store.index());
    const listed = new Set(ids);
    for (const id of this.dueAt.keys()) if (!listed.has(id)) this.dueAt.delete(id);
    for (const id of ids) {
      if (this.stopping) return;
      if ((this.dueAt.get(id) ?? 0) > this.now()) continue;
      // One watch that fails (a store write refused mid-round) does not hold up the others.
      await this.visit(id).catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'a watch could not be re-checked this round'),
      );
    }
  }

  private async visit(id: string): Promise<void> {
    const record = await this.options.store.get(id);
    if (record && this.options.isInternal?.(record.target)) {
      await this.options.store.remove(id);
      this.options.logger.info({ type: record.target.type }, 'watch dropped: its value is internal now (never sent upstream)');
    } else if (record && (this.due(record) || notesDue(record, this.now())) && this.options.outbound.canPost(record.place)) {
      await this.checkClaimed(id);
    } else if (record) {
      this.dueAt.set(id, record.pendingNotes?.length ? Math.min(record.nextCheckAt, record.noteRetryAt ?? 0) : record.nextCheckAt);
    }
  }

  private due(record: WatchRecord): boolean {
    return record.nextCheckAt <= this.now();
  }

  /** One replica re-checks a watch: it claims it, then reads it again (another may have checked it since the round read it). */
  private async checkClaimed(id: string): Promise<void> {
    const claim = `watch-check:${id}`;
    const warn = (error: unknown) => this.options.logger.warn({ err: error }, 'could not renew a watch claim');
    await whileClaimed(
      this.options.coordination,
      claim,
      this.claimMs,
      async () => {
        this.held = claim;
        try {
          const record = await this.options.store.get(id);
          if (record) await this.notes.deliver(record); // the notes that are due, if any
          if (record && this.due(record)) await this.check(record);
        } finally {
          this.held = null;
        }
      },
      warn,
    );
  }

  private async check(record: WatchRecord): Promise<void> {
    const { target } = record;
    const { outcome, failure } = await this.options.refresh(target.type, target.value, 'passive', WATCH_QUEUE_OWNER).then(
      (answer): { outcome: LookupOutcome | null; failure: unknown } => ({ outcome: answer, failure: null }),
      (error: unknown) => ({ outcome: null, failure: error }),
    );
    if (this.stopping) return; // dropped by the shutdown: not a failure, and nothing to compare
    if (failure instanceof QueueFullError) return this.later(record);
    if (isUserError(failure)) return this.drop(record, failure.message);
    if (outcome?.from !== 'upstream') return this.failed(record);
    const { report } = outcome;
    const onFeed = this.options.onFeed?.(target) ?? null;
    const { snapshot, changes } = changesSince(record, report, onFeed);
    const notes = changes.length > 0 ? [changeNote(target, changes)] : [];
    const saved = await this.options.store.update(record.id, (current) =>
      withNotes(
        {
          ...current,
          snapshots: { ...current.snapshots, [report.source]: snapshot },
          onFeed: onFeed ?? current.onFeed,
          lastCheckedAt: this.now(),
          nextCheckAt: this.now() + this.options.checkIntervalMs,
          failures: 0,
          failureNoticed: false,
        },
        notes,
      ),
    );
    if (saved) await this.notes.deliver(saved);
  }

  /** The value can no longer be looked up at all (a provider removed from PROVIDERS): said once, and the watch ends. */
  private async drop(record: WatchRecord, reason: string): Promise<void> {
    // The watch is gone, and its note with it if the platform refuses it now.
    if (await this.options.store.remove(record.id))
      await postOnce(record, `Stopped watching ${displayTarget(record.target)}: ${reason}`, this.options);
  }

  /** The queue was too busy to take the re-check: nothing was asked, so try again soon. */
  private async later(record: WatchRecord): Promise<void> {
    const retry = Math.min(this.options.checkIntervalMs, BUSY_RETRY_MS);
    await this.options.store.update(record.id, (current) => ({ ...current, nextCheckAt: this.now() + retry }));
  }

  private async failed(record: WatchRecord): Promise<void> {
    const failures = record.failures + 1;
    const say = failures >= FAILURES_BEFORE_NOTICE && !record.failureNoticed;
    const saved = await this.options.store.update(record.id, (current) =>
      withNotes(
        { ...current, failures, failureNoticed: current.failureNoticed || say, nextCheckAt: this.now() + this.options.checkIntervalMs },
        say ? [failureNote(record.target, failures)] : [],
      ),
    );
    if (saved) await this.notes.deliver(saved);
  }
}
