/**
 * Two replicas on one Redis: a replica stopped while it posts a watch's note keeps that watch's claim until it
 * lapses, so the replica that stays up does not post the same note again.
 */
import { describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/core/outbound.js';
import { useRedisForFile } from '../support/redis-server.js';
import { useSimulator } from '../support/simulator.js';
import { createTestBot } from '../support/test-bot.js';
import { changedAoldaily, FAST, nextRound, sleep, swapAnswer, waitUntil } from './support.js';

const redis = useRedisForFile();

/** Posts after `ms` (queued behind Slack's one message a second, or a 429 retry), recording who posted what. */
function slowOutbound(name: string, posted: string[], ms: number, onStart = () => {}): Outbound {
  return {
    platform: 'console',
    async post(_place, replies) {
      onStart();
      await sleep(ms);
      for (const reply of replies) if (reply.kind === 'notice') posted.push(`${name}: ${reply.text.split('\n')[0]}`);
    },
  };
}

describe('watch notes on two replicas', () => {
  it('GIVEN a replica stopped while its post is slow THEN the other replica does not post the same note again', async () => {
    const sim = await useSimulator();
    const env = { ...FAST, REDIS_URL: redis.url };
    const a = await createTestBot(env, {}, sim);
    const b = await createTestBot(env, {}, sim);
    const posted: string[] = [];
    let posting = false;
    a.bot.registerOutbound(slowOutbound('A', posted, 800, () => (posting = true)));
    b.bot.registerOutbound(slowOutbound('B', posted, 10));
    await a.command('aoldaily.com');
    await a.command('watch aoldaily.com');
    await swapAnswer(sim, 'domain', 'aoldaily.com', changedAoldaily());
    await sleep(250);
    const roundA = a.watching.scheduler.runDue(); // re-checks, saves the note, starts the slow post
    await waitUntil(() => posting);
    await a.watching.scheduler.stop(200); // the shutdown's wait for a round
    await nextRound(b); // the replica that stays up
    await roundA;
    await nextRound(b);
    expect(posted).toEqual(['A: 🔔 Watched aoldaily[.]com changed:']);
  });
});
