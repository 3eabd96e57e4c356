import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BulkRunner } from '../../src/bulk/bulk-runner.js';
import { BulkStateStore } from '../../src/bulk/bulk-state.js';
import { CachedLookup } from '../../src/cache/cached-lookup.js';
import type { Simulator } from '../../src/simulator/server.js';
import { RedisCoordination } from '../../src/store/coordination.js';
import { openStore } from '../../src/store/open-store.js';
import { useRedisForFile } from '../support/redis-server.js';
import { afterTest } from '../support/servers.js';
import { clientFor, useLimiter, useSimulator } from '../support/simulator.js';
import { domainList, planOf } from './bulk-setup.js';

const redis = useRedisForFile();

/** One replica: its own store connection, coordination, limiter, cache and runner, sharing only Redis. */
async function replica(name: string, sim: Simulator) {
  const store = await openStore(redis.url);
  const connection = new Redis(redis.url);
  const coordination = new RedisCoordination(connection, `test-bulk:`);
  afterTest(async () => {
    await store.close();
    await coordination.close();
  });
  const limiter = useLimiter({ burst: 1, intervalMs: 15 });
  const lookups = new CachedLookup(clientFor(sim, { limiter, retries: 0 }), store.namespace('reports'));
  const state = new BulkStateStore(store.namespace('bulk'), coordination);
  return { state, limiter, lookups, runner: new BulkRunner({ lookups, queue: limiter, state, replicaId: name }) };
}

describe('bulks shared by replicas on a real Redis', () => {
  it('GIVEN a bulk stopped on one replica THEN two replicas resuming it at once run it exactly once between them', async () => {
    const sim = await useSimulator();
    const a = await replica('a', sim);
    const b = await replica('b', sim);
    const c = await replica('c', sim);
    const stopped = await a.runner.start(planOf(domainList(12, 'redis-host')), 'slack:T1:C1:U1', {
      onProgress: (p) => p.done === 3 && a.runner.stop(),
    });
    expect(stopped.status).toBe('running');
    expect(await b.state.unfinished()).toContain(stopped.job.id);
    // The lookup A had in flight at the stop still lands in the shared cache: once A's limiter is idle, every value
    // the simulator was asked is cached (or the replicas would ask it again).
    const landed = async () =>
      (await a.limiter.isIdle()) && (await Promise.all(sim.requests.map((r) => a.lookups.isFresh('domain', r.value ?? '')))).every(Boolean);
    await expect.poll(landed, { timeout: 10_000 }).toBe(true);
    const [fromB, fromC] = await Promise.all([b.runner.resume(stopped.job.id), c.runner.resume(stopped.job.id)]);
    expect([fromB, fromC].filter((o) => o !== null)).toHaveLength(1);
    expect((fromB ?? fromC)?.status).toBe('done');
    // Every value asked once: the replicas share the cache, the progress and the lease.
    expect(sim.requests).toHaveLength(12);
    expect(new Set(sim.requests.map((r) => r.value)).size).toBe(12);
    expect(await a.state.unfinished()).not.toContain(stopped.job.id);
  }, 30_000);
});
