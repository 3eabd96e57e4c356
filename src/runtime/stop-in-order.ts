/** Bounded shutdown steps and readiness checks that cannot hang. */
import type { Logger } from '../observability/logger.js';

/** `work`'s answer, or false when it takes longer than `ms` (a readiness check must not hang on a dead store). */
export function withinMs(work: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([work.catch(() => false), late]).finally(() => clearTimeout(timer));
}

export type StopStep = readonly [name: string, work: () => Promise<unknown> | undefined, limitMs: number];

/**
 * Runs shutdown steps in order, each bounded, so the whole stays well inside the 10-s limit and the store
 * is always closed (what is not delivered stays in the durable outbox for the next start).
 */
export async function stopInOrder(logger: Logger, steps: readonly StopStep[]): Promise<void> {
  for (const [name, work, limitMs] of steps) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), limitMs);
    });
    const outcome = await Promise.race([
      Promise.resolve(work()).catch((error: unknown) => logger.warn({ err: error, step: name }, 'shutdown step failed')),
      late,
    ]);
    clearTimeout(timer);
    if (outcome === 'late') logger.warn({ step: name, limitMs }, 'shutdown step took too long; going on');
  }
}
