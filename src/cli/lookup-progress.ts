/**
 * Progress of a CLI lookup on standard error, for a person at a terminal: where each value waits in the
 * rate limit and for how long, then that it was answered. Silent when output is not a terminal or with --quiet.
 */
import type { LookupTarget } from '../lookup/resolve-target.js';
import { formatAge } from '../summary/age.js';
import { displayTarget } from '../summary/display-target.js';
import type { QueueEstimate } from '../throttle/limiter-options.js';

export class LookupProgress {
  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly total: number,
    /** The rate limit's sustained spacing between requests. */
    private readonly intervalMs: number,
  ) {}

  /** Before value `index` (0-based) is asked for: its place in the queue when it has to wait. */
  waiting(index: number, target: LookupTarget, estimate: QueueEstimate): void {
    if (estimate.waitMs < 1000) return;
    const left = this.total - index;
    const all = left > 1 ? `; ${left} values left, about ${formatAge(estimate.waitMs + (left - 1) * this.intervalMs)} in all` : '';
    this.line(`${this.counter(index)} ${displayTarget(target)}: queued #${estimate.position}, about ${formatAge(estimate.waitMs)}${all}`);
  }

  /** After value `index` was answered (or failed). */
  answered(index: number, target: LookupTarget, ok: boolean): void {
    this.line(`${this.counter(index)} ${displayTarget(target)}: ${ok ? 'answered' : 'failed'}`);
  }

  private counter(index: number): string {
    return `[${index + 1}/${this.total}]`;
  }

  private line(text: string): void {
    this.stderr.write(`${text}\n`);
  }
}

/** Progress for this run, or null when nobody is watching a terminal or --quiet was given. */
export function progressFor(
  stderr: NodeJS.WritableStream & { isTTY?: boolean },
  total: number,
  intervalMs: number,
  quiet: boolean,
): LookupProgress | null {
  return quiet || !stderr.isTTY ? null : new LookupProgress(stderr, total, intervalMs);
}
