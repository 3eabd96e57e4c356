/**
 * Pivots and "Look up indicators" through the real discord.js against the fake Discord and the simulator: the
 * menu on a summary, a choice answered as a reply (one upstream request, then the cache), the message
 * context-menu command answering privately in a channel whose mode is off, and "Post to thread".
 */
import { describe, expect, it } from 'vitest';
import {
  buttonInteraction,
  type FakeDiscord,
  messageCommandInteraction,
  selectInteraction,
  userMessage,
} from '../../support/fake-discord.js';
import { useDiscordApp } from '../../support/running-apps.js';

const setup = (env: Record<string, string> = {}) => useDiscordApp({ PROVIDERS: 'threatcrowd', ...env });

const posts = (d: FakeDiscord) => d.callsTo('POST', /^\/channels\/\d+\/messages$/);
const followUps = (d: FakeDiscord) => d.callsTo('POST', /^\/webhooks\/\d+\/[^/]+$/);
type Row = { components: Array<{ type: number; custom_id: string; options?: Array<{ value: string; label: string }> }> };
const selectOf = (body: Record<string, unknown> | null | undefined) =>
  ((body?.components ?? []) as Row[]).flatMap((r) => r.components).find((c) => c.type === 3);

describe('Discord: the "Look up related…" menu (real discord.js, fake Discord, simulator)', () => {
  it('GIVEN a related resolution chosen in a summary’s menu THEN its summary is a reply to that summary, via the first; one upstream request, then the cache', async () => {
    const { sim, discord } = await setup();
    discord.dispatch('MESSAGE_CREATE', userMessage('the dropper called evilupdate[.]top'));
    await discord.waitFor(() => posts(discord).length === 1);
    const summaryBody = posts(discord)[0]?.body;
    const select = selectOf(summaryBody);
    expect(select?.custom_id).toBe('pivot|d:evilupdate.top');
    expect(select?.options?.map((o) => o.value)).toContain('i:45.77.12.34');
    expect(JSON.stringify(select)).not.toMatch(/channel|everyone|U024BE7LH|rm -rf/);
    const summary = [...discord.messages.values()][0] ?? {};

    discord.dispatch('INTERACTION_CREATE', selectInteraction(String(select?.custom_id), ['i:45.77.12.34'], summary));
    await discord.waitFor(() => posts(discord).length === 2);
    // Acknowledged without a message, by sending the summary's own components back: the menu shows its prompt
    // again, so the same entry can be chosen next (a plain acknowledgement left it selected in the client).
    const ack = discord.callsTo('POST', /callback$/)[0]?.body as { type: number; data?: Record<string, unknown> } | undefined;
    expect(ack?.type).toBe(7);
    expect(selectOf(ack?.data)?.custom_id).toBe('pivot|d:evilupdate.top');
    expect(JSON.stringify(ack?.data)).not.toContain('"default":true');
    expect(Object.keys(ack?.data ?? {})).not.toContain('embeds'); // the summary's text and embeds are left alone
    expect(Object.keys(ack?.data ?? {})).not.toContain('content');
    const pivot = posts(discord)[1]?.body;
    expect(pivot?.message_reference).toMatchObject({ message_id: summary.id });
    expect(pivot?.content).toBe('via evilupdate\\[.\\]top');
    expect(JSON.stringify(pivot?.embeds)).toContain('IP address 45.77.12\\\\[.\\\\]34');
    expect(selectOf(pivot)?.custom_id).toBe('pivot|i:45.77.12.34');
    expect(pivot?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const asked = () => sim.requests.filter((r) => r.value === '45.77.12.34').length;
    expect(asked()).toBe(1);

    discord.dispatch('INTERACTION_CREATE', selectInteraction(String(select?.custom_id), ['i:45.77.12.34'], summary));
    await discord.waitFor(() => posts(discord).length === 3);
    expect(JSON.stringify(posts(discord)[2]?.body?.embeds)).toContain('cached');
    expect(asked()).toBe(1);
  });

  it('GIVEN a channel where the bot may not post THEN the person who chose gets the answer privately, with the reason', async () => {
    const { discord } = await setup();
    discord.dispatch('MESSAGE_CREATE', userMessage('the dropper called evilupdate[.]top'));
    await discord.waitFor(() => posts(discord).length === 1);
    const summary = [...discord.messages.values()][0] ?? {};
    discord.failOnce('POST', /^\/channels\/\d+\/messages$/, 403);
    discord.dispatch('INTERACTION_CREATE', selectInteraction('pivot|d:evilupdate.top', ['i:45.77.12.34'], summary));
    await discord.waitFor(() => followUps(discord).length === 1);
    expect(followUps(discord)[0]?.body).toMatchObject({ flags: 64, content: expect.stringContaining('may not post in this channel') });
    expect(JSON.stringify(followUps(discord)[0]?.body?.embeds)).toContain('45.77.12\\\\[.\\\\]34');
  });

  it('GIVEN a forged choice (a private address) THEN a private error, nothing posted, nothing sent upstream', async () => {
    const { sim, discord } = await setup();
    const message = {
      ...userMessage('x'),
      author: { id: '100000000000000001', username: 'threatcrowd-bot', discriminator: '0', bot: true },
    };
    discord.dispatch('INTERACTION_CREATE', selectInteraction('pivot|d:aoldaily.com', ['i:192.168.1.1'], message));
    await discord.waitFor(() => followUps(discord).length === 1);
    expect(followUps(discord)[0]?.body).toMatchObject({ flags: 64 });
    expect(String(followUps(discord)[0]?.body?.content)).toContain('private address');
    expect(posts(discord)).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('Discord: the "Look up indicators" message command', () => {
  it('GIVEN a channel whose mode is off THEN the command answers privately, and "Post to thread" replies to the message once, from the cache', async () => {
    const { sim, discord } = await setup({ AUTO_DETECT_DEFAULT: 'off' });
    const target = userMessage('beacons to aoldaily[.]com and 188.40.75[.]132');
    discord.messages.set(String(target.id), target);
    discord.dispatch('MESSAGE_CREATE', target);
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.requests).toHaveLength(0);

    discord.dispatch('INTERACTION_CREATE', messageCommandInteraction('Look up indicators', target));
    await discord.waitFor(() => followUps(discord).length === 2);
    expect(discord.callsTo('POST', /callback$/)[0]?.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const first = discord.callsTo('PATCH', /@original$/)[0]?.body;
    expect(JSON.stringify(first?.embeds)).toContain('aoldaily\\\\[.\\\\]com');
    expect(first?.components).toEqual([]);
    const [second, offer] = followUps(discord).map((c) => c.body);
    expect(second).toMatchObject({ flags: 64 });
    expect(JSON.stringify(second?.embeds)).toContain('188.40.75\\\\[.\\\\]132');
    expect(offer).toMatchObject({ flags: 64, content: 'Only you can see these 2 answers.' });
    expect(posts(discord)).toHaveLength(0);
    expect(sim.requests).toHaveLength(2);

    const button = ((offer?.components ?? []) as Row[])[0]?.components[0];
    expect(button?.custom_id).toBe(`share-lookup|${target.id}`);
    const offerMessage = { ...userMessage(''), flags: 64 };
    discord.dispatch('INTERACTION_CREATE', buttonInteraction(String(button?.custom_id), offerMessage));
    await discord.waitFor(() => posts(discord).length === 2);
    expect(posts(discord).every((p) => (p.body?.message_reference as { message_id?: string })?.message_id === target.id)).toBe(true);
    await discord.waitFor(() => discord.callsTo('PATCH', /@original$/).length === 2);
    expect(discord.callsTo('PATCH', /@original$/)[1]?.body).toMatchObject({ content: 'Posted to the thread.', components: [] });
    expect(sim.requests).toHaveLength(2);

    discord.dispatch('INTERACTION_CREATE', buttonInteraction(String(button?.custom_id), offerMessage));
    await discord.waitFor(() => followUps(discord).length === 3);
    expect(String(followUps(discord)[2]?.body?.content)).toContain('already in the thread');
    expect(posts(discord)).toHaveLength(2);
  });
});
