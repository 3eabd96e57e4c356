/**
 * The Graph and Expand buttons end to end: real Bolt and discord.js against the fakes, the simulator upstream.
 * One picture lands in the summary's thread however often the button is pressed, and it is drawn once.
 */
import { describe, expect, it } from 'vitest';
import { SIGNING_SECRET as SECRET } from '../support/env.js';
import { buttonInteraction, CHANNEL_ID, type FakeDiscord, userMessage } from '../support/fake-discord.js';
import { type FakeSlack, sendSigned, slashCommandBody } from '../support/fake-slack.js';
import { useDiscordApp, useSlackApp } from '../support/running-apps.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const FORM = 'application/x-www-form-urlencoded';
const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));

const slackSetup = useSlackApp;

/** Presses a Slack button as Slack sends it: a signed block_actions payload. */
function pressSlack(
  url: string,
  slack: FakeSlack,
  action: string,
  value: string,
  message: { ts: string; thread_ts?: string; blocks?: unknown[] },
  user = 'U1',
  channel = 'C1',
) {
  const payload = {
    type: 'block_actions',
    user: { id: user, team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
    channel: { id: channel },
    message,
    response_url: `${slack.url}/respond/button`,
    actions: [{ type: 'button', action_id: action, block_id: 'vote', value, action_ts: '1' }],
    trigger_id: '1.2',
  };
  return sendSigned(url, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
}

/** The posted summary's ts and the value its Graph button carries. */
async function slackSummary(slack: FakeSlack, url: string) {
  await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily[.]com'), FORM);
  await slack.waitFor(() => slack.callsOf('reactions.add').length >= 2);
  const post = slack.callsOf('chat.postMessage')[0];
  const blocks = post?.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
  const graph = blocks.find((b) => b.type === 'actions')?.elements?.find((e) => e.action_id === 'graph');
  if (!post?.ts || !graph) throw new Error('no summary with a Graph button');
  return { ts: post.ts, value: graph.value };
}

describe('the Graph button in Slack', () => {
  it('GIVEN a summary WHEN Graph is pressed THEN one PNG is uploaded into its thread, followed by an Expand button there', async () => {
    const { slack, url, app } = await slackSetup();
    const summary = await slackSummary(slack, url);
    expect(summary.value).toBe('domain:aoldaily[.]com');
    const res = await pressSlack(url, slack, 'graph', summary.value, { ts: summary.ts });
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 2, 20_000);
    expect(slack.uploads.size).toBe(1);
    expect([...slack.uploads.values()][0]?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(slack.callsOf('files.completeUploadExternal')[0]?.args).toMatchObject({ channel_id: 'C1', thread_ts: summary.ts });
    const expand = slack.callsOf('chat.postMessage')[1]?.args;
    expect(expand).toMatchObject({ channel: 'C1', thread_ts: summary.ts });
    expect(JSON.stringify(expand?.blocks)).toContain('"action_id":"graph-expand"');
    expect(app.bot.deps.graphPictures.stats.drawn).toBe(1);
  });

  it('GIVEN a summary in a thread WHEN Graph is pressed THEN the picture goes into that thread', async () => {
    const { slack, url } = await slackSetup();
    const summary = await slackSummary(slack, url);
    await pressSlack(url, slack, 'graph', summary.value, { ts: summary.ts, thread_ts: '1699999999.000100' });
    await slack.waitFor(() => slack.callsOf('files.completeUploadExternal').length === 1, 20_000);
    expect(slack.callsOf('files.completeUploadExternal')[0]?.args).toMatchObject({ thread_ts: '1699999999.000100' });
  });

  it('GIVEN one person flooding Graph (30 presses) THEN exactly one picture, drawn once, and the bot still answers', async () => {
    const { slack, url, app, sim } = await slackSetup();
    const summary = await slackSummary(slack, url);
    await Promise.all(Array.from({ length: 30 }, () => pressSlack(url, slack, 'graph', summary.value, { ts: summary.ts })));
    await slack.waitFor(() => slack.callsOf('files.completeUploadExternal').length === 1, 20_000);
    await slack.waitFor(() => slack.callsOf('chat.postEphemeral').length === 29, 20_000);
    await settle();
    expect(slack.uploads.size).toBe(1);
    expect(app.bot.deps.graphPictures.stats.drawn).toBe(1);
    expect(sim.requests.filter((r) => r.endpoint === 'domain')).toHaveLength(1);
    const metrics = await (await fetch(`http://127.0.0.1:${app.health.port}/metrics`)).text();
    expect(metrics).toContain('threatcrowd_bot_graph_pictures_total{outcome="drawn"} 1');
    await sendSigned(url, SECRET, slashCommandBody(slack, '188.40.75[.]132'), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 3, 20_000);
  });

  it('GIVEN Expand under the picture THEN a depth-2 picture in the same thread within GRAPH_MAX_LOOKUPS', async () => {
    const { slack, url, sim } = await slackSetup({ GRAPH_MAX_LOOKUPS: '2' });
    const summary = await slackSummary(slack, url);
    await pressSlack(url, slack, 'graph', summary.value, { ts: summary.ts });
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 2, 20_000);
    const expandPost = slack.callsOf('chat.postMessage')[1];
    const blocks = (expandPost?.args.blocks ?? []) as Array<{ elements: Array<{ value: string }> }>;
    const value = blocks[0]?.elements[0]?.value ?? '';
    const before = sim.requests.length;
    await pressSlack(url, slack, 'graph-expand', value, { ts: String(expandPost?.ts), thread_ts: summary.ts, blocks });
    await slack.waitFor(() => slack.callsOf('files.completeUploadExternal').length === 2, 30_000);
    expect(slack.callsOf('files.completeUploadExternal')[1]?.args).toMatchObject({ thread_ts: summary.ts });
    expect(sim.requests.length - before).toBeLessThanOrEqual(2);
    await slack.waitFor(() => slack.callsOf('chat.update').length === 1);
    expect(slack.callsOf('chat.update')[0]?.args).toMatchObject({ channel: 'C1', ts: expandPost?.ts });
    expect(JSON.stringify(slack.callsOf('chat.update')[0]?.args.blocks)).not.toContain('graph-expand');
    await settle();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(2); // no Expand under a depth-2 picture
  });

  it('GIVEN a channel the bot cannot upload to THEN the presser is told privately, and nothing crashes', async () => {
    const { slack, url } = await slackSetup();
    slack.notInChannel.add('C9');
    await pressSlack(url, slack, 'graph', 'domain:aoldaily[.]com', { ts: '1700000099.000100' }, 'U1', 'C9');
    await slack.waitFor(() => slack.callsOf('chat.postEphemeral').length === 1, 20_000);
    expect(slack.callsOf('chat.postEphemeral')[0]?.args).toMatchObject({ channel: 'C9', user: 'U1' });
    expect(JSON.stringify(slack.callsOf('chat.postEphemeral')[0]?.args)).toContain('could not post the picture');
  });

  it('GIVEN an Expand action arriving on a summary (not an Expand message) THEN the picture is posted but the summary is left alone', async () => {
    const { slack, url } = await slackSetup();
    const summary = await slackSummary(slack, url);
    const blocks = slack.callsOf('chat.postMessage')[0]?.args.blocks as unknown[];
    await pressSlack(url, slack, 'graph-expand', summary.value, { ts: summary.ts, blocks });
    await slack.waitFor(() => slack.callsOf('files.completeUploadExternal').length === 1, 30_000);
    await settle();
    expect(slack.callsOf('chat.update')).toHaveLength(0);
  });

  it('GIVEN a forged Graph payload naming a private address THEN a private error and nothing sent upstream or uploaded', async () => {
    const { slack, url, sim } = await slackSetup();
    await pressSlack(url, slack, 'graph', 'ip:192.168.1.1', { ts: '1700000099.000100' });
    await slack.waitFor(() => slack.callsOf('chat.postEphemeral').length === 1);
    expect(JSON.stringify(slack.callsOf('chat.postEphemeral')[0]?.args)).toContain('private address');
    expect(sim.requests).toHaveLength(0);
    expect(slack.uploads.size).toBe(0);
  });
});

const discordSetup = useDiscordApp;

const posts = (d: FakeDiscord) => d.callsTo('POST', /^\/channels\/\d+\/messages$/);
type Row = { components: Array<{ custom_id: string }> };
const customIds = (body: Record<string, unknown> | null | undefined) =>
  ((body?.components ?? []) as Row[]).flatMap((row) => row.components.map((c) => c.custom_id));

/** The summary message (as the fake keeps it) and its Graph button's custom id. */
async function discordSummary(discord: FakeDiscord) {
  discord.dispatch('MESSAGE_CREATE', userMessage('aoldaily[.]com'));
  await discord.waitFor(() => discord.callsTo('PUT', /reactions/).length >= 2);
  const message = [...discord.messages.values()][0] ?? {};
  const graph = customIds(posts(discord)[0]?.body).find((id) => id.startsWith('graph'));
  if (!graph) throw new Error('no Graph button');
  return { message, graph };
}

describe('the Graph button in Discord', () => {
  it('GIVEN a summary WHEN Graph is pressed twice THEN one reply to the summary carries the PNG in its embed, with Expand', async () => {
    const { discord, app } = await discordSetup();
    const summary = await discordSummary(discord);
    expect(summary.graph).toBe('graph:domain:aoldaily[.]com');
    discord.dispatch('INTERACTION_CREATE', buttonInteraction(summary.graph, summary.message));
    discord.dispatch('INTERACTION_CREATE', buttonInteraction(summary.graph, summary.message));
    await discord.waitFor(() => posts(discord).length === 2 && discord.callsTo('POST', /^\/webhooks\//).length === 1, 20_000);
    await settle();
    const callbacks = discord.callsTo('POST', /callback$/);
    expect(callbacks.map((c) => c.body?.type)).toEqual([6, 6]); // acknowledged at once, without a message
    const picture = posts(discord)[1];
    expect(picture?.body?.message_reference).toMatchObject({ message_id: summary.message.id });
    expect(picture?.files?.map((f) => f.name)).toEqual(['graph.png']);
    expect(picture?.files?.[0]?.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(JSON.stringify(picture?.body?.embeds)).toContain('attachment://graph.png');
    expect(picture?.body?.allowed_mentions).toMatchObject({ parse: [] });
    expect(customIds(picture?.body)).toEqual(['graph-expand:domain:aoldaily[.]com']);
    expect(JSON.stringify(discord.callsTo('POST', /^\/webhooks\//)[0]?.body)).toContain('already');
    expect(app.bot.deps.graphPictures.stats.drawn).toBe(1);
    expect(posts(discord)).toHaveLength(2);
  });

  it('GIVEN Expand with the picture THEN a depth-2 picture replies to it within GRAPH_MAX_LOOKUPS', async () => {
    const { discord, sim } = await discordSetup({ GRAPH_MAX_LOOKUPS: '2' });
    const summary = await discordSummary(discord);
    discord.dispatch('INTERACTION_CREATE', buttonInteraction(summary.graph, summary.message));
    await discord.waitFor(() => posts(discord).length === 2, 20_000);
    const picture = [...discord.messages.values()][1] ?? {};
    const before = sim.requests.length;
    discord.dispatch('INTERACTION_CREATE', buttonInteraction('graph-expand:domain:aoldaily[.]com', picture));
    await discord.waitFor(() => posts(discord).length === 3, 30_000);
    const expanded = posts(discord)[2];
    expect(expanded?.body?.message_reference).toMatchObject({ message_id: picture.id });
    expect(JSON.stringify(expanded?.body?.embeds)).toContain('depth 2');
    expect(customIds(expanded?.body)).toEqual([]);
    expect(sim.requests.length - before).toBeLessThanOrEqual(2);
    // The picture that carried Expand loses the button (it has done its work).
    await discord.waitFor(() => discord.callsTo('PATCH', /@original$/).length === 1);
    expect(discord.callsTo('PATCH', /@original$/)[0]?.body).toMatchObject({ components: [], allowed_mentions: { parse: [] } });
    expect(discord.callsTo('PATCH', /@original$/)[0]?.body).not.toHaveProperty('embeds');
  });

  it('GIVEN a forged custom id naming an internal domain THEN a private follow-up and nothing sent upstream', async () => {
    const { discord, sim } = await discordSetup({ IGNORE_DOMAINS: 'corp.example.org' });
    discord.dispatch(
      'INTERACTION_CREATE',
      buttonInteraction('graph:domain:intranet.corp.example.org', { id: '1', channel_id: CHANNEL_ID }),
    );
    await discord.waitFor(() => discord.callsTo('POST', /^\/webhooks\//).length === 1, 20_000);
    expect(discord.callsTo('POST', /^\/webhooks\//)[0]?.body).toMatchObject({ flags: 64 });
    expect(sim.requests).toHaveLength(0);
    expect(posts(discord)).toHaveLength(0);
  });
});

describe('the Graph button in Discord when the picture cannot be posted', () => {
  it('GIVEN Discord refusing the reply THEN the presser is told privately and the bot keeps answering', async () => {
    const { discord } = await discordSetup();
    const summary = await discordSummary(discord);
    discord.failOnce('POST', /^\/channels\/\d+\/messages$/, 403);
    discord.dispatch('INTERACTION_CREATE', buttonInteraction(summary.graph, summary.message));
    await discord.waitFor(() => discord.callsTo('POST', /^\/webhooks\//).length === 1, 20_000);
    expect(discord.callsTo('POST', /^\/webhooks\//)[0]?.body).toMatchObject({ content: 'I could not post the picture here.', flags: 64 });
    discord.dispatch('MESSAGE_CREATE', userMessage('188.40.75[.]132'));
    // The refused reply is not recorded by the fake: the summary, then the answer to the new message.
    await discord.waitFor(() => posts(discord).length === 2, 20_000);
  });
});
