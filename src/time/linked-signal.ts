/**
 * Abort signals combined without `AbortSignal.any`. On Node 20 `AbortSignal.any` leaves a record in each source
 * for as long as the source lives, and keeps a combined signal that has an abort listener alive until it
 * aborts; combined with a process-long signal (shutdown) once per lookup, that grew the heap by about 1 KB a
 * lookup, forever. Here the combined signal unhooks itself from its sources when it aborts or is disposed.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Unhooks from the sources (idempotent); the signal then never aborts. */
  dispose(): void;
}

/** A signal that aborts (with the source's reason) as soon as one of `sources` does. */
export function linkedSignal(sources: readonly AbortSignal[]): LinkedSignal {
  const controller = new AbortController();
  const hooked: AbortSignal[] = [];
  const dispose = () => {
    for (const source of hooked.splice(0)) source.removeEventListener('abort', onAbort);
  };
  function onAbort(this: AbortSignal) {
    dispose();
    controller.abort(this.reason);
  }
  for (const source of sources) {
    if (source.aborted) {
      dispose();
      controller.abort(source.reason);
      break;
    }
    source.addEventListener('abort', onAbort);
    hooked.push(source);
  }
  return { signal: controller.signal, dispose };
}

/** `work`'s value, or null as soon as one of `signals` fires; nothing stays hooked on them afterwards. */
export async function untilAborted<T>(work: Promise<T>, signals: readonly AbortSignal[]): Promise<T | null> {
  const linked = linkedSignal(signals);
  if (linked.signal.aborted) return null;
  try {
    const aborted = new Promise<null>((resolve) => linked.signal.addEventListener('abort', () => resolve(null), { once: true }));
    return await Promise.race([work, aborted]);
  } finally {
    linked.dispose();
  }
}

/** Waits `ms`, or less when one of `signals` fires. */
export async function sleepUnlessAborted(ms: number, signals: readonly AbortSignal[]): Promise<void> {
  const linked = linkedSignal(signals);
  try {
    await sleep(ms, undefined, { signal: linked.signal }).catch(() => undefined);
  } finally {
    linked.dispose();
  }
}
