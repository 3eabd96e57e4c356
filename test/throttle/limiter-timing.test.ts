/**
 * The limiter's timing on a fake clock: Bottleneck's timers and `Date`, and the limiter's own clock, all run on
 * vitest's fake time, so these spacings are exact whatever the machine is doing. (Pauses are measured in real
 * time on the simulator, in test/providers/resilience.test.ts and test/scale/shared-backoff.test.ts: on fake
 * time Bottleneck 2.19 stops moving once its reservoir has been emptied by hand.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestLimiter } from '../../src/throttle/limiter.js';
import type { LimiterOptions } from '../../src/throttle/limiter-options.js';

const INTERVAL = 1000;
/** Fake milliseconds Bottleneck spends handing a job on (zero-delay timers). */
const HAND_ON = 10;
let limiter: RequestLimiter;

beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
afterEach(async () => {
  const stopped = limiter?.stop();
  await vi.advanceTimersByTimeAsync(INTERVAL); // Bottleneck's own timers run on the fake clock too
  await stopped;
  vi.useRealTimers();
});

function limiterOf(options: LimiterOptions): RequestLimiter {
  limiter = new RequestLimiter({ intervalMs: INTERVAL, clock: { now: () => Date.now() }, ...options });
  return limiter;
}

/**
 * Schedules `n` jobs at once and returns the fake times at which each started, moving the fake clock on for
 * `ms` (and a little more while a job is still being handed on). Bottleneck hands a job on through zero-delay
 * timers, each of which moves the fake clock by a millisecond or so: starts may be a few milliseconds late, never early.
 */
async function startTimes(n: number, ms: number): Promise<number[]> {
  const t0 = Date.now();
  const started: number[] = [];
  const jobs = Array.from({ length: n }, () => limiter.schedule('interactive', async () => void started.push(Date.now() - t0)));
  await vi.advanceTimersByTimeAsync(ms);
  for (let extra = 0; started.length < n && extra < 10 * HAND_ON; extra += HAND_ON) await vi.advanceTimersByTimeAsync(HAND_ON);
  expect(started).toHaveLength(n);
  await vi.advanceTimersByTimeAsync(HAND_ON); // the last job's completion is handed back the same way
  await Promise.all(jobs);
  return started;
}

const gapsOf = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? t));

describe('the limiter on a fake clock', () => {
  it('GIVEN 20 jobs at once with a burst of 3 THEN three start at once and the rest one interval apart', async () => {
    limiterOf({ burst: 3 });
    const times = await startTimes(20, 20 * INTERVAL);
    expect(times).toHaveLength(20);
    expect(times.slice(0, 3).every((t) => t < 50)).toBe(true);
    // The refill is checked on Bottleneck's heartbeat (intervalMs / 10), so a start can be one beat late, never early.
    for (const gap of gapsOf(times.slice(2))) {
      expect(gap).toBeGreaterThanOrEqual(INTERVAL - 100);
      expect(gap).toBeLessThanOrEqual(INTERVAL + 100);
    }
    expect((times.at(-1) ?? 0) - (times[2] ?? 0)).toBeGreaterThanOrEqual(17 * INTERVAL - 100);
  });

  it('GIVEN burst 1 THEN no two jobs start closer than the interval', async () => {
    limiterOf({ burst: 1 });
    const times = await startTimes(8, 8 * INTERVAL);
    expect(times).toHaveLength(8);
    for (const gap of gapsOf(times)) expect(gap).toBeGreaterThanOrEqual(INTERVAL - HAND_ON);
  });

  it('GIVEN a quiet period after the burst is spent THEN the bucket refills to the burst and no further', async () => {
    limiterOf({ burst: 3 });
    await startTimes(3, 0);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL); // long enough to refill well past three tokens, were it unbounded
    const times = await startTimes(5, 3 * INTERVAL);
    expect(times.slice(0, 3).every((t) => t < 50)).toBe(true);
    expect((times[3] ?? 0) - (times[2] ?? 0)).toBeGreaterThanOrEqual(INTERVAL - 100);
  });

  it('GIVEN a job that waited THEN the wait reported to metrics is the fake time it spent queued', async () => {
    const waits: number[] = [];
    limiterOf({ burst: 1, onWait: (_priority, ms) => waits.push(ms) });
    await startTimes(3, 3 * INTERVAL);
    expect(waits[0]).toBeLessThanOrEqual(HAND_ON);
    expect(waits[1]).toBeGreaterThanOrEqual(INTERVAL - HAND_ON);
    expect(waits[2]).toBeGreaterThanOrEqual(2 * INTERVAL - HAND_ON);
  });

  it('GIVEN burst 1 THEN the limiter is idle only once a whole interval has passed since the last start', async () => {
    limiterOf({ burst: 1 });
    await startTimes(1, 0);
    expect(await limiter.isIdle()).toBe(false);
    await vi.advanceTimersByTimeAsync(INTERVAL - 2 * HAND_ON);
    expect(await limiter.isIdle()).toBe(false);
    await vi.advanceTimersByTimeAsync(2 * HAND_ON);
    expect(await limiter.isIdle()).toBe(true);
  });
});
