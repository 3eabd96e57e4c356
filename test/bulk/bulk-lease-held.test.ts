/**
 * A bulk's lease is held for as long as a replica runs it, also through an upstream answer slower than the
 * lease itself: a replica starting meanwhile leaves the bulk alone, so it runs once and each value is asked once.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BulkRunner } from '../../src/bulk/bulk-runner.js';
import { BulkStateStore } from '../../src/bulk/bulk-state.js';
import { CachedLookup } from '../../src/cache/cached-lookup.js';
import type { Simulator } from '../../src/simulator/server.js';
import { RedisCoordination } from '../../src/store/coordination.js';
import { openStore } from '../../src/store/open-store.js';
import { domainList, planOf } from '../bulk/bulk-setup.js';
import { useRedisForFile } from '../support/redis-server.js';
import { afterTest } from '../support/servers.js';
import { clientFor, useLimiter, useSimulator } from '../support/simulator.js';

const redis = useRedisForFile();

async function replica(name: string, sim: Simulator, leaseMs: number) {
  const store = await openStore(redis.url);
  const connection = new Redis(redis.url);
  const coordination = new RedisCoordination(connection, 'bulk-lease:');
  afterTest(async () => {
    await store.close();
    await coordination.close();
  });
  const limiter = useLimiter({ burst: 1, intervalMs: 15 });
  const lookups = new CachedLookup(clientFor(sim, { limiter, retries: 0, timeoutMs: 10_000 }), store.namespace('reports'));
  const state = new BulkStateStore(store.namespace('bulk'), coordination);
  return { state, runner: new BulkRunner({ lookups, queue: limiter, state, replicaId: name, leaseMs }) };
}

describe('a bulk lease against a slow upstream answer', () => {
  it('GIVEN replica A waiting on a lookup slower than its lease WHEN replica B starts and resumes unfinished bulks THEN B leaves it alone and it is finished once', async () => {
    const sim = await useSimulator();
    const leaseMs = 400;
    const a = await replica('a', sim, leaseMs);
    const b = await replica('b', sim, leaseMs);
    // Every request is slow (ThreatCrowd answering in 1.2 s, three times the lease).
    sim.setLatency(1200);
    const fromA = a.runner.start(planOf(domainList(3, 'slow')), 'slack:T1:C1:U1');
    await new Promise((r) => setTimeout(r, 700)); // A is inside its first lookup, past the lease's lifetime
    const [id] = await b.state.unfinished();
    const fromB = await b.runner.resume(id as string); // B "starts up" and resumes unfinished bulks
    const outcomeA = await fromA;
    const finished = [outcomeA, fromB].filter((o) => o !== null && o.status !== 'running');
    const asked = sim.requests.map((r) => r.value);
    expect(finished).toHaveLength(1);
    expect(asked).toEqual([...new Set(asked)]);
    expect(fromB).toBeNull();
    expect(outcomeA.status).toBe('done');
  }, 30_000);
});
