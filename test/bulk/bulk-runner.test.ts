import { describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../src/bulk/bulk-progress.js';
import { bulkSetup, domainList, planOf } from './bulk-setup.js';

describe('BulkRunner', () => {
  it('GIVEN 30 indicators of which 10 are cached THEN the cached ones answer first and only 20 go upstream', async () => {
    const { sim, lookups, runner } = await bulkSetup();
    for (let i = 0; i < 10; i++) await lookups.lookup('domain', `host${i}.sample-corp.com`, 'interactive');
    sim.requests.length = 0;
    const seen: BulkProgress[] = [];
    const outcome = await runner().start(planOf(domainList(30)), 'console:me', { onProgress: (p) => seen.push(p) });
    expect(outcome.status).toBe('done');
    expect(sim.requests).toHaveLength(20);
    expect(outcome.results.map((r) => r.value)).toEqual(Array.from({ length: 30 }, (_, i) => `host${i}.sample-corp.com`));
    expect(outcome.results.filter((r) => r.from === 'cache')).toHaveLength(10);
    expect(outcome.results.every((r) => r.report !== null && r.error === null)).toBe(true);
    // Progress: counts only grow, the ten cached ones come before any upstream answer, and it ends at 30/30.
    const afterCache = seen.find((p) => p.done === 10);
    expect(afterCache).toMatchObject({ fromCache: 10, waiting: 20 });
    for (let i = 1; i < seen.length; i++) expect(seen[i]?.done).toBeGreaterThanOrEqual(seen[i - 1]?.done ?? 0);
    expect(seen.at(-1)).toMatchObject({ status: 'done', done: 30, total: 30, fromCache: 10, failed: 0, waiting: 0, etaMs: 0 });
  });

  it('GIVEN a running bulk THEN its ETA comes from the limiter: about one interval per lookup left', async () => {
    const { runner } = await bulkSetup({ limiter: { burst: 1, intervalMs: 40 } });
    const seen: BulkProgress[] = [];
    await runner().start(planOf(domainList(8)), 'console:me', { onProgress: (p) => seen.push(p) });
    const first = seen[0];
    expect(first).toMatchObject({ done: 0, waiting: 8 });
    // Seven intervals after the next request's own wait: at least 280 ms, not wildly more.
    expect(first?.etaMs).toBeGreaterThanOrEqual(7 * 40);
    expect(first?.etaMs).toBeLessThanOrEqual(20 * 40);
  });

  it('GIVEN the upstream failing mid-bulk THEN those lookups are marked failed with the reason and the rest are answered', async () => {
    const { sim, runner } = await bulkSetup();
    let added = false;
    const outcome = await runner().start(planOf(domainList(12)), 'console:me', {
      onProgress: (p) => {
        if (p.done === 4 && !added) {
          added = true;
          sim.addFault({ kind: 'http-503', times: 2 });
          sim.addFault({ kind: 'truncated-json', times: 1 });
        }
      },
    });
    expect(outcome.status).toBe('done');
    expect(outcome.progress).toMatchObject({ done: 12, failed: 3 });
    const errors = outcome.results.filter((r) => r.error !== null).map((r) => r.error);
    expect(errors.filter((e) => e?.includes('HTTP 503'))).toHaveLength(2);
    expect(errors.some((e) => /JSON|malformed|truncated/i.test(e ?? ''))).toBe(true);
    expect(outcome.results.filter((r) => r.report !== null)).toHaveLength(9);
  });

  it('GIVEN the person cancels mid-bulk THEN it stops at once, ends cancelled, and says which values were not looked up', async () => {
    const { sim, runner, state } = await bulkSetup({ limiter: { burst: 1, intervalMs: 30 } });
    const controller = new AbortController();
    const outcome = await runner().start(planOf(domainList(20)), 'console:me', {
      signal: controller.signal,
      onProgress: (p) => p.done === 3 && controller.abort(),
    });
    expect(outcome.status).toBe('cancelled');
    expect(outcome.progress.done).toBe(3);
    expect(sim.requests.length).toBeLessThanOrEqual(5);
    expect(outcome.results.filter((r) => r.error === 'not looked up (the bulk was stopped)')).toHaveLength(17);
    expect(await state.unfinished()).toEqual([]);
    expect((await state.job(outcome.job.id))?.status).toBe('cancelled');
  });

  it('GIVEN Cancel pressed on another replica THEN the replica running the bulk stops before its next lookup', async () => {
    const { runner } = await bulkSetup({ limiter: { burst: 1, intervalMs: 20 } });
    const running = runner({ replicaId: 'a' });
    const other = runner({ replicaId: 'b' });
    const outcome = await running.start(planOf(domainList(20)), 'console:me', {
      onProgress: (p) => void (p.done === 2 && other.cancel(p.id)),
    });
    expect(outcome.status).toBe('cancelled');
    expect(outcome.progress.done).toBeLessThan(8);
  });

  it('GIVEN a restart mid-bulk THEN the next process resumes it and no value is asked upstream twice', async () => {
    const { sim, runner, state } = await bulkSetup({ limiter: { burst: 1, intervalMs: 15 } });
    const first = runner({ replicaId: 'before-restart' });
    const stopped = await first.start(planOf(domainList(15)), 'console:me', { onProgress: (p) => p.done === 5 && first.stop() });
    expect(stopped.status).toBe('running');
    expect(await state.unfinished()).toEqual([stopped.job.id]);
    await new Promise((r) => setTimeout(r, 100)); // the lookup in flight at the stop still lands in the cache
    const resumed = await runner({ replicaId: 'after-restart' }).resume(stopped.job.id);
    expect(resumed?.status).toBe('done');
    expect(resumed?.results.every((r) => r.report !== null)).toBe(true);
    expect(new Set(sim.requests.map((r) => r.value)).size).toBe(sim.requests.length);
    expect(sim.requests).toHaveLength(15);
    expect(await state.unfinished()).toEqual([]);
  });

  it('GIVEN two replicas resuming the same bulk at once THEN exactly one runs it', async () => {
    const { sim, runner, state } = await bulkSetup({ limiter: { burst: 1, intervalMs: 10 } });
    const first = runner({ replicaId: 'a' });
    const stopped = await first.start(planOf(domainList(10)), 'console:me', { onProgress: (p) => p.done === 2 && first.stop() });
    await new Promise((r) => setTimeout(r, 50));
    const [b, c] = await Promise.all([
      runner({ replicaId: 'b' }).resume(stopped.job.id),
      runner({ replicaId: 'c' }).resume(stopped.job.id),
    ]);
    expect([b, c].filter((o) => o !== null)).toHaveLength(1);
    expect((b ?? c)?.status).toBe('done');
    expect(sim.requests).toHaveLength(10);
    expect(await state.unfinished()).toEqual([]);
  });

  it('GIVEN a replica that died holding the lease THEN another takes the bulk over once the lease expires', async () => {
    const { runner, state } = await bulkSetup();
    const first = runner({ replicaId: 'dead', leaseMs: 1000 });
    const stopped = await first.start(planOf(domainList(6)), 'console:me', { onProgress: (p) => p.done === 1 && first.stop() });
    // Simulate a crash: the lease is held again and never released.
    expect(await state.acquireLease(stopped.job.id, 'dead', 1000)).toBe(true);
    expect(await runner({ replicaId: 'alive' }).resume(stopped.job.id)).toBeNull();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await runner({ replicaId: 'alive' }).resume(stopped.job.id))?.status).toBe('done');
  });

  it('GIVEN a finished or unknown bulk THEN resume does nothing', async () => {
    const { runner } = await bulkSetup();
    const done = await runner().start(planOf(domainList(2)), 'console:me');
    expect(await runner().resume(done.job.id)).toBeNull();
    expect(await runner().resume('no-such-bulk')).toBeNull();
  });
});

describe('BulkRunner with more workers than lookups', () => {
  it('GIVEN 3 lookups and 4 workers THEN each lookup is made once and counted once', async () => {
    const { sim, runner } = await bulkSetup();
    const outcome = await runner({ concurrency: 4 }).start(planOf(domainList(3)), 'console:me');
    expect(outcome.progress).toMatchObject({ done: 3, total: 3, failed: 0 });
    expect(sim.requests).toHaveLength(3);
  });
});

describe('BulkRunner at start-up', () => {
  it('GIVEN two bulks left unfinished by a stopped process THEN another runner resumes both from the store, with callbacks per owner', async () => {
    const { sim, runner, state } = await bulkSetup({ limiter: { burst: 1, intervalMs: 10 } });
    const before = runner({ replicaId: 'old' });
    const stopAt = (n: number) => (p: { done: number }) => p.done === n && before.stop();
    await before.start(planOf(domainList(4, 'first')), 'slack:T1:C1:U1', { onProgress: stopAt(1) });
    const owners: string[] = [];
    const after = runner({ replicaId: 'new' });
    // The first runner is stopped for good: the second bulk is stored but never run by it.
    const second = await before.start(planOf(domainList(3, 'second')), 'discord:G1:C2:U2');
    expect(second.status).toBe('running');
    expect(await state.unfinished()).toHaveLength(2);
    const jobs = await Promise.all((await state.unfinished()).map((id) => state.job(id)));
    const outcomes = await Promise.all(jobs.map((job) => job && after.resume(job.id, { onProgress: () => void owners.push(job.owner) })));
    expect(outcomes.map((o) => o?.status)).toEqual(['done', 'done']);
    expect(new Set(owners)).toEqual(new Set(['slack:T1:C1:U1', 'discord:G1:C2:U2']));
    expect(await state.unfinished()).toEqual([]);
    expect(sim.requests).toHaveLength(7);
  });
});

describe('the list of unfinished bulks', () => {
  it('GIVEN a bulk whose record expired unfinished (its platform gone, a killed export) THEN it leaves the list, the others stay', async () => {
    const { runner, state, store } = await bulkSetup();
    const stopped = runner();
    stopped.stop(); // both bulks are stored and left running, as by a process that died
    const old = await stopped.start(planOf(domainList(2, 'old')), 'discord:G1:C1:U1');
    const recent = await stopped.start(planOf(domainList(2, 'new')), 'slack:T1:C1:U1');
    await store.namespace('bulk').delete(`job:${old.job.id}`); // a week untouched: the record expired
    expect(await state.unfinished()).toEqual([recent.job.id]);
    expect(await store.namespace('bulk').get('index')).toEqual([recent.job.id]);
  });
});
