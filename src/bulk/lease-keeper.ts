/** A bulk's lease held for as long as a replica runs it: renewed every quarter of its lifetime, not only between lookups. */
import type { BulkStateStore } from './bulk-state.js';

export interface HeldLease {
  /** Aborted when another replica holds the lease now (this one lapsed): stop working on the bulk. */
  readonly lost: AbortSignal;
  /** Stops renewing; resolves once no renewal is in flight, so a release after it is never undone by one. */
  stop(): Promise<void>;
}

/**
 * Keeps renewing the lease this replica already holds on bulk `id`. One slow upstream answer (three 15-s timeouts
 * and a queue) can outlast the lease; renewing only between lookups let another replica take over a bulk still
 * running here, so both ran it. A renewal that fails on the store is tried again at the next beat.
 */
export function keepLease(state: Pick<BulkStateStore, 'acquireLease'>, id: string, holder: string, leaseMs: number): HeldLease {
  const lost = new AbortController();
  let inFlight: Promise<void> | null = null;
  const renew = () => {
    // One renewal at a time: on a slow store, beats that find one in flight pass, so stop() has only one to wait for.
    if (inFlight || lost.signal.aborted) return;
    inFlight = state
      .acquireLease(id, holder, leaseMs)
      .then(
        (held) => {
          if (!held) lost.abort();
        },
        () => {},
      )
      .finally(() => {
        inFlight = null;
      });
  };
  const beat = setInterval(renew, Math.max(10, Math.floor(leaseMs / 4)));
  beat.unref();
  return {
    lost: lost.signal,
    async stop() {
      clearInterval(beat);
      await inFlight;
    },
  };
}
