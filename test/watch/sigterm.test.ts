import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCoordination } from '../../src/store/coordination.js';
import { openStore } from '../../src/store/open-store.js';
import { type WatchRecord, WatchStore, watchId } from '../../src/watch/watch-store.js';
import { offlineEnv, slackEnv } from '../support/env.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { processTestTimeout } from '../support/process-limits.js';
import { useSimulator } from '../support/simulator.js';
import { startBotProcess } from '../support/start-process.js';
import { waitUntil } from './support.js';

/** Reads (or with `seed`, first writes) the one watch kept in the store file. */
async function watchIn(file: string, seed?: WatchRecord): Promise<WatchRecord | undefined> {
  const store = await openStore(`sqlite://${file}`);
  const watches = new WatchStore(store.namespace('watches'), new LocalCoordination());
  if (seed) await watches.add(seed, () => null);
  const record = await watches.get(seed?.id ?? Object.keys(await watches.index())[0] ?? '');
  await store.close();
  return record;
}

describe('the watchlist and SIGTERM', () => {
  it('GIVEN a re-check stuck on a hanging ThreatCrowd WHEN SIGTERM THEN exit 0 within 10 s, no failure recorded, and the next start re-checks it', {
    timeout: processTestTimeout(2),
  }, async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const file = join(mkdtempSync(join(tmpdir(), 'tcb-watch-term-')), 'bot.sqlite');
    const place = { platform: 'slack' as const, channelId: 'C1' };
    const target = { type: 'domain' as const, value: 'aoldaily.com' };
    await watchIn(file, {
      id: watchId(place, target),
      target,
      place,
      owner: 'person:slack:-:U1',
      createdAt: 0,
      nextCheckAt: 0, // due at once
      lastCheckedAt: null,
      snapshots: {},
      onFeed: null,
      failures: 0,
      failureNoticed: false,
    });
    const env = { ...offlineEnv(sim), ...slackEnv(slack), CACHE_URL: `sqlite://${file}`, THREATCROWD_TIMEOUT_MS: '120000' };

    sim.addFault({ kind: 'hang', path: '/searchApi/v2/domain/' });
    const first = await startBotProcess(env);
    await waitUntil(() => sim.requests.some((r) => r.fault === 'hang'), 15_000);
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    // Exit 0 means the stop ended inside the process's own 10-s deadline (src/cli/start-command.ts exits 1 past it).
    expect(await first.exited).toBe(0);
    // Seen from here, the signal's delivery and the process's exit add to the stop, and load stretches them: about
    // 1 s in all. A stop that waited for the hanging re-check would take 120 s.
    expect(Date.now() - signalled).toBeLessThan(30_000);
    expect(await watchIn(file)).toMatchObject({ failures: 0, nextCheckAt: 0, lastCheckedAt: null });

    sim.clearFaults();
    const second = await startBotProcess(env);
    await waitUntil(async () => ((await watchIn(file))?.lastCheckedAt ?? null) !== null, 15_000);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect((await watchIn(file))?.snapshots.threatcrowd?.found).toBe(true);
    expect(slack.callsOf('chat.postMessage')).toEqual([]); // a first answer is a baseline, not a change
  });
});
