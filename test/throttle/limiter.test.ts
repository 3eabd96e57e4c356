import { describe, expect, it } from 'vitest';
import { CachedLookup } from '../../src/cache/cached-lookup.js';
import { QueueFullError } from '../../src/errors/index.js';
import { openStore } from '../../src/store/open-store.js';
import { clientFor, useLimiter, useSimulator } from '../support/simulator.js';

const INTERVAL = 200;
const distinct = (n: number) => Array.from({ length: n }, (_, i) => `host${i}.example-${i}.com`);

// The exact spacing is tested on a fake clock (limiter-timing.test.ts). Here, on real sockets, only what a loaded
// machine cannot break is checked: load delays requests, it never makes the limiter send them sooner in total.
// Spans are measured from before the limiter exists (the cause), not from the first arrival, which load can make
// late and so shorten the span.
describe('the shared limiter, measured on the simulator request log', () => {
  it('GIVEN a burst of 20 distinct lookups with burst 3 THEN all are sent, and no faster than one per interval after the burst', async () => {
    const sim = await useSimulator();
    const started = Date.now();
    const client = clientFor(sim, { limiter: useLimiter({ burst: 3, intervalMs: INTERVAL }) });
    await Promise.all(distinct(20).map((d) => client.domain(d)));
    expect(sim.requests).toHaveLength(20);
    expect((sim.requests.at(-1)?.time ?? 0) - started).toBeGreaterThanOrEqual(17 * INTERVAL * 0.9);
  });

  it('GIVEN burst 1 THEN eight requests take at least seven intervals', async () => {
    const sim = await useSimulator();
    const started = Date.now();
    const client = clientFor(sim, { limiter: useLimiter({ burst: 1, intervalMs: INTERVAL }) });
    await Promise.all(distinct(8).map((d) => client.domain(d)));
    expect(sim.requests).toHaveLength(8);
    expect((sim.requests.at(-1)?.time ?? 0) - started).toBeGreaterThanOrEqual(7 * INTERVAL * 0.9);
  });

  it('GIVEN 20 identical concurrent lookups through the cache THEN one upstream request is made', async () => {
    const sim = await useSimulator();
    const store = await openStore('memory://');
    const lookups = new CachedLookup(clientFor(sim, { limiter: useLimiter({ intervalMs: INTERVAL }) }), store.namespace('reports'));
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => lookups.lookup('domain', 'aoldaily.com')));
    expect(sim.requests).toHaveLength(1);
    expect(outcomes.every((o) => o.report.found)).toBe(true);
  });

  it('GIVEN queued jobs of every priority THEN interactive runs before votes before passive', async () => {
    const limiter = useLimiter({ burst: 1, intervalMs: 30 });
    const order: string[] = [];
    const job = (name: string) => async () => void order.push(name);
    let release: () => void = () => {};
    const first = limiter.schedule('interactive', () => new Promise<void>((r) => (release = r)).then(job('first')));
    const rest = [
      limiter.schedule('passive', job('passive')),
      limiter.schedule('vote', job('vote')),
      limiter.schedule('interactive', job('interactive')),
    ];
    await new Promise((r) => setTimeout(r, 50)); // all three are queued behind the running job
    release();
    await Promise.all([first, ...rest]);
    expect(order).toEqual(['first', 'interactive', 'vote', 'passive']);
  });

  it('GIVEN a full queue THEN passive jobs are shed with QueueFullError while interactive ones still queue', async () => {
    const limiter = useLimiter({ burst: 1, intervalMs: 1000, maxPassiveQueue: 2 });
    const noop = async () => {};
    const queued = [limiter.schedule('interactive', noop), limiter.schedule('interactive', noop), limiter.schedule('interactive', noop)];
    await expect(limiter.schedule('passive', noop)).rejects.toBeInstanceOf(QueueFullError);
    expect(limiter.queued()).toBeGreaterThanOrEqual(2);
    const settled = Promise.allSettled(queued);
    await limiter.stop();
    await settled;
  });

  it('GIVEN two jobs ahead THEN a new job is told it is third with about two intervals to wait', async () => {
    const limiter = useLimiter({ burst: 1, intervalMs: 1000 });
    let release: () => void = () => {};
    const blocker = limiter.schedule('interactive', () => new Promise<void>((r) => (release = r)));
    const waiting = limiter.schedule('interactive', async () => {});
    await new Promise((r) => setTimeout(r, 20));
    const estimate = await limiter.estimate('interactive');
    expect(estimate.position).toBe(3);
    expect(estimate.waitMs).toBeGreaterThanOrEqual(2000);
    expect(estimate.waitMs).toBeLessThanOrEqual(3000);
    release();
    const settled = Promise.allSettled([blocker, waiting]);
    await limiter.stop();
    await settled;
  });

  it('GIVEN an invalid burst THEN construction fails with a precise TypeError', () => {
    expect(() => useLimiter({ burst: 0 })).toThrow(/burst must be a whole number >= 1/);
  });
});

describe('sharing in-flight lookups by priority', () => {
  it('GIVEN a passive lookup queued THEN an interactive lookup of the same value promotes it: it does not wait in its place, and is fetched once', async () => {
    const sim = await useSimulator();
    const limiter = useLimiter({ burst: 1, intervalMs: 300 });
    const store = await openStore('memory://');
    const lookups = new CachedLookup(clientFor(sim, { limiter }), store.namespace('reports'));
    const blockers = distinct(3).map((d) => lookups.lookup('domain', d, 'passive'));
    const passive = lookups.lookup('domain', 'aoldaily.com', 'passive');
    await new Promise((r) => setTimeout(r, 20));
    await Promise.allSettled([lookups.lookup('domain', 'aoldaily.com', 'interactive'), ...blockers, passive]);
    // The promoted request overtook the passive ones still queued (one had already been handed to Bottleneck).
    const values = sim.requests.map((r) => r.value);
    expect(values.indexOf('aoldaily.com')).toBeLessThanOrEqual(2);
    expect(values).toHaveLength(4);
    expect(values.filter((v) => v === 'aoldaily.com')).toHaveLength(1);
  });

  it('GIVEN an interactive lookup in flight THEN a passive one of the same value shares it', async () => {
    const sim = await useSimulator();
    const store = await openStore('memory://');
    const lookups = new CachedLookup(clientFor(sim), store.namespace('reports'));
    await Promise.all([lookups.lookup('domain', 'aoldaily.com', 'interactive'), lookups.lookup('domain', 'aoldaily.com', 'passive')]);
    expect(sim.requests).toHaveLength(1);
    expect(lookups.stats.shared).toBe(1);
  });
});
