/**
 * Runs bulk lookups: fresh cached answers first (at once), then one upstream request at a time at the
 * `bulk` priority (after people's lookups and votes, before passive ones), with progress through a callback.
 * A bulk's state is in the store: a restart or another replica resumes it; a lease keeps it to one replica.
 */
import { randomUUID } from 'node:crypto';
import type { LookupResult } from '../export/lookup-result.js';
import { type Clock, systemClock } from '../time/clock.js';
import { untilAborted } from '../time/linked-signal.js';
import type { BulkProgress } from './bulk-progress.js';
import { progressOf, resultsOf } from './bulk-report.js';
import type { BulkOutcome, BulkRunnerOptions, RunOptions } from './bulk-runner-options.js';
import type { BulkJob, BulkStatus, DoneEntry } from './bulk-state.js';
import { failureMessage } from './failure-message.js';
import { keepLease } from './lease-keeper.js';
import { type Outage, OutagePause, outageOf } from './outage-pause.js';
import type { BulkPlan } from './plan-bulk.js';
import { WorkLine } from './work-line.js';

/** A lookup that found every provider paused (nothing sent): its value goes back in line. */
const PUT_BACK = Symbol('put back');

export class BulkRunner {
  private readonly clock: Pick<Clock, 'now'>;
  private readonly replicaId: string;
  private readonly shutdown = new AbortController();

  constructor(private readonly options: BulkRunnerOptions) {
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
    const pending = job.targets.map((_, i) => i).filter((i) => done[i] === undefined);
    const pause = new OutagePause(() => this.clock.now(), this.options.outagePatienceMs ?? 30 * 60_000);
    const report = async (status: BulkStatus) => run.onProgress?.(await this.progress(job, done, status, pause.current()));
    const record = async (index: number, entry: DoneEntry) => {
      done[index] = entry;
      if (leaseLost.aborted) return; // another replica has the bulk now: its record is the one that counts
      await state.saveDone(job.id, done);
      await report('running');
    };
    await report('running');
    // Fresh answers first: they cost nothing, and what is left is what the limiter paces (the ETA).
    const line = new WorkLine();
    for (const index of pending) {
      const target = job.targets[index];
      const entry = target && (await lookups.isFresh(target.type, target.value)) ? await this.lookupOne(index, job, pause) : PUT_BACK;
      if (entry === PUT_BACK) line.add(index);
      else await record(index, entry);
    }
    const signals = [this.shutdown.signal, leaseLost, ...(run.signal ? [run.signal] : [])];
    const stopped = async (): Promise<BulkStatus | null> => {
      if (run.signal?.aborted || (await state.cancelRequested(job.id))) return 'cancelled';
      if (this.shutdown.signal.aborted || leaseLost.aborted || !(await state.acquireLease(job.id, this.replicaId, this.leaseMs)))
        return 'running';
      return null;
    };
    let outcome = 'done' as BulkStatus;
    const worker = async () => {
      // Take the next index before waiting on anything, so two workers never take the same one.
      for (let index = line.take(); index !== undefined && outcome === 'done'; index = line.take()) {
        const halt = (await stopped()) ?? (await this.waitOut(pause, signals, stopped, report));
        // Stop waiting at once when cancelled or stopped; the lookup itself still lands in the cache.
        const entry = halt ? null : await untilAborted(this.lookupOne(index, job, pause), signals);
        if (entry === null) {
          outcome = halt ?? (run.signal?.aborted ? 'cancelled' : 'running');
          return;
        }
        if (entry === PUT_BACK) line.putBack(index);
        else await record(index, entry);
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 2 }, worker));
    // The ending is said once, by the replica that still holds the bulk (one paused past its lease may not).
    if (outcome !== 'running' && (leaseLost.aborted || !(await state.acquireLease(job.id, this.replicaId, this.leaseMs))))
      outcome = 'running';
    if (outcome !== 'running') await report(outcome);
    return outcome;
  }

  /** While providers are paused: shows it, then waits for the next probe; the halt (cancel, stop) that ends it early. */
  private async waitOut(
    pause: OutagePause,
    signals: readonly AbortSignal[],
    stopped: () => Promise<BulkStatus | null>,
    report: (status: BulkStatus) => Promise<void>,
  ): Promise<BulkStatus | null> {
    if (!pause.current()) return null;
    await report('running');
    if (await pause.waitOut(signals, async () => (await stopped()) !== null)) return null;
    return stopped();
  }

  private async lookupOne(index: number, job: BulkJob, pause: OutagePause): Promise<DoneEntry | typeof PUT_BACK> {
    const target = job.targets[index];
    if (!target) return { error: 'no such lookup' };
    try {
      const { from } = await this.options.lookups.lookup(target.type, target.value, 'bulk', job.queueOwner);
      if (from === 'upstream') pause.answered();
      return { from };
    } catch (error) {
      const outage = outageOf(error);
      if (outage && pause.hold(outage)) return PUT_BACK;
      const message = failureMessage(error);
      // At shutdown the limiter drops what is queued: not a bug, and the bulk is resumed from the store.
      if (message === null && !this.shutdown.signal.aborted) this.options.onError?.(error);
      return { error: message ?? 'the lookup failed unexpectedly' };
    }
  }

  private results(job: BulkJob, done: Record<number, DoneEntry>): Promise<LookupResult[]> {
    return resultsOf(job, done, (type, value) => this.options.lookups.peek(type, value));
  }

  private progress(job: BulkJob, done: Record<number, DoneEntry>, status: BulkStatus, paused: Outage | null = null): Promise<BulkProgress> {
    return progressOf(job, done, status, this.options.queue, paused, this.clock.now());
  }
}
