/** Progress at a calm pace: chat platforms rate-limit message edits, and people do not need every step. */
import type { BulkProgress } from './bulk-progress.js';

export interface CalmOptions {
  /** Least time between two updates while running. @default 3000 */
  readonly everyMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Passes on the first update, then at most one per `everyMs`, always a pause starting or ending, and the last. */
export function calmProgress(onProgress: (p: BulkProgress) => void, options: CalmOptions = {}): (p: BulkProgress) => void {
  const everyMs = options.everyMs ?? 3000;
  const now = options.now ?? Date.now;
  let last: number | null = null;
  let wasPaused = false;
  return (progress) => {
    const ended = progress.status !== 'running' || progress.waiting === 0;
    // A pause beginning or ending is news: people see at once why the count stopped, and that it goes on.
    const turned = (progress.paused !== undefined) !== wasPaused;
    if (!ended && !turned && last !== null && now() - last < everyMs) return;
    last = now();
    wasPaused = progress.paused !== undefined;
    onProgress(progress);
  };
}
