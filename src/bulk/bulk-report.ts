/** A bulk's results and progress, computed from its stored job and what is done. */
import type { LookupResult } from '../export/lookup-result.js';
import type { LookupType, Report } from '../report/report.js';
import { type BulkProgress, estimateTimeLeft, type QueueView } from './bulk-progress.js';
import type { BulkJob, BulkStatus, DoneEntry } from './bulk-state.js';
import type { Pause } from './outage.js';

export const NOT_LOOKED_UP = 'not looked up (the bulk was stopped)';

/** Every target in order; answers are read back from the cache (the store holds only where each came from). */
export function resultsOf(
  job: BulkJob,
  done: Readonly<Record<number, DoneEntry>>,
  peek: (type: LookupType, value: string) => Promise<Report | undefined>,
): Promise<LookupResult[]> {
  return Promise.all(
    job.targets.map(async (target, index): Promise<LookupResult> => {
      const entry = done[index];
      if (!entry) return { ...target, report: null, from: null, error: NOT_LOOKED_UP };
      if ('error' in entry) return { ...target, report: null, from: null, error: entry.error };
      const report = (await peek(target.type, target.value)) ?? null;
      return { ...target, report, from: entry.from, error: report ? null : 'the answer is no longer cached' };
    }),
  );
}

export async function progressOf(
  job: BulkJob,
  done: Readonly<Record<number, DoneEntry>>,
  status: BulkStatus,
  queue: QueueView,
  paused: Pause | null = null,
  now = Date.now(),
): Promise<BulkProgress> {
  const entries = Object.values(done);
  const total = job.targets.length;
  const waiting = total - entries.length;
  const pausedFor = paused && status === 'running' ? Math.max(0, paused.retryAt - now) : 0;
  return {
    id: job.id,
    status,
    done: entries.length,
    total,
    fromCache: entries.filter((e) => 'from' in e && e.from === 'cache').length,
    failed: entries.filter((e) => 'error' in e).length,
    waiting,
    etaMs: status === 'running' ? pausedFor + (await estimateTimeLeft(queue, waiting)) : 0,
    ...(paused && status === 'running' ? { paused: { providers: paused.providers, retryInMs: pausedFor } } : {}),
  };
}
