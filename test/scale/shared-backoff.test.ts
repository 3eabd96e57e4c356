import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createServices } from '../../src/runtime/services.js';
import { offlineEnv } from '../support/env.js';
import { useRedisForFile } from '../support/redis-server.js';
import { afterTest } from '../support/servers.js';
import { clientFor, useLimiter, useSimulator } from '../support/simulator.js';

const redis = useRedisForFile();

describe('shared back-off', () => {
  it('GIVEN ThreatCrowd answers one replica 503 with Retry-After: 1 THEN no replica sends a request for 1 s', async () => {
    const sim = await useSimulator();
    sim.addFault({ kind: 'http-503', retryAfter: '1', times: 1 });
    const settings = loadSettings({ ...offlineEnv(sim), REDIS_URL: redis.url, THREATCROWD_BURST: '3', THREATCROWD_INTERVAL_MS: '20' });
    const a = await createServices(settings);
    const b = await createServices(settings);
    afterTest(() => a.close());
    afterTest(() => b.close());
    await expect(a.client.domain('first.example.com')).rejects.toThrow(/503/);
    await b.client.domain('second.example.com');
    const [refused, next] = sim.requests;
    expect(refused?.status).toBe(503);
    expect((next?.time ?? 0) - (refused?.time ?? 0)).toBeGreaterThanOrEqual(990);
  }, 20_000);

  it('GIVEN "Too many connections" THEN the retry waits and the requests after it do not spend the burst', async () => {
    const sim = await useSimulator();
    sim.addFault({ kind: 'too-many-connections', times: 1 });
    const interval = 150;
    const client = clientFor(sim, { limiter: useLimiter({ burst: 3, intervalMs: interval }), retries: 1, backoffMs: 200, random: () => 1 });
    await Promise.all(['a', 'b', 'c'].map((x) => client.domain(`${x}.example.com`)));
    const times = sim.requests.map((r) => r.time);
    expect(sim.requests[0]?.fault).toBe('too-many-connections');
    expect(times).toHaveLength(4);
    // Paused for the backoff (200 ms), measured from the refusal, which the pause follows.
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(190);
    // The refusal emptied the bucket: the three requests after it wait for three refills, one interval apart, so
    // the last comes at least two intervals after the refusal (about three: 450 ms). Spending the burst would
    // send all three as the pause ends (200 ms). Measured from the refusal, which comes first, load can only
    // lengthen this; a gap between two later requests could shrink when the first of them is seen late.
    expect((times[3] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(2 * interval);
  });
});
