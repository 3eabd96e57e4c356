/** Progress at a calm pace: chat platforms rate-limit message edits, and people do not need every step. */
import type { BulkProgress } from './bulk-progress.js';

export interface CalmOptions {
  /** Least time between two updates while running. @default 3000 */
  readonly everyMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Passes on the first update, then at most one per `everyMs`, and always the last (the bulk ended). */
export function calmProgress(onProgress: (p: BulkProgress) => void, options: CalmOptions = {}): (p: BulkProgress) => void {
  const everyMs = options.everyMs ?? 3000;
  const now = options.now ?? Date.now;
  let last: number | null = null;
  return (progress) => {
    const ended = progress.status !== 'running' || progress.waiting === 0;
    if (!ended && last !== null && now() - last < everyMs) return;
    last = now();
    onProgress(progress);
  };
}
