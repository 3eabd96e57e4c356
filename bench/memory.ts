/**
 * Memory: one bot process idle with both adapters connected (to the fakes), and the cache holding
 * 100,000 reports (heap, and hit ratio on a Zipf workload over more values than it holds).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CachedLookup } from '../src/cache/cached-lookup.js';
import type { ReportProvider } from '../src/providers/provider.js';
import { emptyReport, type LookupType } from '../src/report/report.js';
import { startSimulator } from '../src/simulator/server.js';
import { openStore } from '../src/store/open-store.js';
import { startFakeDiscord } from '../test/support/fake-discord.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { prng } from './corpus.js';

const ROOT = new URL('..', import.meta.url).pathname;
const MB = 1024 * 1024;

async function idleProcess(): Promise<string[]> {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
  const sim = await startSimulator();
  const slack = await startFakeSlack();
  const discord = await startFakeDiscord();
  const child = spawn(process.execPath, ['bin/threatcrowd-bot.js', 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench-signing-secret',
      SLACK_PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: 'bench-token-that-is-long-enough',
      DISCORD_API_URL: discord.apiUrl,
      THREATCROWD_URL: sim.url,
      CACHE_URL: 'memory://',
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
    },
  });
  let logs = '';
  child.stderr.on('data', (d) => {
    logs += d;
  });
  const start = Date.now();
  while (!logs.includes('threatcrowd-bot is running')) {
    if (Date.now() - start > 20_000) throw new Error(`bot did not start: ${logs}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 5000)); // settle: heartbeats, GC
  const status = execFileSync('cat', [`/proc/${child.pid}/status`]).toString();
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  await sim.close();
  await slack.close();
  return [
    '| measure | value |',
    '|---|---|',
    `| resident memory, idle, Slack (HTTP) and Discord (gateway) connected, compiled JS | ${rss.toFixed(1)} MB |`,
  ];
}

/** A provider that answers instantly with a report of typical size (no network: this measures the cache). */
const provider: ReportProvider = {
  name: 'bench',
  async report(type: LookupType, value: string) {
    const base = emptyReport(type, value, new Date().toISOString());
    return {
      ...base,
      found: true,
      votes: -1,
      permalink: `https://www.threatcrowd.org/domain.php?domain=${value}`,
      resolutions: Array.from({ length: 5 }, (_, i) => ({ ip: `10.0.${i}.1`, lastResolved: '2020-01-01' })),
      hashes: Array.from({ length: 5 }, (_, i) => `${i}`.padStart(32, 'a')),
      subdomains: [`www.${value}`, `mail.${value}`],
    };
  },
};

async function cacheOf(url: string, reports: number): Promise<string> {
  const store = await openStore(url);
  const lookups = new CachedLookup(provider, store.namespace('reports'));
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let i = 0; i < reports; i++) await lookups.lookup('domain', `host${i}.bench.example`, 'interactive');
  const fillSeconds = (performance.now() - started) / 1000;
  global.gc?.();
  const heap = (process.memoryUsage().heapUsed - before) / MB;
  // Zipf-skewed lookups over 120,000 values: the 100,000 cached ones and 20,000 new ones.
  const rand = prng(11);
  const n = 120_000;
  let hitsBefore = lookups.stats.hits;
  let missesBefore = lookups.stats.misses;
  for (let i = 0; i < 20_000; i++) {
    const rank = Math.min(n - 1, Math.floor(n * rand() ** 3)); // skewed toward low ranks
    await lookups.lookup('domain', `host${rank}.bench.example`, 'interactive');
  }
  const hits = lookups.stats.hits - hitsBefore;
  const misses = lookups.stats.misses - missesBefore;
  hitsBefore = missesBefore = 0;
  const file = url.startsWith('sqlite://') ? ` (file ${(statSync(url.slice(9)).size / MB).toFixed(1)} MB)` : '';
  await store.close();
  return `| ${url.split('://')[0]} | ${reports} | ${heap.toFixed(1)} MB${file} | ${fillSeconds.toFixed(1)} s | ${((hits / (hits + misses)) * 100).toFixed(1)}% |`;
}

export async function benchMemory(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tcb-bench-'));
  return [
    ...(await idleProcess()),
    '',
    '| store | cached reports | heap growth | time to fill | hit ratio, 20,000 Zipf lookups over 120,000 values |',
    '|---|---|---|---|---|',
    await cacheOf('memory://', 100_000),
    await cacheOf(`sqlite://${join(dir, 'bench.sqlite')}`, 100_000),
  ];
}
