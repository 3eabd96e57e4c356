import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CachedLookup } from '../../src/cache/cached-lookup.js';
import { UpstreamStatusError } from '../../src/errors/index.js';
import { openStore } from '../../src/store/open-store.js';
import { clientFor, useSimulator } from '../support/simulator.js';

const HOUR = 3_600_000;

async function setup(options: { now?: () => number } = {}) {
  const sim = await useSimulator();
  const store = await openStore('memory://');
  const lookups = new CachedLookup(clientFor(sim, { retries: 0 }), store.namespace('reports'), {
    foundTtlMs: 6 * HOUR,
    notFoundTtlMs: HOUR,
    ...options,
  });
  return { sim, lookups };
}

describe('cached lookups', () => {
  it('GIVEN a fresh cached answer THEN the second lookup asks nobody', async () => {
    const { sim, lookups } = await setup();
    expect((await lookups.lookup('domain', 'aoldaily.com')).from).toBe('upstream');
    expect((await lookups.lookup('domain', 'AOLDAILY.COM')).from).toBe('cache');
    expect(sim.requests).toHaveLength(1);
    expect(lookups.hitRatio()).toBe(0.5);
  });

  it('GIVEN a found answer older than its TTL THEN upstream is asked again', async () => {
    let now = 0;
    const { sim, lookups } = await setup({ now: () => now });
    await lookups.lookup('domain', 'aoldaily.com');
    now = 6 * HOUR - 1;
    await lookups.lookup('domain', 'aoldaily.com');
    expect(sim.requests).toHaveLength(1);
    now = 6 * HOUR + 1;
    await lookups.lookup('domain', 'aoldaily.com');
    expect(sim.requests).toHaveLength(2);
  });

  it('GIVEN a not-found answer THEN it has its own shorter TTL', async () => {
    let now = 0;
    const { sim, lookups } = await setup({ now: () => now });
    await lookups.lookup('domain', 'unknown-thing.org');
    now = HOUR + 1;
    await lookups.lookup('domain', 'unknown-thing.org');
    expect(sim.requests).toHaveLength(2);
  });

  it('GIVEN upstream fails and a stale entry exists THEN the stale answer is served, marked stale', async () => {
    let now = 0;
    const { sim, lookups } = await setup({ now: () => now });
    await lookups.lookup('domain', 'aoldaily.com');
    now = 7 * HOUR;
    sim.addFault({ kind: 'http-503' });
    const outcome = await lookups.lookup('domain', 'aoldaily.com');
    expect(outcome.from).toBe('stale');
    expect(outcome.report.stale).toBe(true);
    expect(outcome.error).toBeInstanceOf(UpstreamStatusError);
    expect(lookups.stats.lastFailure).toBe('status');
  });

  it('GIVEN upstream fails and nothing is cached THEN the upstream error reaches the caller', async () => {
    const { sim, lookups } = await setup();
    sim.addFault({ kind: 'http-503' });
    await expect(lookups.lookup('domain', 'aoldaily.com')).rejects.toBeInstanceOf(UpstreamStatusError);
  });

  it('GIVEN a SQLite store THEN a cached answer survives reopening the store', async () => {
    const sim = await useSimulator();
    const file = join(mkdtempSync(join(tmpdir(), 'tcb-cache-')), 'cache.sqlite');
    const first = await openStore(`sqlite://${file}`);
    await new CachedLookup(clientFor(sim), first.namespace('reports')).lookup('ip', '188.40.75.132');
    await first.close();
    const second = await openStore(`sqlite://${file}`);
    const outcome = await new CachedLookup(clientFor(sim), second.namespace('reports')).lookup('ip', '188.40.75.132');
    await second.close();
    expect(outcome.from).toBe('cache');
    expect(sim.requests).toHaveLength(1);
  });

  it('GIVEN an unknown store scheme THEN opening fails naming the accepted ones', async () => {
    await expect(openStore('mongo://x')).rejects.toThrow(/memory:\/\/, sqlite:\/\/PATH or redis:\/\//);
  });
});

describe('claims on a SQLite store', () => {
  it('GIVEN a claim THEN it holds after the process restarts on the same file, and expires with its window', async () => {
    const { LocalCoordination } = await import('../../src/store/coordination.js');
    const file = join(mkdtempSync(join(tmpdir(), 'tcb-claims-')), 'claims.sqlite');
    const first = await openStore(`sqlite://${file}`);
    expect(await new LocalCoordination(first.namespace('claims')).claim('slack-event:Ev1', 60_000)).toBe(true);
    expect(await new LocalCoordination(first.namespace('claims')).claim('short', 1)).toBe(true);
    await first.close();
    const second = await openStore(`sqlite://${file}`);
    const again = new LocalCoordination(second.namespace('claims'));
    expect(await again.claim('slack-event:Ev1', 60_000)).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    expect(await again.claim('short', 1)).toBe(true);
    await second.close();
  });
});
