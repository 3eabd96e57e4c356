import Keyv from 'keyv';
import { describe, expect, it, vi } from 'vitest';
import { createTestBot, kinds, summarized } from '../support/test-bot.js';

const manyIps = (n: number) => Array.from({ length: n }, (_, i) => `45.33.${Math.floor(i / 250) + 1}.${(i % 250) + 1}`).join(' ');

describe('bounded work per message', () => {
  it('GIVEN a message with 3,000 indicators THEN at most the cap plus a few store writes, five answers and a count of the rest', async () => {
    const t = await createTestBot({}, { autoReplyMax: 5 });
    const text = manyIps(3000);
    const writes = vi.spyOn(Keyv.prototype, 'set');
    const replies = await t.say(text);
    const count = writes.mock.calls.length;
    writes.mockRestore();
    expect(summarized(replies)).toHaveLength(5);
    expect(replies.at(-1)).toMatchObject({ kind: 'notice', text: 'and 2995 more: use /threatcrowd to look them up.' });
    // 5 claims and 5 cached answers; no write for any indicator the cap left out.
    expect(count).toBeLessThanOrEqual(5 + 5 + 3);
    expect(t.sim.requests.length).toBe(5);
  });

  it('GIVEN an indicator left out by the cap THEN posting it again later answers it', async () => {
    const t = await createTestBot({}, { autoReplyMax: 2 });
    const replies = await t.say('aoldaily[.]com 188.40.75[.]132 william19770319[@]yahoo[.]com');
    expect(summarized(replies)).toHaveLength(2);
    expect(summarized(await t.say('mail from william19770319[@]yahoo[.]com again'))).toEqual(['william19770319[@]yahoo[.]com']);
    // The two answered ones stay quiet for the window.
    expect(await t.say('aoldaily[.]com')).toEqual([]);
  });
});

describe('🔎 answers once', () => {
  it('GIVEN 🔎 toggled on one message three times THEN one set of answers', async () => {
    const t = await createTestBot({ AUTO_DETECT_DEFAULT: 'reveal' });
    const text = 'aoldaily[.]com and 188.40.75[.]132';
    expect(kinds(await t.say(text, { messageId: 'msg-1' }))).toEqual(['reveal']);
    let answers = 0;
    for (let i = 0; i < 3; i++) {
      answers += summarized(await t.react('mag', 'msg-1', { targetText: text })).length;
      await t.react('mag', 'msg-1', { targetText: text, removed: true });
    }
    expect(answers).toBe(2);
    // Another message with the same text is its own request.
    expect(summarized(await t.react('mag', 'msg-2', { targetText: text }))).toHaveLength(2);
  });
});
