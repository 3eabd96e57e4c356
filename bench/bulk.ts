/**
 * A 500-indicator bulk against the simulator with a fast limiter: upstream requests against the ideal
 * (distinct values not already cached), and how long a person's lookup waits while the bulk runs.
 */
import { BulkRunner } from '../src/bulk/bulk-runner.js';
import { BulkStateStore } from '../src/bulk/bulk-state.js';
import { planBulk } from '../src/bulk/plan-bulk.js';
import { CachedLookup } from '../src/cache/cached-lookup.js';
import { startSimulator } from '../src/simulator/server.js';
import { LocalCoordination } from '../src/store/coordination.js';
import { openStore } from '../src/store/open-store.js';
import { ThreatCrowdClient } from '../src/threatcrowd/client.js';
import { RequestLimiter } from '../src/throttle/limiter.js';

const DISTINCT = 500;
const CACHED = 100;
const INTERVAL_MS = 5;

export async function benchBulk(): Promise<string[]> {
  const simulator = await startSimulator();
  const store = await openStore('memory://');
  const limiter = new RequestLimiter({ burst: 3, intervalMs: INTERVAL_MS });
  const lookups = new CachedLookup(new ThreatCrowdClient({ baseUrl: simulator.url, limiter, retries: 0 }), store.namespace('reports'));
  const values = Array.from({ length: DISTINCT }, (_, i) => `host${i}.bench-example.com`);
  for (const value of values.slice(0, CACHED)) await lookups.lookup('domain', value, 'interactive');
  simulator.requests.length = 0;
  // The list as pasted: every value, 60 of them again defanged, and 20 internal addresses.
  const lines = [
    ...values,
    ...values.slice(0, 60).map((v) => v.replace(/\.com$/, '[.]com')),
    ...Array.from({ length: 20 }, (_, i) => `10.1.0.${i}`),
  ];
  const plan = planBulk(lines.join('\n'));
  const runner = new BulkRunner({ lookups, queue: limiter, state: new BulkStateStore(store.namespace('bulk'), new LocalCoordination()) });
  let updates = 0;
  const personWaits: number[] = [];
  const started = performance.now();
  const bulk = runner.start(plan, 'bench', {
    onProgress: (p) => {
      updates++;
      if (p.done % 50 === 25) {
        const at = performance.now();
        void lookups
          .lookup('domain', `person${p.done}.bench-example.com`, 'interactive')
          .then(() => personWaits.push(performance.now() - at));
      }
    },
  });
  const outcome = await bulk;
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 50));
  const bulkRequests = simulator.requests.filter((r) => String(r.value).startsWith('host')).length;
  await limiter.stop();
  await simulator.close();
  await store.close();
  const ideal = DISTINCT - CACHED;
  return [
    `workload: ${lines.length} lines (${DISTINCT} distinct domains, 60 repeated defanged, 20 private addresses), ${CACHED} already cached; limiter burst 3, one token every ${INTERVAL_MS} ms; ${seconds.toFixed(1)} s`,
    '',
    '| measure | value |',
    '|---|---|',
    `| planned lookups / repeats removed / internal skipped | ${plan.targets.length} / ${plan.duplicates} / ${plan.skipped} |`,
    `| answered from cache | ${outcome.progress.fromCache} |`,
    `| upstream requests for the bulk | ${bulkRequests} |`,
    `| ideal (distinct values not cached) | ${ideal} |`,
    `| failed | ${outcome.progress.failed} |`,
    `| progress updates | ${updates} |`,
    `| a person's lookup during the bulk, wait max ms (${personWaits.length} lookups) | ${Math.max(...personWaits).toFixed(1)} |`,
    `| bulk time vs the limiter's floor (${ideal - 3} intervals) | ${(seconds * 1000).toFixed(0)} ms vs ${(ideal - 3) * INTERVAL_MS} ms |`,
  ];
}

/**
 * What one runner keeps after many bulks: 40 bulks of 500 lookups on one runner (its shutdown signal lives as
 * long as the process), the lookups answered at once in memory, so only the runner's own retention shows.
 */
export async function benchBulkRetention(): Promise<string[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return ['(run with node --expose-gc to measure retention)'];
  const store = await openStore('memory://');
  const keyv = store.namespace('bulk');
  const state = new BulkStateStore(keyv, new LocalCoordination());
  const lookups = {
    lookup: async () => ({ report: null as never, from: 'upstream' as const }),
    isFresh: async () => false,
    peek: async () => undefined,
  };
  const queue = { estimate: async () => ({ waitMs: 0, ahead: 0 }), intervalMs: 1 } as never;
  const runner = new BulkRunner({ lookups, queue, state });
  const plan = planBulk(Array.from({ length: 500 }, (_, i) => `r${i}.bench-example.com`).join('\n'));
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed / 1e6;
  };
  await runner.start(plan, 'bench'); // warm-up
  await keyv.clear(); // the jobs kept for a week are the store's, not the runner's retention
  const before = heap();
  const bulks = 40;
  for (let i = 0; i < bulks; i++) await runner.start(plan, 'bench');
  await keyv.clear();
  const grown = heap() - before;
  await store.close();
  return [
    '| bulks × lookups on one runner | heap growth after GC | per lookup |',
    '|---|---|---|',
    `| ${bulks} × 500 | ${grown.toFixed(1)} MB | ${((grown * 1e6) / (bulks * 500)).toFixed(0)} bytes |`,
  ];
}
