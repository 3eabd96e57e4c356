/** Feed matching with a million-line feed: parse time, memory, and lookups per second. */
import { CrowdFeeds } from '../src/feeds/crowd-feeds.js';
import { openStore } from '../src/store/open-store.js';

export async function benchFeeds(): Promise<string[]> {
  const lines = Array.from({ length: 1_000_000 }, (_, i) => `host${i}.feed-example.com`);
  const body = lines.join('\n');
  const store = await openStore('memory://');
  const feeds = new CrowdFeeds(
    { text: async (path) => (path.endsWith('domains.txt') ? body : ''), reachable: () => true },
    store.namespace('feeds'),
  );
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  await feeds.refresh();
  const refreshMs = performance.now() - started;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const probes = 1_000_000;
  const t0 = performance.now();
  let hits = 0;
  for (let i = 0; i < probes; i++) if (feeds.has({ type: 'domain', value: `host${(i * 7919) % 2_000_000}.feed-example.com` })) hits++;
  const probeMs = performance.now() - t0;
  await store.close();
  return [
    '| measure | value |',
    '|---|---|',
    `| feed size | ${lines.length.toLocaleString('en')} lines, ${(body.length / 1024 / 1024).toFixed(1)} MB |`,
    `| download handled (parse into a set, keep in the store) | ${refreshMs.toFixed(0)} ms |`,
    `| heap held (set and stored copy) | ${heapMb.toFixed(0)} MB |`,
    `| matching | ${(((probes / probeMs) * 1000) / 1e6).toFixed(2)} million lookups/s (${hits} hits of ${probes}) |`,
  ];
}
