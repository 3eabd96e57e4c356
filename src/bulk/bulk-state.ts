/**
 * A bulk's state in the store, so that a restarted bot (or another replica) can finish it: the job (its
 * lookups, written once), its progress (which lookups are done, and how), a cancel flag any replica may set,
 * and a lease that lets exactly one replica run it at a time.
 */
import type Keyv from 'keyv';
import type { AnswerSource } from '../cache/cached-lookup.js';
import type { Coordination } from '../store/coordination.js';
import type { BulkPlan } from './plan-bulk.js';

export type BulkStatus = 'running' | 'done' | 'cancelled';

export interface BulkJob extends BulkPlan {
  readonly id: string;
  /** Who asked and where, opaque to the core (e.g. `slack:T1:C1:U1`); the adapter uses it to answer. */
  readonly owner: string;
  readonly createdAt: number;
  readonly status: BulkStatus;
  /** Whose fair share its lookups count toward (the fair queue's owner key), when a person asked. */
  readonly queueOwner?: string;
}

/** One finished lookup: where the answer came from, or the failure's message. */
export type DoneEntry = { readonly from: AnswerSource } | { readonly error: string };

interface Lease {
  readonly holder: string;
  readonly until: number;
}

/** Jobs are forgotten a week after their last change. */
const KEEP_MS = 7 * 24 * 3_600_000;
const INDEX = 'index';

export class BulkStateStore {
  constructor(
    private readonly keyv: Keyv,
    private readonly coordination: Coordination,
    private readonly now: () => number = Date.now,
  ) {}

  async create(job: BulkJob): Promise<void> {
    await this.keyv.set(`job:${job.id}`, job, KEEP_MS);
    await this.keyv.set(`done:${job.id}`, {}, KEEP_MS);
    await this.coordination.withLock('bulk:index', async () => {
      const ids = ((await this.keyv.get(INDEX)) as string[] | undefined) ?? [];
      if (!ids.includes(job.id)) await this.keyv.set(INDEX, [...ids, job.id]);
    });
  }

  async job(id: string): Promise<BulkJob | undefined> {
    return (await this.keyv.get(`job:${id}`)) as BulkJob | undefined;
  }

  async done(id: string): Promise<Record<number, DoneEntry>> {
    return ((await this.keyv.get(`done:${id}`)) as Record<number, DoneEntry> | undefined) ?? {};
  }

  /** Records finished lookups (only the lease holder writes progress, so no lock is needed). */
  async saveDone(id: string, done: Readonly<Record<number, DoneEntry>>): Promise<void> {
    await this.keyv.set(`done:${id}`, done, KEEP_MS);
  }

  /** Marks the job finished and takes it off the list of jobs to resume. */
  async finish(id: string, status: Exclude<BulkStatus, 'running'>): Promise<void> {
    const job = await this.job(id);
    if (job) await this.keyv.set(`job:${id}`, { ...job, status }, KEEP_MS);
    await this.coordination.withLock('bulk:index', async () => {
      const ids = ((await this.keyv.get(INDEX)) as string[] | undefined) ?? [];
      await this.keyv.set(
        INDEX,
        ids.filter((i) => i !== id),
      );
    });
  }

  /**
   * Jobs still running (on this replica, another, or one that died). A job whose record has expired (a week
   * untouched: its place gone, a killed CLI export) is taken off the list here, so the list does not grow for ever.
   */
  async unfinished(): Promise<string[]> {
    const ids = ((await this.keyv.get(INDEX)) as string[] | undefined) ?? [];
    const gone = new Set<string>();
    for (const id of ids) if ((await this.job(id)) === undefined) gone.add(id);
    if (gone.size > 0) {
      await this.coordination.withLock('bulk:index', async () => {
        const now = ((await this.keyv.get(INDEX)) as string[] | undefined) ?? [];
        await this.keyv.set(
          INDEX,
          now.filter((id) => !gone.has(id)),
        );
      });
    }
    return ids.filter((id) => !gone.has(id));
  }

  async requestCancel(id: string): Promise<void> {
    await this.keyv.set(`cancel:${id}`, true, KEEP_MS);
  }

  async cancelRequested(id: string): Promise<boolean> {
    return (await this.keyv.get(`cancel:${id}`)) === true;
  }

  /**
   * Takes or renews the lease for `holder`; false while another holder's lease is current, and false for a job that
   * is no longer running (a replica paused past its lease, whose bulk another finished meanwhile, must not take it up).
   */
  acquireLease(id: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.coordination.withLock(`bulk:${id}`, async () => {
      if ((await this.job(id))?.status !== 'running') return false;
      const lease = (await this.keyv.get(`lease:${id}`)) as Lease | undefined;
      if (lease && lease.holder !== holder && lease.until > this.now()) return false;
      await this.keyv.set(`lease:${id}`, { holder, until: this.now() + ttlMs } satisfies Lease, ttlMs);
      return true;
    });
  }

  /** Gives the lease back (shutdown): another replica or the next start may resume at once. */
  releaseLease(id: string, holder: string): Promise<void> {
    return this.coordination.withLock(`bulk:${id}`, async () => {
      const lease = (await this.keyv.get(`lease:${id}`)) as Lease | undefined;
      if (lease?.holder === holder) await this.keyv.delete(`lease:${id}`);
    });
  }
}
