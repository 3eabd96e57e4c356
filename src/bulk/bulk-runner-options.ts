/** What a bulk runner is given (lookups, queue, state, limits) and what a run takes and ends with. */
import type { LookupOutcome } from '../cache/cached-lookup.js';
import type { LookupResult } from '../export/lookup-result.js';
import type { LookupType, Report } from '../report/report.js';
import type { Priority } from '../throttle/limiter.js';
import type { Clock } from '../time/clock.js';
import type { BulkProgress, QueueView } from './bulk-progress.js';
import type { BulkJob, BulkStateStore, BulkStatus } from './bulk-state.js';

export interface BulkLookups {
  /** `owner` is whose turn the lookup takes in the fair queue (the person who asked for the bulk). */
  lookup(type: LookupType, value: string, priority: Priority, owner?: string): Promise<LookupOutcome>;
  isFresh(type: LookupType, value: string): Promise<boolean>;
  peek(type: LookupType, value: string): Promise<Report | undefined>;
}

export interface BulkRunnerOptions {
  readonly lookups: BulkLookups;
  readonly queue: QueueView;
  readonly state: BulkStateStore;
  readonly clock?: Pick<Clock, 'now'>;
  /** This process's name for leases. @default a random UUID */
  readonly replicaId?: string;
  /** Lookups in flight at once: 2 keeps the limiter busy without crowding out people. @default 2 */
  readonly concurrency?: number;
  /** A lease not renewed for this long lets another replica take the bulk over. @default 60000 */
  readonly leaseMs?: number;
  /**
   * How long a value is held while its providers are paused (circuit breakers open), from its first hold; then
   * it fails with the reason. @default 1800000 (30 min)
   */
  readonly outagePatienceMs?: number;
  /** Called with unexpected failures (bugs), which the bulk records as failed lookups and goes on. */
  readonly onError?: (error: unknown) => void;
}

export interface RunOptions {
  /** Called at each step; the caller decides how often to show it. */
  readonly onProgress?: (progress: BulkProgress) => void;
  /** The person cancels: the bulk stops before its next lookup and ends `cancelled`. */
  readonly signal?: AbortSignal;
  /** Whose fair share the bulk's lookups count toward (stored with the job, so a resumed bulk keeps it). */
  readonly queueOwner?: string;
}

export interface BulkOutcome {
  readonly job: BulkJob;
  readonly status: BulkStatus;
  /** Every target in order; those never looked up carry an error saying so. */
  readonly results: readonly LookupResult[];
  readonly progress: BulkProgress;
}
