import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/observability/logger.js';
import { createServices, type Services } from '../../src/runtime/services.js';
import { startApp } from '../../src/runtime/start-app.js';
import { VoteService } from '../../src/votes/vote-service.js';
import { offlineEnv, SIGNING_SECRET, slackEnv } from '../support/env.js';
import { eventBody, sendSigned, startFakeSlack } from '../support/fake-slack.js';
import { processTestTimeout } from '../support/process-limits.js';
import { useRedisForFile } from '../support/redis-server.js';
import { useSimulator } from '../support/simulator.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const INTERVAL = 400;
const redis = useRedisForFile();

const opened: Array<{ stop: () => Promise<void> }> = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.stop();
});

/** A `threatcrowd-bot lookup` process sharing Redis with the others. */
function lookupProcess(env: Record<string, string>, values: string[]): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'lookup', ...values, '--format', 'json'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('scale-out on a real Redis', () => {
  it('GIVEN three processes each with a burst of lookups THEN together they stay within the configured rate', {
    timeout: processTestTimeout(3),
  }, async () => {
    const sim = await useSimulator();
    const env = {
      REDIS_URL: redis.url,
      THREATCROWD_URL: sim.url,
      OTX_URL: sim.url,
      THREATCROWD_BURST: '2',
      THREATCROWD_INTERVAL_MS: String(INTERVAL),
      THREATCROWD_RETRIES: '0',
    };
    const burst = (p: number) => Array.from({ length: 5 }, (_, i) => `p${p}-host${i}.sample-corp.com`);
    const codes = await Promise.all([0, 1, 2].map((p) => lookupProcess(env, burst(p))));
    expect(codes).toEqual([0, 0, 0]);
    expect(sim.requests).toHaveLength(15);
    // When the simulator (in this process) saw each request. These gaps join events of four processes, so load can
    // shorten them as well as lengthen them: a request is seen late by its own amount when its sender or this
    // process was not running. The bounds leave room for that (hundreds of milliseconds at this interval); three
    // unthrottled processes would send six of these at once and all fifteen within about three intervals.
    const times = sim.requests.map((r) => r.time);
    // A bucket of 2: 4 consecutive requests (from any process) span at least two intervals; never within 0.7 of one.
    for (let i = 0; i + 3 < times.length; i++) expect((times[i + 3] ?? 0) - (times[i] ?? 0)).toBeGreaterThanOrEqual(INTERVAL * 0.7);
    // 15 requests need at least 13 refills.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(13 * INTERVAL * 0.8);
  });

  it('GIVEN one Slack event delivered to two replicas THEN it is answered once', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const replica = async () => {
      const app = await startApp(loadSettings({ ...offlineEnv(sim), ...slackEnv(slack), REDIS_URL: redis.url }), createLogger('silent'));
      opened.push(app);
      return `http://127.0.0.1:${app.slack?.port}`;
    };
    const [a, b] = await Promise.all([replica(), replica()]);
    const body = eventBody(
      { type: 'message', channel: 'CR', user: 'U1', ts: '1700000100.000100', text: 'aoldaily[.]com' },
      `EvRedis${Date.now()}`,
    );
    await Promise.all([
      sendSigned(a ?? '', SIGNING_SECRET, body, 'application/json'),
      sendSigned(b ?? '', SIGNING_SECRET, body, 'application/json'),
    ]);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
  }, 30_000);

  it('GIVEN a replica killed mid-outbox THEN the other replica delivers every vote, once', async () => {
    const sim = await useSimulator();
    const settings = loadSettings({ ...offlineEnv(sim), REDIS_URL: redis.url });
    const voteServiceOn = (services: Services, deliveryClaimMs: number) =>
      new VoteService({
        ledger: services.store.namespace('votes'),
        send: (value, malicious, o) => services.client.vote(value, malicious, o),
        coordination: services.coordination,
        deliveryClaimMs,
        retryBaseMs: 1,
      });
    // Replica A takes the votes while ThreatCrowd refuses them, claims an entry for delivery, and dies.
    const a = await createServices(settings);
    const votesA = voteServiceOn(a, 300);
    sim.addFault({ kind: 'http-503', path: '/vote.php' });
    for (const [i, user] of ['U1', 'U2', 'U3'].entries()) {
      await votesA.cast({ platform: 'slack', userId: user, target: { type: 'domain', value: `evil${i}.com` }, malicious: true });
    }
    await votesA.deliverDue();
    expect(sim.votes).toHaveLength(0);
    // Replica B is up before A dies, so A's claim is fresh when B first looks: that look takes a few hundred
    // milliseconds on a loaded machine, and the claim lasts ten times that.
    const b = await createServices(settings);
    opened.push({ stop: () => b.close() });
    const votesB = voteServiceOn(b, 300);
    const claimMs = 3000;
    const claimedAt = Date.now();
    await a.coordination.claim('vote-delivery:slack:U1|domain|evil0.com', claimMs); // A was delivering this one when it died
    await a.close();

    sim.clearFaults();
    expect(await votesB.pending()).toBe(3);
    await new Promise((r) => setTimeout(r, 20)); // past the retry backoff
    expect(await votesB.deliverDue()).toBe(2); // the entry A still owns waits for its claim to lapse
    await expect.poll(() => votesB.deliverDue(), { timeout: 20_000, interval: 100 }).toBe(1);
    expect(Date.now() - claimedAt).toBeGreaterThanOrEqual(claimMs); // not before the claim lapsed
    expect(sim.votes.map((v) => v.value).sort()).toEqual(['evil0.com', 'evil1.com', 'evil2.com']);
    expect(await votesB.pending()).toBe(0);
  }, 30_000);

  it('GIVEN REDIS_URL THEN the cache is shared: a second replica answers from it', async () => {
    const sim = await useSimulator();
    const settings = loadSettings({ ...offlineEnv(sim), REDIS_URL: redis.url });
    const a = await createServices(settings);
    const b = await createServices(settings);
    opened.push({ stop: () => a.close() }, { stop: () => b.close() });
    await a.lookups.lookup('ip', '188.40.75.132', 'interactive');
    expect((await b.lookups.lookup('ip', '188.40.75.132', 'interactive')).from).toBe('cache');
    expect(sim.requests).toHaveLength(1);
  });
});
