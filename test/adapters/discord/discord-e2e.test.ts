import { describe, expect, it } from 'vitest';
import { LOOKUP_MESSAGE_COMMAND } from '../../../adapters/discord/commands.js';
import { runCli } from '../../support/cli.js';
import { DISCORD_TEST_TOKEN as TOKEN } from '../../support/env.js';
import {
  ANALYST,
  APP_ID,
  buttonInteraction,
  CHANNEL_ID,
  GUILD_ID,
  messageObject,
  slashInteraction,
  startFakeDiscord,
  userMessage,
} from '../../support/fake-discord.js';
import { PROCESS_MS, processTestTimeout } from '../../support/process-limits.js';
import { useDiscordApp } from '../../support/running-apps.js';
import { useSimulator } from '../../support/simulator.js';

const setup = useDiscordApp;

const posts = (d: Awaited<ReturnType<typeof startFakeDiscord>>) => d.callsTo('POST', /^\/channels\/\d+\/messages$/);

describe('Discord adapter end to end (real discord.js, fake Discord, ThreatCrowd simulator)', () => {
  it('GIVEN a message with a defanged domain THEN one reply, defanged, pinging nobody, seeded with vote reactions', async () => {
    const { discord } = await setup();
    discord.dispatch('MESSAGE_CREATE', userMessage('@everyone look at aoldaily[.]com'));
    await discord.waitFor(() => discord.callsTo('PUT', /reactions/).length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    const [reply, ...rest] = posts(discord);
    expect(rest).toHaveLength(0);
    expect(reply?.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply?.body?.message_reference).toHaveProperty('message_id');
    // What people see: everything but the title's link to the provider page.
    const text = JSON.stringify(
      ((reply?.body?.embeds ?? []) as Array<Record<string, unknown>>).map(({ url: _url, ...visible }) => visible),
    );
    expect(text).toContain('aoldaily\\\\[.\\\\]com');
    expect(text).not.toContain('aoldaily.com');
    expect(discord.callsTo('PUT', /reactions/).map((c) => decodeURIComponent(c.path.split('/reactions/')[1] ?? ''))).toEqual([
      '👎/@me',
      '👍/@me',
    ]);
  });

  it('GIVEN messages from bots or webhooks THEN nothing is answered', async () => {
    const { discord, sim } = await setup();
    discord.dispatch('MESSAGE_CREATE', { ...userMessage('aoldaily[.]com'), author: { ...ANALYST, id: '999', bot: true } });
    discord.dispatch('MESSAGE_CREATE', { ...userMessage('aoldaily[.]com'), webhook_id: '777' });
    await new Promise((r) => setTimeout(r, 300));
    expect(posts(discord)).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });

  it('GIVEN /threatcrowd domain THEN the interaction is deferred and answered with an embed and vote buttons', async () => {
    const { discord } = await setup();
    discord.dispatch('INTERACTION_CREATE', slashInteraction('domain', { value: 'aoldaily[.]com' }));
    await discord.waitFor(() => discord.callsTo('PATCH', /\/webhooks\/.*\/messages\/@original$/).length === 1);
    const [callback] = discord.callsTo('POST', /\/interactions\/.*\/callback$/);
    expect(callback?.body?.type).toBe(5); // deferred channel message
    const [edit] = discord.callsTo('PATCH', /@original$/);
    expect(JSON.stringify(edit?.body?.embeds)).toContain('Domain aoldaily\\\\[.\\\\]com');
    expect(JSON.stringify(edit?.body?.components)).toContain('vote-malicious');
  });

  it('GIVEN /threatcrowd help THEN a private answer', async () => {
    const { discord } = await setup();
    discord.dispatch('INTERACTION_CREATE', slashInteraction('help'));
    await discord.waitFor(() => discord.callsTo('PATCH', /@original$/).length === 1);
    expect(discord.callsTo('POST', /callback$/)[0]?.body).toMatchObject({ type: 5, data: { flags: 64 } });
  });

  it('GIVEN a 👎 reaction on an uncached summary THEN exactly one vote reaches the simulator', async () => {
    const { discord, sim } = await setup();
    discord.dispatch('MESSAGE_CREATE', userMessage('aoldaily[.]com'));
    await discord.waitFor(() => discord.callsTo('PUT', /reactions/).length >= 2);
    const summaryId = String(discord.messages.size > 0 ? [...discord.messages.keys()][0] : '');
    const reaction = {
      user_id: ANALYST.id,
      channel_id: CHANNEL_ID,
      message_id: summaryId,
      guild_id: GUILD_ID,
      emoji: { id: null, name: '👎' },
      burst: false,
      type: 0,
    };
    // The bot's own seed reaction is not a vote.
    discord.dispatch('MESSAGE_REACTION_ADD', { ...reaction, user_id: '100000000000000001' });
    discord.dispatch('MESSAGE_REACTION_ADD', reaction);
    discord.dispatch('MESSAGE_REACTION_REMOVE', reaction);
    discord.dispatch('MESSAGE_REACTION_ADD', reaction);
    await discord.waitFor(() => sim.votes.length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.votes.map((v) => [v.value, v.vote])).toEqual([['aoldaily.com', '0']]);
    await discord.waitFor(() => discord.callsTo('PATCH', new RegExp(`/messages/${summaryId}$`)).length >= 1);
  });

  it('GIVEN a reaction on a summary the client never saw (posted before a restart) THEN it fetches the partial and the vote counts once', async () => {
    const { discord, sim, app } = await setup();
    const id = '700000000000000001';
    discord.messages.set(id, messageObject(CHANNEL_ID, {}, id));
    await app.bot.summaryPosted({ platform: 'discord', teamId: GUILD_ID, channelId: CHANNEL_ID }, id, {
      type: 'domain',
      value: 'aoldaily.com',
    });
    discord.dispatch('MESSAGE_REACTION_ADD', {
      user_id: ANALYST.id,
      channel_id: CHANNEL_ID,
      message_id: id,
      guild_id: GUILD_ID,
      emoji: { id: null, name: '👎' },
      burst: false,
      type: 0,
    });
    await discord.waitFor(() => sim.votes.length === 1);
    expect(discord.callsTo('GET', new RegExp(`/messages/${id}$`)).length).toBeGreaterThanOrEqual(1);
    expect(sim.votes[0]).toMatchObject({ value: 'aoldaily.com', vote: '0' });
  });

  it('GIVEN a Malicious button THEN it is acknowledged privately before the vote, then the vote is confirmed in place', async () => {
    const { discord, sim } = await setup();
    discord.dispatch('MESSAGE_CREATE', userMessage('aoldaily[.]com'));
    await discord.waitFor(() => discord.callsTo('PUT', /reactions/).length >= 2);
    const summary = [...discord.messages.values()][0] ?? {};
    discord.dispatch('INTERACTION_CREATE', buttonInteraction('vote-malicious', summary));
    const confirmed = () => discord.callsTo('PATCH', /messages\/@original$/).find((c) => JSON.stringify(c.body).includes('Your vote'));
    await discord.waitFor(() => sim.votes.length === 1 && confirmed() !== undefined);
    const [ack] = discord.callsTo('POST', /callback$/);
    expect(ack?.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(discord.calls.indexOf(ack as never)).toBeLessThan(discord.calls.indexOf(confirmed() as never));
  });

  it('GIVEN a dropped gateway connection THEN the client resumes and keeps answering', async () => {
    const { discord } = await setup();
    discord.dropConnection();
    await discord.waitFor(() => discord.resumes() + discord.identifies() >= 2, 15_000);
    discord.dispatch('MESSAGE_CREATE', userMessage('188.40.75[.]132'));
    await discord.waitFor(() => posts(discord).length === 1, 15_000);
  });

  it('GIVEN a REST 429 THEN discord.js waits and the reply still arrives', async () => {
    const { discord } = await setup();
    discord.rateLimitOnce('POST', /^\/channels\/\d+\/messages$/);
    discord.dispatch('MESSAGE_CREATE', userMessage('aoldaily[.]com'));
    await discord.waitFor(() => posts(discord).length === 1);
  });
});

describe('threatcrowd-bot deploy-commands', () => {
  it('GIVEN --guild THEN the command JSON goes to that guild', async () => {
    const discord = await startFakeDiscord();
    const { code, stdout } = await runCli(['deploy-commands', '--guild', GUILD_ID], {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: discord.apiUrl,
    });
    expect(code).toBe(0);
    expect(stdout).toContain(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    const [put] = discord.callsTo('PUT', /commands$/);
    const [command, messageCommand, ...more] = (put?.body ?? []) as unknown as Array<{
      name: string;
      type: number;
      options: Array<{ name: string }>;
    }>;
    expect(command?.name).toBe('threatcrowd');
    // The message context-menu command (Apps → Look up indicators), type 3, named as the listener expects.
    expect(messageCommand).toMatchObject({ name: LOOKUP_MESSAGE_COMMAND, type: 3 });
    expect(LOOKUP_MESSAGE_COMMAND).toBe('Look up indicators');
    expect(more).toEqual([]);
    expect(command?.options.map((o) => o.name)).toEqual([
      'lookup',
      'domain',
      'ip',
      'email',
      'file',
      'antivirus',
      'vote',
      'graph',
      'bulk',
      'export',
      'watch',
      'watchlist',
      'unwatch',
      'channel',
      'status',
      'help',
    ]);
  });

  it('GIVEN no --guild THEN global commands', async () => {
    const discord = await startFakeDiscord();
    await runCli(['deploy-commands'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: discord.apiUrl });
    expect(discord.callsTo('PUT', new RegExp(`^/applications/${APP_ID}/commands$`))).toHaveLength(1);
  });
});

describe('threatcrowd-bot discord-shards', () => {
  it('GIVEN --shards 2 THEN two processes each identify as their own shard', { timeout: processTestTimeout(2) }, async () => {
    const sim = await useSimulator();
    const discord = await startFakeDiscord();
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'discord-shards', '--shards', '2'], {
      cwd: new URL('../../..', import.meta.url).pathname,
      env: {
        PATH: process.env.PATH ?? '',
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: discord.apiUrl,
        THREATCROWD_URL: sim.url,
        OTX_URL: sim.url,
        CACHE_URL: 'memory://',
        HTTP_PORT: '0',
        FEEDS_REFRESH_SECONDS: '0',
      },
      detached: true,
    });
    try {
      // The launcher starts, then its two shard processes (at once).
      await discord.waitFor(() => discord.identifiedShards().length >= 2, 2 * PROCESS_MS);
      expect(discord.identifiedShards().sort()).toEqual(['0/2', '1/2']);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }
  });
});
