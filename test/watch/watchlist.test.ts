import { describe, expect, it } from 'vitest';
import { renderReplyText } from '../../adapters/console/render.js';
import { createTestBot, type TestBot } from '../support/test-bot.js';
import { changedAoldaily, FAST, nextRound, recordingOutbound, swapAnswer } from './support.js';

async function watchingBot(env: Record<string, string> = {}) {
  const t = await createTestBot({ ...FAST, ...env });
  const outbound = recordingOutbound();
  t.bot.registerOutbound(outbound);
  return { t, posted: outbound.posted };
}

const upstreamAsks = (t: TestBot, value: string) => t.sim.requests.filter((r) => r.value === value).length;

/** Lets the interval pass, then runs one round of re-checks. */

describe('the watchlist', () => {
  it('GIVEN a watched indicator whose answer changes THEN one note names what changed, and none when nothing changed', async () => {
    const { t, posted } = await watchingBot();
    await t.command('aoldaily[.]com');
    const set = await t.command('watch aoldaily[.]com', { channel: 'C9' });
    expect(set).toMatchObject([{ kind: 'notice', visibility: 'public' }]);
    expect(renderReplyText(set[0] as never)).toContain('Watching aoldaily[.]com');

    await nextRound(t);
    expect(upstreamAsks(t, 'aoldaily.com')).toBe(2); // asked upstream, although the cache was fresh
    expect(posted).toEqual([]);

    await swapAnswer(t.sim, 'domain', 'aoldaily.com', changedAoldaily());
    await nextRound(t);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.place).toMatchObject({ platform: 'console', channelId: 'C9' });
    expect(posted[0]?.text).toContain('Watched aoldaily[.]com changed');
    expect(posted[0]?.text).toContain('1 new resolution: 45.77.12[.]34');
    expect(posted[0]?.text).toContain('1 new hash: ec8c89aa5e521572c74e2dd02a4daf78');
    expect(posted[0]?.text).toContain('crowd verdict: no votes → malicious');
    expect(posted[0]?.text).not.toMatch(/45\.77\.12\.34/);

    await nextRound(t);
    expect(posted).toHaveLength(1);
    // The re-check refreshed the cache: a lookup now shows the new answer without asking upstream.
    const before = upstreamAsks(t, 'aoldaily.com');
    const [summary] = await t.command('aoldaily[.]com');
    expect(JSON.stringify(summary)).toContain('45.77.12[.]34');
    expect(upstreamAsks(t, 'aoldaily.com')).toBe(before);
  });

  it('GIVEN nothing watched THEN a round asks upstream nothing', async () => {
    const { t } = await watchingBot();
    await nextRound(t);
    expect(t.sim.requests).toEqual([]);
  });
});
