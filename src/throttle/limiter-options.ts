/** What the request limiter is configured with (rates, shared pause, clock) and what its estimates say. */
import type Bottleneck from 'bottleneck';
import type { Clock } from '../time/clock.js';
import type { Priority } from './ticket.js';

/** Where a pause is kept when replicas share the limiter (Redis). */
export interface SharedPause {
  /** Until when (epoch ms) requests are paused; 0 when they are not. */
  read(): Promise<number>;
  /** Pauses requests until `until` (a later pause already set wins). */
  write(until: number): Promise<void>;
}

export interface LimiterOptions {
  /** Requests allowed back to back after a quiet period. @default 3 */
  readonly burst?: number;
  /** One token is added per interval: the sustained rate never exceeds one request per interval. @default 10000 */
  readonly intervalMs?: number;
  /** Passive jobs are refused once this many jobs are queued. @default 20 */
  readonly maxPassiveQueue?: number;
  /** Extra Bottleneck options, e.g. clustering on Redis (`datastore: 'ioredis'`, `id`, `clientOptions`). */
  readonly bottleneck?: Bottleneck.ConstructorOptions;
  /** Called when a job starts, with how long it waited (metrics). */
  readonly onWait?: (priority: Priority, ms: number) => void;
  /** A pause seen by every replica. @default in this process only */
  readonly sharedPause?: SharedPause;
  /** Where the limiter reads the time (queue waits, pauses, estimates). @default the system clock */
  readonly clock?: Pick<Clock, 'now'>;
}

/** Where a job would stand now, and roughly how long it would wait. */
export interface QueueEstimate {
  /** 1 means next to run. */
  readonly position: number;
  readonly waitMs: number;
}
