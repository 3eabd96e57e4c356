import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReplyText } from '../../adapters/console/render.js';
import { FAILURES_BEFORE_NOTICE } from '../../src/watch/watch-scheduler.js';
import { useSimulator } from '../support/simulator.js';
import { createTestBot, type TestBot } from '../support/test-bot.js';
import {
  aoldailyAnswer,
  changedAoldaily,
  FAST,
  INTERVAL_MS,
  nextRound,
  recordingOutbound,
  sleep,
  swapAnswer,
  tempDir,
  waitUntil,
} from './support.js';

async function watchingBot(env: Record<string, string> = {}, sim?: TestBot['sim']) {
  const t = await createTestBot({ ...FAST, ...env }, {}, sim);
  const outbound = recordingOutbound();
  t.bot.registerOutbound(outbound);
  return { t, posted: outbound.posted };
}

describe('the watchlist when things go wrong', () => {
  it('GIVEN upstream failing THEN no change is reported, the failure is said once after repeated rounds, and recovery is quiet', async () => {
    const { t, posted } = await watchingBot({ BREAKER_FAILURES: '100' });
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    t.sim.addFault({ kind: 'http-503', times: FAILURES_BEFORE_NOTICE + 1 });
    for (let i = 0; i < FAILURES_BEFORE_NOTICE - 1; i++) await nextRound(t);
    expect(posted).toEqual([]);
    await nextRound(t);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.text).toContain(`Could not re-check watched aoldaily[.]com ${FAILURES_BEFORE_NOTICE} times in a row`);
    await nextRound(t); // a fourth failure: nothing more said
    expect(posted).toHaveLength(1);
    expect(renderReplyText((await t.command('watch list'))[0] as never)).toContain(`${FAILURES_BEFORE_NOTICE + 1} failed re-checks`);
    await nextRound(t); // upstream answers again, the same as before: nothing changed
    expect(posted).toHaveLength(1);
    expect(renderReplyText((await t.command('watch list'))[0] as never)).not.toContain('failed');
  });

  it('GIVEN a queue too busy to take passive work THEN the re-check is put off, never counted as a failure', async () => {
    const { t, posted } = await watchingBot({ PASSIVE_QUEUE_MAX: '0' });
    await t.command('watch aoldaily.com');
    for (let i = 0; i < FAILURES_BEFORE_NOTICE + 1; i++) await nextRound(t);
    expect(t.sim.requests).toEqual([]);
    expect(posted).toEqual([]);
    expect(renderReplyText((await t.command('watch list'))[0] as never)).not.toContain('failed');
  });

  it('GIVEN IGNORE_DOMAINS grown over a watched value after a restart THEN the watch is dropped and nothing is sent upstream', async () => {
    const dir = tempDir('watch-internal-');
    const env = { CACHE_URL: `sqlite://${join(dir, 'bot.sqlite')}` };
    const sim = await useSimulator();
    const first = await watchingBot(env, sim);
    await first.t.command('watch aoldaily.com');
    await first.t.votes.stop();
    await first.t.services.close();
    const second = await watchingBot({ ...env, IGNORE_DOMAINS: 'aoldaily.com' }, sim);
    await nextRound(second.t);
    expect(sim.requests).toEqual([]);
    expect(second.posted).toEqual([]);
    expect(renderReplyText((await second.t.command('watch list'))[0] as never)).toContain('Nothing is watched');
  });

  it('GIVEN a watched SHA-256 and OTX removed from PROVIDERS after a restart THEN one note says the watch stopped, and it is gone', async () => {
    const dir = tempDir('watch-unsupported-');
    const env = { CACHE_URL: `sqlite://${join(dir, 'bot.sqlite')}` };
    const sim = await useSimulator();
    const sha256 = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';
    const first = await watchingBot({ ...env, PROVIDERS: 'threatcrowd,otx' }, sim);
    expect(renderReplyText((await first.t.command(`watch ${sha256}`))[0] as never)).toContain('Watching');
    await first.t.votes.stop();
    await first.t.services.close();
    const second = await watchingBot({ ...env, PROVIDERS: 'threatcrowd' }, sim);
    await nextRound(second.t);
    await nextRound(second.t);
    expect(second.posted.map((p) => p.text)).toEqual([
      expect.stringContaining(`Stopped watching ${sha256}: ThreatCrowd does not support SHA-256`),
    ]);
    expect(sim.requests).toEqual([]);
    expect(renderReplyText((await second.t.command('watch list'))[0] as never)).toContain('Nothing is watched');
  });

  it('GIVEN garbage from upstream THEN it is a failure, not a change that empties every list', async () => {
    const { t, posted } = await watchingBot();
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    t.sim.addFault({ kind: 'truncated-json', times: 1 });
    await nextRound(t);
    t.sim.addFault({ kind: 'html-page', times: 1 });
    await nextRound(t);
    await nextRound(t);
    expect(posted).toEqual([]);
  });

  it('GIVEN ThreatCrowd stops knowing an indicator THEN the note says so', async () => {
    const { t, posted } = await watchingBot();
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    await swapAnswer(t.sim, 'domain', 'aoldaily.com', { response_code: '0' });
    await nextRound(t);
    expect(posted.map((p) => p.text)).toEqual(['🔔 Watched aoldaily[.]com changed:\n• ThreatCrowd no longer knows it']);
  });

  it('GIVEN an indicator appearing on the crowd feed THEN the note says so', async () => {
    const { t, posted } = await watchingBot();
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    t.sim.setFeed('domains', ['aoldaily.com']);
    await t.services.feeds.refresh();
    await nextRound(t);
    expect(posted.map((p) => p.text)).toEqual(["🔔 Watched aoldaily[.]com changed:\n• now on ThreatCrowd's malicious feed"]);
  });

  it('GIVEN hostile names and a huge list in the new answer THEN the note is brief, defanged and pings nobody', async () => {
    const { t, posted } = await watchingBot();
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    const answer = aoldailyAnswer();
    const many = Array.from({ length: 5000 }, (_, i) => `${i}.evil-sub.aoldaily.com`);
    await swapAnswer(t.sim, 'domain', 'aoldaily.com', {
      ...answer,
      subdomains: ['<!channel>.aoldaily.com', '@everyone', 'x\u202e.aoldaily.com', ...many],
    });
    await nextRound(t);
    expect(posted).toHaveLength(1);
    const note = posted[0]?.text ?? '';
    expect(note.length).toBeLessThan(600);
    expect(note).toMatch(/new subdomains: 0\.evil-sub\.aoldaily\[\.\]com, .* and \d+ more/);
    expect(note).not.toMatch(/<!channel>|@everyone|\u202e|aoldaily\.com/);
  });

  it('GIVEN watches in a store file THEN they survive a restart and the new process reports the change', async () => {
    const dir = tempDir('watch-restart-');
    const env = { CACHE_URL: `sqlite://${join(dir, 'bot.sqlite')}` };
    const sim = await useSimulator();
    const first = await watchingBot(env, sim);
    await first.t.command('aoldaily.com');
    await first.t.command('watch aoldaily.com', { channel: 'C7' });
    await first.t.watching.scheduler.stop();
    await first.t.votes.stop();
    await first.t.services.close();

    await swapAnswer(sim, 'domain', 'aoldaily.com', changedAoldaily());
    const second = await watchingBot(env, sim);
    expect(renderReplyText((await second.t.command('watch list', { channel: 'C7' }))[0] as never)).toContain('aoldaily[.]com');
    await nextRound(second.t);
    expect(second.posted).toHaveLength(1);
    expect(second.posted[0]?.place.channelId).toBe('C7');
    expect(second.posted[0]?.text).toContain('1 new resolution: 45.77.12[.]34');
  });

  it('GIVEN a stop while a re-check waits for upstream THEN it ends promptly and records no failure', async () => {
    const { t, posted } = await watchingBot({ THREATCROWD_TIMEOUT_MS: '120000' });
    await t.command('aoldaily.com');
    await t.command('watch aoldaily.com');
    await sleep(INTERVAL_MS + 40);
    t.sim.addFault({ kind: 'hang' }); // upstream never answers: only the stop can end the re-check
    const round = t.watching.scheduler.runDue();
    await waitUntil(() => t.sim.requests.some((r) => r.fault === 'hang')); // the re-check is waiting for upstream
    const started = Date.now();
    // The order of the bounded shutdown (src/runtime/start-app.ts): watchlist, upstream queue (bounded), requests in flight.
    await t.watching.scheduler.stop(200);
    await Promise.race([t.services.stopUpstream(), sleep(500)]);
    t.services.abortInFlight();
    await round;
    // The stop's own bounds add up to 0.7 s; 7 s is ten times that, for a loaded machine. A stop that waited for
    // upstream would wait for the two-minute timeout (and this test's time limit would end it first).
    expect(Date.now() - started).toBeLessThan(7000);
    expect(posted).toEqual([]);
    expect(renderReplyText((await t.command('watch list'))[0] as never)).not.toContain('failed');
  });
});
