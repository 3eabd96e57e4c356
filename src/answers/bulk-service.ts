/**
 * Runs bulks for the chat adapters (the `BulkPort`): progress shown at a calm pace through the adapter's
 * sink, the exports handed over at the end, Cancel honoured on any replica, and bulks a stopped bot left
 * unfinished resumed at start-up (where each answers is stored with its job).
 */

import type { BulkProgress } from '../bulk/bulk-progress.js';
import type { BulkRunner } from '../bulk/bulk-runner.js';
import type { BulkOutcome } from '../bulk/bulk-runner-options.js';
import type { BulkStateStore } from '../bulk/bulk-state.js';
import { calmProgress } from '../bulk/calm-progress.js';
import type { BulkPlan } from '../bulk/plan-bulk.js';
import type { BulkPlace, BulkPort, BulkReservation, BulkSink } from '../core/bulk-port.js';
import type { Logger } from '../observability/logger.js';
import { finalReplies, progressReply } from './bulk-replies.js';

export interface BulkServiceOptions {
  readonly runner: BulkRunner;
  readonly state: BulkStateStore;
  readonly logger: Logger;
  /** Least time between two progress edits (BULK_PROGRESS_MS). */
  readonly progressEveryMs: number;
  readonly now?: () => number;
}

/** The place stored in a job's `owner`, or null for a job that is not a chat's (the CLI's). */
export function placeOf(owner: string): BulkPlace | null {
  try {
    const place = JSON.parse(owner) as Partial<BulkPlace>;
    return typeof place.channelId === 'string' && typeof place.messageId === 'string' && typeof place.platform === 'string'
      ? (place as BulkPlace)
      : null;
  } catch {
    return null;
  }
}

export class BulkService implements BulkPort {
  /** Bulks running here, so a Cancel stops the one waiting on a lookup at once (other replicas see the stored flag). */
  private readonly running = new Map<string, AbortController>();
  private readonly now: () => number;
  /** Set at shutdown: no more bulks are resumed. */
  private stopped = false;
  /** Every bulk this service runs, so a stop can wait until each has given its lease back. */
  private readonly active = new Set<Promise<unknown>>();
  /** Running (or reserved) bulks per fair-queue owner (a person). */
  private readonly perOwner = new Map<string, number>();

  constructor(private readonly options: BulkServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  runningFor(queueOwner: string): number {
    return this.perOwner.get(queueOwner) ?? 0;
  }

  reserve(queueOwner: string): BulkReservation {
    this.perOwner.set(queueOwner, this.runningFor(queueOwner) + 1);
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        const left = this.runningFor(queueOwner) - 1;
        if (left > 0) this.perOwner.set(queueOwner, left);
        else this.perOwner.delete(queueOwner);
      },
    };
  }

  async run(plan: BulkPlan, place: BulkPlace, sink: BulkSink, reservation = this.reserve(place.queueOwner)): Promise<void> {
    await this.counted(
      sink,
      plan,
      (run) => this.options.runner.start(plan, JSON.stringify(place), { ...run, queueOwner: place.queueOwner }),
      reservation,
    );
  }

  async cancel(bulkId: string, who: Pick<BulkPlace, 'platform' | 'channelId'>): Promise<boolean> {
    const job = await this.options.state.job(bulkId);
    const place = job ? placeOf(job.owner) : null;
    if (!place || place.platform !== who.platform || place.channelId !== who.channelId) return false;
    await this.options.runner.cancel(bulkId);
    this.running.get(bulkId)?.abort();
    return true;
  }

  /**
   * Resumes, side by side as they ran before the restart, every stored bulk no live replica holds; each counts
   * toward its person's running bulks again. Resolves when all have ended (or the service stops).
   */
  async resumeUnfinished(sinkFor: (place: BulkPlace) => BulkSink | null): Promise<void> {
    const { state, runner } = this.options;
    const resumed: Promise<void>[] = [];
    for (const id of await state.unfinished()) {
      if (this.stopped) break;
      const job = await state.job(id);
      const place = job ? placeOf(job.owner) : null;
      const sink = place ? sinkFor(place) : null;
      if (!job || !place || !sink) continue;
      resumed.push(
        this.counted(sink, job, (run) => runner.resume(id, run), this.reserve(place.queueOwner), id).catch((error: unknown) => {
          this.options.logger.error({ err: error }, 'could not resume a bulk');
        }),
      );
    }
    await Promise.all(resumed);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.runner.stop();
    await Promise.allSettled([...this.active]);
  }

  /**
   * Runs one bulk (started or resumed), counted toward its person by `reservation` until it ends, cancellable here at
   * once (by its id, known from its first progress or given), its progress shown calmly and its exports handed over.
   */
  private async counted(
    sink: BulkSink,
    plan: BulkPlan,
    work: (run: { onProgress: (p: BulkProgress) => void; signal: AbortSignal }) => Promise<BulkOutcome | null>,
    reservation: BulkReservation,
    knownId?: string,
  ): Promise<void> {
    const controller = new AbortController();
    if (knownId) this.running.set(knownId, controller);
    const shown = this.showing(plan, sink, (id) => this.running.set(id, controller));
    try {
      const outcome = await this.tracked(work({ onProgress: shown.onProgress, signal: controller.signal }));
      if (outcome) await this.finish(outcome, sink, shown.drained);
    } finally {
      for (const [id, c] of this.running) if (c === controller) this.running.delete(id);
      reservation.release();
    }
  }

  private tracked<T>(work: Promise<T>): Promise<T> {
    this.active.add(work);
    const forget = () => void this.active.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Progress to the sink at a calm pace, one edit after another; a failed edit is logged and the bulk goes on. */
  private showing(plan: BulkPlan, sink: BulkSink, onId: (id: string) => void = () => {}) {
    let chain: Promise<void> = Promise.resolve();
    const onProgress = calmProgress(
      (progress) => {
        onId(progress.id);
        chain = chain
          .then(() => sink.progress(progressReply(progress, plan)))
          .catch((error: unknown) => this.options.logger.warn({ err: error }, 'could not show bulk progress'));
      },
      { everyMs: this.options.progressEveryMs, now: this.now },
    );
    return { onProgress, drained: () => chain };
  }

  /** The last progress and the exports; a bulk stopped by shutdown shows nothing more (the next start resumes it). */
  private async finish(outcome: BulkOutcome, sink: BulkSink, drained: () => Promise<void>): Promise<void> {
    await drained();
    if (outcome.status === 'running') return;
    await sink.finish(finalReplies(outcome, this.now())).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'could not attach the bulk results');
    });
  }
}
