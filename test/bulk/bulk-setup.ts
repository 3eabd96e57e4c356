/** A bulk runner wired to the simulator through the real client, limiter, cache and store. */
import { BulkRunner } from '../../src/bulk/bulk-runner.js';
import type { BulkOutcome, BulkRunnerOptions } from '../../src/bulk/bulk-runner-options.js';
import { BulkStateStore } from '../../src/bulk/bulk-state.js';
import { planBulk } from '../../src/bulk/plan-bulk.js';
import { CachedLookup } from '../../src/cache/cached-lookup.js';
import { type BreakerOptions, GuardedProvider } from '../../src/providers/circuit-breaker.js';
import type { SimulatorOptions } from '../../src/simulator/server.js';
import { LocalCoordination } from '../../src/store/coordination.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import type { LimiterOptions } from '../../src/throttle/limiter-options.js';
import { afterTest } from '../support/servers.js';
import { clientFor, useLimiter, useSimulator } from '../support/simulator.js';

interface BulkSetupOptions {
  readonly simulator?: SimulatorOptions;
  readonly limiter?: LimiterOptions;
  readonly store?: Store;
  /** Puts ThreatCrowd behind a circuit breaker, as the bot does. */
  readonly breaker?: BreakerOptions;
}

export async function bulkSetup(options: BulkSetupOptions = {}) {
  const sim = await useSimulator(options.simulator);
  const store = options.store ?? (await openStore('memory://'));
  if (!options.store) afterTest(() => store.close());
  const limiter = useLimiter({ burst: 3, intervalMs: 10, ...options.limiter });
  const client = clientFor(sim, { limiter, retries: 0 });
  const provider = options.breaker ? new GuardedProvider(client, options.breaker) : client;
  const lookups = new CachedLookup(provider, store.namespace('reports'));
  const coordination = new LocalCoordination();
  const state = new BulkStateStore(store.namespace('bulk'), coordination);
  const runner = (extra: Partial<BulkRunnerOptions> = {}) => new BulkRunner({ lookups, queue: limiter, state, ...extra });
  return { sim, store, limiter, lookups, state, runner, coordination };
}

/** `count` distinct domains, one a line (the simulator answers "not found" for them). */
export function domainList(count: number, prefix = 'host'): string {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}.sample-corp.com`).join('\n');
}

export const planOf = (text: string) => planBulk(text);

export const valuesOf = (outcome: BulkOutcome | null) => outcome?.results.map((r) => r.value) ?? [];
