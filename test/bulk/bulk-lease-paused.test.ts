/**
 * A replica that stops answering for longer than its bulk lease (event loop blocked, or its store unreachable),
 * while another replica takes the bulk over and finishes it: when it resumes it stops working on the bulk at once —
 * no more lookups, no second ending, no second set of exports.
 */
import { describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../src/bulk/bulk-progress.js';
import type { BulkLookups } from '../../src/bulk/bulk-runner-options.js';
import type { BulkStateStore } from '../../src/bulk/bulk-state.js';
import { bulkSetup, domainList, planOf } from './bulk-setup.js';

/** A gate: while closed, every call through `paused` waits until it opens (calls already running go on). */
function gate() {
  let open: Promise<void> = Promise.resolve();
  let release = () => {};
  return {
    close() {
      open = new Promise<void>((r) => {
        release = r;
      });
    },
    open: () => release(),
    paused<T extends object>(target: T): T {
      return new Proxy(target, {
        get(t, prop) {
          const value = Reflect.get(t, prop, t);
          if (typeof value !== 'function') return value;
          return async (...args: unknown[]) => {
            await open;
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        },
      });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a replica paused longer than its bulk lease', () => {
  it('GIVEN replica A paused past its lease and B finishing the bulk meanwhile WHEN A resumes THEN A stops at once: no more lookups, no second "done"', async () => {
    const { sim, state, lookups, runner } = await bulkSetup({ limiter: { burst: 5, intervalMs: 5 } });
    sim.setLatency(150);
    const pause = gate();
    const leaseMs = 300;
    const a = runner({
      replicaId: 'a',
      leaseMs,
      concurrency: 1,
      state: pause.paused(state) as BulkStateStore,
      lookups: pause.paused(lookups) as BulkLookups,
    });
    const b = runner({ replicaId: 'b', leaseMs, concurrency: 1 });
    const endings: string[] = [];
    const onProgress = (who: string) => (p: BulkProgress) => {
      if (p.status !== 'running') endings.push(`${who}:${p.status}`);
    };
    const fromA = a.start(planOf(domainList(6, 'paused')), 'slack:T1:C1:U1', { onProgress: onProgress('a') });
    while (sim.requests.length < 1) await sleep(10);
    pause.close(); // A is paused inside its first lookup
    await sleep(leaseMs * 2);
    const [id] = await state.unfinished();
    const fromB = await b.resume(id as string, { onProgress: onProgress('b') });
    expect(fromB?.status).toBe('done');
    const askedBeforeResume = sim.requests.length;
    pause.open(); // A resumes
    const outcomeA = await fromA;
    const askedByA = sim.requests.slice(askedBeforeResume).map((r) => r.value);
    expect({ askedByA, endings, statusA: outcomeA.status }).toEqual({ askedByA: [], endings: ['b:done'], statusA: 'running' });
  }, 20_000);
});
