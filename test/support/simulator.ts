/** Starts a simulator per test and a client wired to it with a fast limiter. */
import { afterEach } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/simulator/server.js';
import { ThreatCrowdClient } from '../../src/threatcrowd/client.js';
import type { ThreatCrowdClientOptions } from '../../src/threatcrowd/client-options.js';
import { RequestLimiter } from '../../src/throttle/limiter.js';
import type { LimiterOptions } from '../../src/throttle/limiter-options.js';

const running: Simulator[] = [];
const limiters: RequestLimiter[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  await Promise.all(limiters.splice(0).map((l) => l.stop()));
});

/** A simulator closed after the test. */
export async function useSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = await startSimulator(options);
  running.push(simulator);
  return simulator;
}

/** A limiter stopped after the test; fast by default. */
export function useLimiter(options: LimiterOptions = {}): RequestLimiter {
  const limiter = new RequestLimiter({ burst: 3, intervalMs: 20, ...options });
  limiters.push(limiter);
  return limiter;
}

/** A client for `simulator` with no real waits between retries. */
export function clientFor(simulator: Simulator, options: ThreatCrowdClientOptions = {}): ThreatCrowdClient {
  return new ThreatCrowdClient({
    baseUrl: simulator.url,
    limiter: options.limiter ?? useLimiter(),
    sleep: async () => {},
    timeoutMs: 10_000, // generous: a loaded machine may take seconds to answer; tests of timeouts set their own
    ...options,
  });
}
