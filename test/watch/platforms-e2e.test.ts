import { describe, expect, it } from 'vitest';
import { discordEnv, offlineEnv, SIGNING_SECRET as SECRET, slackEnv } from '../support/env.js';
import { buttonInteraction, slashInteraction, startFakeDiscord, userMessage } from '../support/fake-discord.js';
import { type FakeSlack, sendSigned, slashCommandBody, startFakeSlack, visibleText } from '../support/fake-slack.js';
import { useApp } from '../support/running-apps.js';
import { useSimulator } from '../support/simulator.js';
import { changedAoldaily, sleep, swapAnswer } from './support.js';

const FORM = 'application/x-www-form-urlencoded';
/** 0.36 s between re-checks. */
const FAST = { WATCH_INTERVAL_HOURS: '0.0001' };

const notes = (slack: FakeSlack) => slack.callsOf('chat.postMessage').filter((c) => visibleText(c.args).includes('changed:'));

function watchClick(summaryTs: string) {
  const payload = {
    type: 'block_actions',
    user: { id: 'U7', team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
    channel: { id: 'C1' },
    message: { ts: summaryTs },
    response_url: 'http://127.0.0.1:1/unused',
    actions: [{ type: 'button', action_id: 'watch', block_id: 'vote', value: 'domain:aoldaily.com', action_ts: '1' }],
    trigger_id: '1.2',
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('watch notes on the platforms (real Bolt and discord.js, fakes, simulator)', () => {
  it('GIVEN the Watch button on a Slack summary and a changed answer THEN one note in the summary’s thread, defanged', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const app = await useApp({ ...offlineEnv(sim), ...slackEnv(slack), ...FAST });
    const url = `http://127.0.0.1:${app.slack?.port}`;
    await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily.com'), FORM);
    await slack.waitFor(() => slack.callsOf('reactions.add').length >= 2);
    const summaryTs = String(slack.callsOf('chat.postMessage')[0]?.ts);
    expect(JSON.stringify(slack.callsOf('chat.postMessage')[0]?.args.blocks)).toContain('"action_id":"watch"');

    await sendSigned(url, SECRET, watchClick(summaryTs), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').some((c) => visibleText(c.args).includes('Watching')));
    const watching = slack.callsOf('chat.postMessage').find((c) => visibleText(c.args).includes('Watching'));
    expect(watching?.args).toMatchObject({ channel: 'C1', thread_ts: summaryTs });

    await sleep(800); // a couple of unchanged rounds: nothing said
    expect(notes(slack)).toHaveLength(0);
    await swapAnswer(sim, 'domain', 'aoldaily.com', changedAoldaily());
    await slack.waitFor(() => notes(slack).length >= 1);
    await sleep(1000);
    expect(notes(slack)).toHaveLength(1);
    const note = notes(slack)[0];
    expect(note?.args).toMatchObject({ channel: 'C1', thread_ts: summaryTs });
    expect(visibleText(note?.args ?? {})).toContain('45.77.12[.]34');
    expect(visibleText(note?.args ?? {})).not.toContain('45.77.12.34');
  }, 30_000);

  it('GIVEN /threatcrowd watch in Slack THEN "Watching" in the channel, and watch list privately', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const app = await useApp({ ...offlineEnv(sim), ...slackEnv(slack) });
    const url = `http://127.0.0.1:${app.slack?.port}`;
    await sendSigned(url, SECRET, slashCommandBody(slack, 'watch aoldaily[.]com'), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length >= 1);
    expect(visibleText(slack.callsOf('chat.postMessage')[0]?.args ?? {})).toContain('Watching aoldaily[.]com');
    await sendSigned(url, SECRET, slashCommandBody(slack, 'watch list'), FORM);
    await slack.waitFor(() => slack.responses.some((r) => JSON.stringify(r.body).includes('Watched in this channel (1)')));
  });

  it('GIVEN the Watch button on a Discord summary and a changed answer THEN one note in reply to that summary', async () => {
    const sim = await useSimulator();
    const discord = await startFakeDiscord();
    const _app = await useApp({ ...offlineEnv(sim), ...discordEnv(discord), ...FAST });
    discord.dispatch('MESSAGE_CREATE', userMessage('aoldaily[.]com'));
    await discord.waitFor(() => discord.callsTo('PUT', /reactions/).length >= 2);
    const summary = [...discord.messages.values()][0] ?? {};
    discord.dispatch('INTERACTION_CREATE', buttonInteraction('watch', summary));
    const confirmed = () => discord.callsTo('PATCH', /messages\/@original$/).find((c) => JSON.stringify(c.body).includes('Watching'));
    await discord.waitFor(() => confirmed() !== undefined);
    const posts = () => discord.callsTo('POST', /^\/channels\/\d+\/messages$/);
    const changeNotes = () => posts().filter((c) => String(c.body?.content ?? '').includes('changed:'));
    await sleep(800);
    expect(changeNotes()).toHaveLength(0);
    await swapAnswer(sim, 'domain', 'aoldaily.com', changedAoldaily());
    await discord.waitFor(() => changeNotes().length >= 1);
    await sleep(1000);
    expect(changeNotes()).toHaveLength(1);
    const [note] = changeNotes();
    expect(note?.body?.message_reference).toMatchObject({ message_id: summary.id });
    expect(note?.body?.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(String(note?.body?.content)).toContain('45.77.12\\[.\\]34');
  }, 30_000);

  it('GIVEN /threatcrowd watch and watchlist in Discord THEN "Watching" in the channel, and the list privately', async () => {
    const sim = await useSimulator();
    const discord = await startFakeDiscord();
    const _app = await useApp({ ...offlineEnv(sim), ...discordEnv(discord) });
    discord.dispatch('INTERACTION_CREATE', slashInteraction('watch', { indicator: 'aoldaily[.]com' }));
    await discord.waitFor(() => discord.callsTo('PATCH', /@original$/).some((c) => JSON.stringify(c.body).includes('Watching')));
    discord.dispatch('INTERACTION_CREATE', slashInteraction('watchlist'));
    const listed = () => discord.callsTo('POST', /^\/webhooks\//).find((c) => JSON.stringify(c.body).includes('Watched in this channel'));
    await discord.waitFor(() => listed() !== undefined);
    expect(listed()?.body?.flags).toBe(64);
  });
});
