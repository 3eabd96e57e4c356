/** The graph command end to end: the picture is drawn once and attached where it was asked for, on both platforms. */
import { describe, expect, it } from 'vitest';
import { discordEnv, offlineEnv, SIGNING_SECRET as SECRET, slackEnv } from '../support/env.js';
import { slashInteraction, startFakeDiscord } from '../support/fake-discord.js';
import { sendSigned, slashCommandBody, startFakeSlack } from '../support/fake-slack.js';
import { useApp } from '../support/running-apps.js';
import { useSimulator } from '../support/simulator.js';
import { createTestBot } from '../support/test-bot.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('/threatcrowd graph', () => {
  it('GIVEN an indicator THEN one public PNG picture with alt text naming its neighbours', async () => {
    const t = await createTestBot();
    const [reply] = await t.command('graph aoldaily[.]com');
    expect(reply?.kind).toBe('file');
    if (reply?.kind !== 'file') return;
    expect(reply.visibility).toBe('public');
    expect(Buffer.from(reply.file.bytes).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(reply.file.title).toBe('ThreatCrowd graph: aoldaily[.]com');
    expect(reply.file.altText).toContain('william19770319[@]yahoo[.]com');
  });

  it('GIVEN a bad depth or two values THEN a usage line, and nothing is looked up', async () => {
    const t = await createTestBot();
    expect(await t.command('graph aoldaily.com --depth 3')).toMatchObject([{ kind: 'error', text: '--depth is 1 or 2.' }]);
    expect(await t.command('graph a.com b.com')).toMatchObject([{ kind: 'error', text: 'Draw one indicator at a time.' }]);
    expect(t.sim.requests).toHaveLength(0);
  });

  it('GIVEN --depth 2 THEN no more upstream lookups than GRAPH_MAX_LOOKUPS besides the centre', async () => {
    const t = await createTestBot({ GRAPH_MAX_LOOKUPS: '2' });
    const [reply] = await t.command('graph aoldaily.com --depth 2');
    expect(reply?.kind).toBe('file');
    expect(t.sim.requests.length).toBeLessThanOrEqual(1 + 2);
  });
});

describe('the graph on the platforms', () => {
  it('GIVEN /threatcrowd graph in Slack THEN one PNG is uploaded into the channel through the external-upload flow', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const app = await useApp({ ...offlineEnv(sim), ...slackEnv(slack) });
    const res = await sendSigned(
      `http://127.0.0.1:${app.slack?.port}`,
      SECRET,
      slashCommandBody(slack, 'graph aoldaily[.]com'),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.callsOf('files.completeUploadExternal').length === 1, 20_000);
    const [asked] = slack.callsOf('files.getUploadURLExternal');
    expect(asked?.args).toMatchObject({ filename: 'graph.png' });
    const [upload] = [...slack.uploads.values()];
    expect(slack.uploads.size).toBe(1);
    expect(upload?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(slack.callsOf('files.completeUploadExternal')[0]?.args).toMatchObject({ channel_id: 'C1' });
    expect(sim.requests.filter((r) => r.endpoint === 'domain')).toHaveLength(1);
  });

  it('GIVEN /threatcrowd graph in Discord THEN the answer carries one PNG shown in its embed', async () => {
    const sim = await useSimulator();
    const discord = await startFakeDiscord();
    const _app = await useApp({ ...offlineEnv(sim), ...discordEnv(discord) });
    discord.dispatch('INTERACTION_CREATE', slashInteraction('graph', { indicator: 'aoldaily[.]com' }));
    await discord.waitFor(() => discord.callsTo('PATCH', /@original$/).length === 1, 20_000);
    const [edit] = discord.callsTo('PATCH', /@original$/);
    expect(edit?.files?.map((f) => f.name)).toEqual(['graph.png']);
    expect(edit?.files?.[0]?.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(JSON.stringify(edit?.body?.embeds)).toContain('attachment://graph.png');
    expect(edit?.body?.allowed_mentions).toMatchObject({ parse: [] });
  });
});
