import { describe, expect, it } from 'vitest';
import { SIGNING_SECRET as SECRET } from '../../support/env.js';
import { eventBody, type FakeSlack, sendSigned, slashCommandBody, visibleText } from '../../support/fake-slack.js';
import { useSlackApp } from '../../support/running-apps.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

const setup = useSlackApp;

const texts = (fake: FakeSlack, method: string) => fake.callsOf(method).map((c) => visibleText(c.args));

describe('Slack adapter end to end (real Bolt, fake Slack, ThreatCrowd simulator)', () => {
  it('GIVEN /threatcrowd with a defanged domain THEN it is acknowledged in time and the summary is posted with vote buttons and reactions', async () => {
    const { slack, url } = await setup();
    const started = Date.now();
    const res = await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily[.]com'), FORM);
    expect(res.status).toBe(200);
    // Slack gives up after 3 s; the acknowledgement takes about 250 ms on a loaded machine.
    expect(res.elapsedAt - started).toBeLessThan(2500);
    await slack.waitFor(() => slack.callsOf('reactions.add').length >= 2);
    const [post] = slack.callsOf('chat.postMessage');
    expect(post?.args).toMatchObject({ channel: 'C1', unfurl_links: false, unfurl_media: false });
    expect(JSON.stringify(post?.args.blocks)).toContain('aoldaily[.]com');
    expect(JSON.stringify(post?.args.blocks)).toContain('vote-malicious');
    expect(slack.callsOf('reactions.add').map((c) => c.args.name)).toEqual(['thumbsdown', 'thumbsup']);
  });

  it('GIVEN /threatcrowd help THEN it is acknowledged at once and the help comes back privately', async () => {
    const { slack, url } = await setup();
    const res = await sendSigned(url, SECRET, slashCommandBody(slack, 'help'), FORM);
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.responses.length >= 1);
    expect(slack.responses[0]?.body).toMatchObject({ response_type: 'ephemeral', text: 'threatcrowd-bot help' });
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('GIVEN a store slower than Slack’s 3 s THEN a vote command is acknowledged before the store answers, and answered later', async () => {
    const { slack, url, app } = await setup();
    const votes = app.services.store.namespace('votes');
    const get = votes.get.bind(votes);
    let acknowledged: () => void = () => {};
    const ack = new Promise<void>((resolve) => {
      acknowledged = resolve;
    });
    votes.get = (async (key: string) => {
      // The store answers only once the acknowledgement has arrived (or after 4 s, if it never comes first).
      await Promise.race([ack, new Promise((r) => setTimeout(r, 4000))]);
      return get(key);
    }) as typeof votes.get;
    const started = Date.now();
    const res = await sendSigned(url, SECRET, slashCommandBody(slack, 'vote malicious aoldaily[.]com'), FORM);
    acknowledged();
    expect(res.status).toBe(200);
    // Slack gives up after 3 s; an acknowledgement that does not wait for the store takes about 250 ms on a loaded
    // machine, one that waits takes 4 s.
    expect(res.elapsedAt - started).toBeLessThan(2500);
    await slack.waitFor(() => slack.responses.some((r) => String(r.body.text).includes('Your vote')), 15_000);
  }, 20_000);

  it('GIVEN a message with evil[.]com and a Slack-formatted link THEN answers go in the thread, defanged', async () => {
    const { slack, url } = await setup();
    const event = {
      type: 'message',
      channel: 'C1',
      user: 'U1',
      ts: '1700000001.000100',
      text: 'beacons to aoldaily[.]com and <http://188.40.75.132|188.40.75.132>',
      channel_type: 'channel',
    };
    expect((await sendSigned(url, SECRET, eventBody(event), JSON_TYPE)).status).toBe(200);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length >= 2);
    const posts = slack.callsOf('chat.postMessage');
    expect(posts.every((p) => p.args.thread_ts === '1700000001.000100')).toBe(true);
    const all = texts(slack, 'chat.postMessage').join('\n');
    expect(all).toContain('aoldaily[.]com');
    expect(all).toContain('188.40.75[.]132');
    expect(all).not.toMatch(/aoldaily\.com|188\.40\.75\.132/);
  });

  it('GIVEN the same event_id delivered twice THEN it is answered once', async () => {
    const { slack, url } = await setup();
    const body = eventBody({ type: 'message', channel: 'C1', user: 'U1', ts: '1700000002.000100', text: 'aoldaily[.]com' }, 'EvSAME');
    await sendSigned(url, SECRET, body, JSON_TYPE);
    await sendSigned(url, SECRET, body, JSON_TYPE);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('GIVEN bot messages, edits and joins THEN nothing is answered', async () => {
    const { slack, url, sim } = await setup();
    for (const event of [
      { type: 'message', subtype: 'bot_message', bot_id: 'B2', channel: 'C1', ts: '1.1', text: 'aoldaily[.]com' },
      { type: 'message', subtype: 'message_changed', channel: 'C1', ts: '1.2', message: { text: 'aoldaily[.]com' } },
      { type: 'message', subtype: 'channel_join', channel: 'C1', user: 'U3', ts: '1.3', text: '<@U3> has joined' },
    ]) {
      await sendSigned(url, SECRET, eventBody(event), JSON_TYPE);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });

  it('GIVEN a 👎 reaction on the summary THEN exactly one vote reaches the simulator, and the person gets a private confirmation', async () => {
    const { slack, url, sim } = await setup();
    await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily.com'), FORM);
    await slack.waitFor(() => slack.callsOf('reactions.add').length >= 2);
    const summaryTs = String(slack.callsOf('chat.postMessage')[0]?.ts);
    expect(slack.callsOf('reactions.add').map((c) => c.args.timestamp)).toEqual([summaryTs, summaryTs]);
    // The bot's own seed reaction is ignored.
    await sendSigned(
      url,
      SECRET,
      eventBody({ type: 'reaction_added', user: 'UBOT', reaction: 'thumbsdown', item: { type: 'message', channel: 'C1', ts: summaryTs } }),
      JSON_TYPE,
    );
    for (let i = 0; i < 3; i++) {
      await sendSigned(
        url,
        SECRET,
        eventBody({
          type: 'reaction_added',
          user: 'U1',
          reaction: 'thumbsdown::skin-tone-2',
          item: { type: 'message', channel: 'C1', ts: summaryTs },
        }),
        JSON_TYPE,
      );
    }
    await slack.waitFor(() => sim.votes.length >= 1);
    await slack.waitFor(() => slack.callsOf('chat.postEphemeral').length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.votes.map((v) => [v.value, v.vote])).toEqual([['aoldaily.com', '0']]);
    expect(texts(slack, 'chat.postEphemeral')[0]).toContain('Your vote');
    // The summary is edited to show the team tally.
    await slack.waitFor(() => slack.callsOf('chat.update').length >= 1);
    expect(slack.callsOf('chat.update')[0]?.args.ts).toBe(summaryTs);
    expect(visibleText(slack.callsOf('chat.update')[0]?.args ?? {})).toContain('team: 1 malicious, 0 not malicious');
  });

  it('GIVEN a Malicious button click THEN a vote and a private confirmation', async () => {
    const { slack, url, sim } = await setup();
    await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily.com'), FORM);
    await slack.waitFor(() => slack.callsOf('reactions.add').length >= 2);
    const summaryTs = String(slack.callsOf('chat.postMessage')[0]?.ts);
    const payload = {
      type: 'block_actions',
      user: { id: 'U7', team_id: 'T1' },
      team: { id: 'T1' },
      api_app_id: 'A1',
      channel: { id: 'C1' },
      message: { ts: summaryTs },
      response_url: `${slack.url}/respond/button`,
      actions: [{ type: 'button', action_id: 'vote-malicious', block_id: 'vote', value: 'domain:aoldaily.com', action_ts: '1' }],
      trigger_id: '1.2',
    };
    const res = await sendSigned(url, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    expect(res.status).toBe(200);
    await slack.waitFor(() => sim.votes.length === 1 && slack.callsOf('chat.postEphemeral').length === 1);
    expect(slack.callsOf('chat.postEphemeral')[0]?.args).toMatchObject({ channel: 'C1', user: 'U7' });
  });

  it('GIVEN a link_shared event for a ThreatCrowd permalink THEN chat.unfurl carries the summary', async () => {
    const { slack, url } = await setup();
    const link = 'https://www.threatcrowd.org/domain.php?domain=aoldaily.com';
    await sendSigned(
      url,
      SECRET,
      eventBody({
        type: 'link_shared',
        channel: 'C1',
        user: 'U1',
        message_ts: '1700000005.000100',
        links: [{ domain: 'threatcrowd.org', url: link }],
      }),
      JSON_TYPE,
    );
    await slack.waitFor(() => slack.callsOf('chat.unfurl').length === 1);
    const unfurl = slack.callsOf('chat.unfurl')[0]?.args as { ts: string; unfurls: Record<string, { blocks: unknown[] }> };
    expect(unfurl.ts).toBe('1700000005.000100');
    expect(JSON.stringify(unfurl.unfurls[link]?.blocks)).toContain('aoldaily[.]com');
  });

  it('GIVEN a forged signature or a stale timestamp THEN 401 and no side effect', async () => {
    const { slack, url, sim } = await setup();
    const forged = await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily.com'), FORM, { signature: 'v0=deadbeef' });
    const stale = await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily.com'), FORM, {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    const wrongKey = await sendSigned(
      url,
      'another-secret',
      eventBody({ type: 'message', channel: 'C1', user: 'U1', ts: '1.9', text: 'aoldaily[.]com' }),
      JSON_TYPE,
    );
    expect([forged.status, stale.status, wrongKey.status]).toEqual([401, 401, 401]);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });

  it('GIVEN Slack answers 429 THEN the post is retried after Retry-After and succeeds', async () => {
    const { slack, url } = await setup();
    slack.rateLimitOnce('chat.postMessage');
    await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily.com'), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 1, 10_000);
    expect(slack.callsOf('chat.postMessage')[0]?.args.channel).toBe('C1');
  });

  it('GIVEN the bot is not in the channel THEN it answers through response_url and says how to invite it', async () => {
    const { slack, url } = await setup();
    slack.notInChannel.add('CPRIV');
    await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily.com', 'CPRIV'), FORM);
    await slack.waitFor(() => slack.responses.length >= 2);
    expect(slack.responses[0]?.body).toMatchObject({ response_type: 'in_channel' });
    expect(JSON.stringify(slack.responses[1]?.body)).toContain('/invite');
  });

  it('GIVEN reveal mode THEN the message gets 🔎, and a person’s 🔎 reaction answers it in the thread', async () => {
    const { slack, url } = await setup({ AUTO_DETECT_DEFAULT: 'reveal' });
    slack.messages.set('1700000009.000100', 'look at aoldaily[.]com');
    await sendSigned(
      url,
      SECRET,
      eventBody({ type: 'message', channel: 'C1', user: 'U1', ts: '1700000009.000100', text: 'look at aoldaily[.]com' }),
      JSON_TYPE,
    );
    await slack.waitFor(() => slack.callsOf('reactions.add').length === 1);
    expect(slack.callsOf('reactions.add')[0]?.args).toMatchObject({ name: 'mag', timestamp: '1700000009.000100' });
    await sendSigned(
      url,
      SECRET,
      eventBody({ type: 'reaction_added', user: 'U2', reaction: 'mag', item: { type: 'message', channel: 'C1', ts: '1700000009.000100' } }),
      JSON_TYPE,
    );
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 1);
    expect(slack.callsOf('chat.postMessage')[0]?.args.thread_ts).toBe('1700000009.000100');
  });
});

describe('health and metrics', () => {
  it('GIVEN a running bot THEN /healthz, /readyz and /metrics answer, and metrics count what happened', async () => {
    const { slack, url, app } = await setup();
    await sendSigned(url, SECRET, slashCommandBody(slack, 'aoldaily.com'), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 1);
    const base = `http://127.0.0.1:${app.health.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { slack: true, store: true } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('threatcrowd_bot_lookups_total{type="domain",outcome="upstream"} 1');
    expect(metrics).toContain('threatcrowd_bot_upstream_requests_total{provider="threatcrowd",endpoint="domain",result="ok"} 1');
    expect(metrics).toContain('threatcrowd_bot_queue_depth 0');
    expect(metrics).toContain('threatcrowd_bot_vote_outbox_size 0');
    expect(metrics).not.toContain('aoldaily');
  });
});

describe('Socket Mode', () => {
  it('GIVEN SLACK_APP_TOKEN THEN commands arrive over the websocket, are acknowledged there, and answered', async () => {
    const { slack } = await setup({ SLACK_APP_TOKEN: 'xapp-test-token' });
    const ack = await slack.sendEnvelope('slash_commands', {
      command: '/threatcrowd',
      text: 'help',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      api_app_id: 'A1',
      response_url: `${slack.url}/respond/socket`,
      trigger_id: '1.2',
    });
    expect(ack).not.toMatchObject({ text: expect.anything() }); // acknowledged first, answered through the response URL
    await slack.waitFor(() => slack.responses.some((r) => r.body.text === 'threatcrowd-bot help'));
    await slack.sendEnvelope('slash_commands', {
      command: '/threatcrowd',
      text: 'aoldaily[.]com',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      api_app_id: 'A1',
      response_url: `${slack.url}/respond/socket2`,
      trigger_id: '1.3',
    });
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 1);
    expect(slack.callsOf('apps.connections.open')).toHaveLength(1);
  });
});
