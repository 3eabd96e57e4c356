/** "Look up indicators" on one message: answered to the asker whatever the channel's mode, then shared on request. */
import { describe, expect, it } from 'vitest';
import { settleReplies } from '../../src/core/reply.js';
import { cpuTimeOf } from '../support/cpu-time.js';
import { createTestBot, kinds, summarized, type TestBot } from '../support/test-bot.js';

const lookUp = async (t: TestBot, text: string, share = false, messageId = 'M1') =>
  settleReplies(
    await t.bot.handle({
      platform: 'console',
      userId: 'U1',
      channelId: 'C1',
      text: '',
      kind: 'message-lookup',
      messageLookup: { targetMessageId: messageId, targetThreadId: 'T1', targetText: text, share },
    }),
  );

describe('looking up one message on demand', () => {
  it('GIVEN a channel whose mode is off THEN the asker alone gets every summary, no votes or menus, and an offer to post them', async () => {
    const t = await createTestBot({ AUTO_DETECT_DEFAULT: 'off' });
    expect(await t.say('beacons to aoldaily[.]com and 188.40.75[.]132')).toEqual([]);
    const replies = await lookUp(t, 'beacons to aoldaily[.]com and 188.40.75[.]132');
    expect(kinds(replies)).toEqual(['summary', 'summary', 'share-offer']);
    expect(replies.every((r) => r.visibility === 'ephemeral')).toBe(true);
    expect(summarized(replies)).toEqual(['aoldaily[.]com', '188.40.75[.]132']);
    for (const r of replies) if (r.kind === 'summary') expect([r.votable, r.pivots]).toEqual([false, null]);
    expect(replies.at(-1)).toMatchObject({ targetMessageId: 'M1', targetThreadId: 'T1', count: 2 });
  });

  it('GIVEN more indicators than the cap THEN the cap is answered and the rest counted, privately', async () => {
    const t = await createTestBot({ AUTO_REPLY_MAX: '2' });
    const replies = await lookUp(t, 'aoldaily[.]com 188.40.75[.]132 45.77.12[.]34 evilupdate[.]top');
    expect(kinds(replies)).toEqual(['summary', 'summary', 'notice', 'share-offer']);
    expect(replies[2]).toMatchObject({ visibility: 'ephemeral', text: expect.stringContaining('and 2 more') });
  });

  it('GIVEN a message with only private and reserved values THEN a private line saying so, and nothing sent upstream', async () => {
    const t = await createTestBot();
    const replies = await lookUp(t, 'from 10.0.0.1 to printer.local and admin@example.com');
    expect(kinds(replies)).toEqual(['notice']);
    expect(replies[0]?.visibility).toBe('ephemeral');
    expect(t.sim.requests).toHaveLength(0);
  });

  it('GIVEN "Post to thread" THEN the summaries are public, votable, with menus, from the cache; a second click posts nothing', async () => {
    const t = await createTestBot({ AUTO_DETECT_DEFAULT: 'off' });
    await lookUp(t, 'aoldaily[.]com');
    const requests = t.sim.requests.length;
    const shared = await lookUp(t, 'aoldaily[.]com', true);
    expect(kinds(shared)).toEqual(['summary']);
    expect(shared[0]).toMatchObject({ visibility: 'public', votable: true });
    expect(shared[0]?.kind === 'summary' && shared[0].pivots?.groups.length).toBeGreaterThan(0);
    expect(t.sim.requests.length).toBe(requests);
    const again = await lookUp(t, 'aoldaily[.]com', true);
    expect(again).toEqual([{ kind: 'notice', visibility: 'ephemeral', text: 'That answer is already in the thread.' }]);
  });

  it('GIVEN a message of 10,000 indicators, markup and mentions THEN the cap is answered, the rest counted, in bounded time', async () => {
    const t = await createTestBot();
    const text = [
      '<!channel> @everyone',
      ...Array.from({ length: 10_000 }, (_, i) => `<http://h${i}.flood-corp.top|h${i}.flood-corp.top>`),
    ].join(' ');
    const { value: replies, cpuMs } = await cpuTimeOf(() => lookUp(t, text));
    // CPU time, which load does not stretch: reading 10,000 links is linear work (well under a second); work per
    // indicator beyond the cap, or a quadratic step, would take far longer.
    expect(cpuMs).toBeLessThan(10_000);
    expect(kinds(replies)).toEqual(['summary', 'summary', 'summary', 'summary', 'summary', 'notice', 'share-offer']);
    expect(replies[5]).toMatchObject({ visibility: 'ephemeral', text: expect.stringMatching(/^and \d+ more/) });
    expect(t.sim.requests).toHaveLength(5);
  });
});
