/**
 * A chat-like lookup workload against the simulator: 10,000 lookups of 2,000 distinct indicators with a
 * Zipf skew, arriving faster than the limiter allows, 40% asked by a person and 60% passive.
 */
import { CachedLookup } from '../src/cache/cached-lookup.js';
import { QueueFullError } from '../src/errors/index.js';
import { startSimulator } from '../src/simulator/server.js';
import { openStore } from '../src/store/open-store.js';
import { ThreatCrowdClient } from '../src/threatcrowd/client.js';
import { type Priority, RequestLimiter } from '../src/throttle/limiter.js';
import { prng } from './corpus.js';

const LOOKUPS = 10_000;
const DISTINCT = 2_000;
const INTERVAL_MS = 2;
const ARRIVAL_MS = 1; // mean gap between lookups

function zipfSampler(n: number, s: number, rand: () => number): () => number {
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cumulative.push(acc);
  }
  return () => {
    const u = rand();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 1) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function benchLookups(): Promise<string[]> {
  const rand = prng(7);
  const simulator = await startSimulator();
  const store = await openStore('memory://');
  const limiter = new RequestLimiter({ burst: 3, intervalMs: INTERVAL_MS, maxPassiveQueue: 20 });
  const client = new ThreatCrowdClient({ baseUrl: simulator.url, limiter, retries: 0 });
  const lookups = new CachedLookup(client, store.namespace('reports'));
  const next = zipfSampler(DISTINCT, 1.1, rand);
  const latencies: Record<Priority, number[]> = { interactive: [], vote: [], bulk: [], passive: [] };
  let shed = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < LOOKUPS; i++) {
    const value = `host${next()}.bench-example.com`;
    const priority: Priority = rand() < 0.4 ? 'interactive' : 'passive';
    const at = performance.now();
    pending.push(
      lookups.lookup('domain', value, priority).then(
        () => void latencies[priority].push(performance.now() - at),
        (error: unknown) => {
          if (error instanceof QueueFullError) shed++;
          else throw error;
        },
      ),
    );
    if (rand() < 1 / ARRIVAL_MS / 2) await new Promise((r) => setTimeout(r, 1)); // about one tick per 2 lookups
  }
  await Promise.all(pending);
  const elapsed = performance.now() - started;
  await limiter.stop();
  await simulator.close();
  await store.close();
  const s = lookups.stats;
  const served = s.hits + s.shared;
  return [
    `workload: ${LOOKUPS} lookups of ${DISTINCT} distinct domains (Zipf s=1.1), 40% interactive / 60% passive, limiter burst 3 every ${INTERVAL_MS} ms, passive shed above 20 queued; ${(elapsed / 1000).toFixed(1)} s`,
    '',
    '| measure | value |',
    '|---|---|',
    `| upstream requests | ${simulator.served()} |`,
    `| distinct values fetched | ${new Set(simulator.requests.map((r) => r.value)).size} |`,
    `| answered from cache (fresh hits) | ${s.hits} |`,
    `| shared an identical request in flight | ${s.shared} |`,
    `| cache hit ratio (hits + shared) / lookups | ${((served / LOOKUPS) * 100).toFixed(1)}% |`,
    `| passive lookups shed (queue full) | ${shed} |`,
    `| interactive wait p50 / p95 / max ms | ${percentile(latencies.interactive, 50).toFixed(1)} / ${percentile(latencies.interactive, 95).toFixed(1)} / ${percentile(latencies.interactive, 100).toFixed(1)} |`,
    `| passive wait p50 / p95 / max ms | ${percentile(latencies.passive, 50).toFixed(1)} / ${percentile(latencies.passive, 95).toFixed(1)} / ${percentile(latencies.passive, 100).toFixed(1)} |`,
  ];
}
