/**
 * The watchlist at its default budget (2,160 watches): setting them one by one (each under the index lock),
 * and scheduler rounds with none due (the first reads every record, later ones the index alone), on SQLite and Redis.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { OutboundRouter } from '../src/core/outbound.js';
import { createLogger } from '../src/observability/logger.js';
import { LocalCoordination, RedisCoordination } from '../src/store/coordination.js';
import { openStore } from '../src/store/open-store.js';
import { WatchScheduler } from '../src/watch/watch-scheduler.js';
import { WatchStore } from '../src/watch/watch-store.js';
import { Watchlist } from '../src/watch/watchlist.js';

const LIMITS = { upstreamIntervalMs: 10_000, budgetShare: 0.25, checkIntervalMs: 86_400_000, maxPerPerson: 1e6, maxPerChannel: 1e6 };

async function measure(label: string, url: string, redis: Redis | null, count: number): Promise<string> {
  const store = await openStore(url);
  const coordination = redis ? new RedisCoordination(redis) : new LocalCoordination(store.namespace('claims'));
  const watches = new WatchStore(store.namespace('watches'), coordination);
  const list = new Watchlist({ store: watches, limits: LIMITS, peek: async () => undefined, now: Date.now });
  let started = performance.now();
  for (let i = 0; i < count; i++) {
    const place = { platform: 'slack' as const, channelId: `C${i % 40}` };
    await list.watch({ place, owner: `person:slack:-:U${i % 100}`, target: { type: 'domain', value: `host${i}.sample-corp.com` } });
  }
  const addMs = performance.now() - started;
  const scheduler = new WatchScheduler({
    store: watches,
    refresh: async () => {
      throw new Error('none is due');
    },
    outbound: new OutboundRouter(),
    coordination,
    checkIntervalMs: LIMITS.checkIntervalMs,
    logger: createLogger('silent'),
  });
  started = performance.now();
  await scheduler.runDue();
  const firstMs = performance.now() - started;
  started = performance.now();
  await scheduler.runDue();
  const laterMs = performance.now() - started;
  await store.close();
  return `| ${label} | ${count.toLocaleString('en')} | ${(addMs / count).toFixed(1)} ms | ${firstMs.toFixed(0)} ms | ${laterMs.toFixed(1)} ms |`;
}

export async function benchWatchlist(count = 2160): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-watchlist-'));
  const port = 20_000 + Math.floor(Math.random() * 10_000);
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, 500));
  const redis = new Redis(`redis://127.0.0.1:${port}`);
  try {
    return [
      '| store | watches | setting one (lock, limits, write) | first round, none due | later rounds, none due |',
      '|---|---|---|---|---|',
      await measure('SQLite', `sqlite://${join(dir, 'bench.sqlite')}`, null, count),
      await measure('Redis', `redis://127.0.0.1:${port}`, redis, count),
    ];
  } finally {
    redis.disconnect();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
