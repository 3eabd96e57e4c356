/**
 * Runs bulk lookups: fresh cached answers first (at once), then one upstream request at a time at the
 * `bulk` priority (after people's lookups and votes, before passive ones), with progress through a callback.
 * A bulk's state is in the store: a restart or another replica resumes it; a lease keeps it to one replica.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { LookupResult } from '../export/lookup-result.js';
import { type Clock, systemClock } from '../time/clock.js';
import { sleepUnlessAborted, untilAborted } from '../time/linked-signal.js';
import type { BulkProgress } from './bulk-progress.js';
import { progressOf, resultsOf } from './bulk-report.js';
import type { BulkOutcome, BulkRunnerOptions, RunOptions } from './bulk-runner-options.js';
import type { BulkJob, BulkStatus, DoneEntry } from './bulk-state.js';
import { failureMessage } from './failure-message.js';
import { keepLease } from './lease-keeper.js';
import { type Outage, outageOf, type Pause } from './outage.js';
import type { BulkPlan } from './plan-bulk.js';
import { WorkLine } from './work-line.js';

/** How often a bulk waiting for its providers looks for a cancel (asked on any replica) or a stop. */
const CHECK_EVERY_MS = 1000;

/** What a worker needs of the bulk it works on. */
interface Drain {
  readonly job: BulkJob;
  readonly line: WorkLine;
  readonly signals: readonly AbortSignal[];
  readonly stopped: () => Promise<BulkStatus | null>;
  readonly record: (index: number, entry: DoneEntry) => Promise<void>;
  readonly report: (status: BulkStatus) => Promise<void>;
  /** The person cancelled (their signal), as opposed to a stop. */
  readonly cancelled: () => boolean;
}

export class BulkRunner {
  private readonly clock: Pick<Clock, 'now'>;
  private readonly replicaId: string;
  private readonly shutdown = new AbortController();

  constructor(private readonly options: BulkRunnerOptions) {
    // Each running bulk's workers listen to it while they wait (two a bulk, unhooked after): not a leak.
    setMaxListeners(0, this.shutdown.signal);
    this.clock = options.clock ?? systemClock;
    this.replicaId = options.replicaId ?? randomUUID();
  }

  /** Stores a new bulk for `plan` and runs it to the end (or until cancelled or stopped). */
  async start(plan: BulkPlan, owner: string, run: RunOptions = {}): Promise<BulkOutcome> {
    const job: BulkJob = {
      ...plan,
      id: randomUUID(),
      owner,
      createdAt: this.clock.now(),
      status: 'running',
      ...(run.queueOwner ? { queueOwner: run.queueOwner } : {}),
    };
    await this.options.state.create(job);
    const outcome = await this.resume(job.id, run);
    if (!outcome) throw new Error(`bulk ${job.id} was taken by another replica as it started`);
    return outcome;
  }

  /** Continues a stored bulk; null when it is unknown, finished, or another replica holds it. */
  async resume(id: string, run: RunOptions = {}): Promise<BulkOutcome | null> {
    const { state } = this.options;
    const job = await state.job(id);
    if (job?.status !== 'running') return null;
    if (!(await state.acquireLease(id, this.replicaId, this.leaseMs))) return null;
    const lease = keepLease(state, id, this.replicaId, this.leaseMs);
    let done: Record<number, DoneEntry>;
    let status: BulkStatus;
    try {
      done = await state.done(id);
      status = await this.work(job, done, run, lease.lost);
      if (status !== 'running') await state.finish(id, status);
    } finally {
      // Given back before anything else, so a stopping bot frees the bulk for the next start at once.
      await lease.stop();
      await state.releaseLease(id, this.replicaId);
    }
    return { job, status, results: await this.results(job, done), progress: await this.progress(job, done, status) };
  }

  /** Any replica may ask; the one running the bulk stops before its next lookup. */
  async cancel(id: string): Promise<void> {
    await this.options.state.requestCancel(id);
  }

  /** Stops every bulk this runner is running without finishing them, so the next start resumes them. */
  stop(): void {
    this.shutdown.abort();
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? 60_000;
  }

  private async work(job: BulkJob, done: Record<number, DoneEntry>, run: RunOptions, leaseLost: AbortSignal): Promise<BulkStatus> {
    const { lookups, state } = this.options;
    const line = new WorkLine(() => this.clock.now(), this.options.outagePatienceMs ?? 30 * 60_000);
    const report = async (status: BulkStatus) => run.onProgress?.(await this.progress(job, done, status, line.pause()));
    const record = async (index: number, entry: DoneEntry) => {
      done[index] = entry;
      if (leaseLost.aborted) return; // another replica has the bulk now: its record is the one that counts
      await state.saveDone(job.id, done);
      await report('running');
    };
    await report('running');
    // Fresh answers first: they cost nothing, and what is left is what the limiter paces (the ETA).
    for (const index of job.targets.map((_, i) => i).filter((i) => done[i] === undefined)) {
      const target = job.targets[index];
      if (target && (await lookups.isFresh(target.type, target.value))) await record(index, (await this.lookupOne(index, job, line)).entry);
      else line.add(index);
    }
    const stopped = async (): Promise<BulkStatus | null> => {
      if (run.signal?.aborted || (await state.cancelRequested(job.id))) return 'cancelled';
      if (this.shutdown.signal.aborted || leaseLost.aborted || !(await state.acquireLease(job.id, this.replicaId, this.leaseMs)))
        return 'running';
      return null;
    };
    const signals = [this.shutdown.signal, leaseLost, ...(run.signal ? [run.signal] : [])];
    const drain: Drain = { job, line, signals, stopped, record, report, cancelled: () => run.signal?.aborted === true };
    const halts = await Promise.all(Array.from({ length: this.options.concurrency ?? 2 }, () => this.drain(drain)));
    let outcome: BulkStatus = halts.includes('cancelled') ? 'cancelled' : halts.includes('running') ? 'running' : 'done';
    // The ending is said once, by the replica that still holds the bulk (one paused past its lease may not).
    if (outcome !== 'running' && (leaseLost.aborted || !(await state.acquireLease(job.id, this.replicaId, this.leaseMs))))
      outcome = 'running';
    if (outcome !== 'running') await report(outcome);
    return outcome;
  }

  /**
   * One worker: takes the next lookup before waiting on anything (two workers never take the same one), holds a
   * value whose providers are down, and waits only when nothing but held values is left. Resolves with what
   * halted it (cancel, stop, a lost lease), or null when the line is empty.
   */
  private async drain(w: Drain): Promise<BulkStatus | null> {
    for (let next = w.line.take(); next !== null; next = w.line.take()) {
      const halt = await w.stopped();
      if (halt) return halt; // a taken value stays undone in the store: the next run does it
      if ('waitUntil' in next) {
        await w.report('running'); // says whom the bulk waits for
        await sleepUnlessAborted(Math.max(1, Math.min(next.waitUntil - this.clock.now(), CHECK_EVERY_MS)), w.signals);
        continue;
      }
      // Stop waiting at once when cancelled or stopped; the lookup itself still lands in the cache.
      const result = await untilAborted(this.lookupOne(next.index, w.job, w.line), w.signals);
      if (result === null) return w.cancelled() ? 'cancelled' : 'running';
      if (!(result.outage && w.line.hold(next.index, result.outage))) await w.record(next.index, result.entry);
    }
    return null;
  }

  private async lookupOne(index: number, job: BulkJob, line: WorkLine): Promise<{ entry: DoneEntry; outage: Outage | null }> {
    const target = job.targets[index];
    if (!target) return { entry: { error: 'no such lookup' }, outage: null };
    try {
      return { entry: { from: (await this.options.lookups.lookup(target.type, target.value, 'bulk', job.queueOwner)).from }, outage: null };
    } catch (error) {
      const message = failureMessage(error);
      // At shutdown the limiter drops what is queued: not a bug, and the bulk is resumed from the store.
      if (message === null && !this.shutdown.signal.aborted) this.options.onError?.(error);
      return {
        entry: { error: message ?? 'the lookup failed unexpectedly' },
        outage: outageOf(error, this.clock.now(), (providers) => line.waitsFor(index, providers)),
      };
    }
  }

  private results(job: BulkJob, done: Record<number, DoneEntry>): Promise<LookupResult[]> {
    return resultsOf(job, done, (type, value) => this.options.lookups.peek(type, value));
  }

  private progress(job: BulkJob, done: Record<number, DoneEntry>, status: BulkStatus, paused: Pause | null = null): Promise<BulkProgress> {
    return progressOf(job, done, status, this.options.queue, paused, this.clock.now());
  }
}
