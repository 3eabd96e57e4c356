/**
 * Pivots and "Look up indicators" through the real Bolt against the fake Slack and the simulator: the menu on a
 * summary, a choice answered in the thread (one upstream request, then the cache), the message shortcut answering
 * privately in a channel whose mode is off, and "Post to thread".
 */
import { describe, expect, it } from 'vitest';
import { SIGNING_SECRET as SECRET } from '../../support/env.js';
import { eventBody, type FakeSlack, sendSigned, slashCommandBody, visibleText } from '../../support/fake-slack.js';
import { useSlackApp } from '../../support/running-apps.js';

const FORM = 'application/x-www-form-urlencoded';

const setup = (env: Record<string, string> = {}) => useSlackApp({ PROVIDERS: 'threatcrowd', ...env });

const interaction = (url: string, payload: Record<string, unknown>) =>
  sendSigned(url, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);

interface SelectBlock {
  type: string;
  block_id: string;
  elements: Array<{
    type: string;
    option_groups: Array<{ label: { text: string }; options: Array<{ value: string; text: { text: string } }> }>;
  }>;
}
const selectOf = (blocks: unknown) => (blocks as SelectBlock[]).find((b) => b.type === 'actions' && b.block_id.startsWith('pivot'));

function choose(slack: FakeSlack, ts: string, blockId: string, value: string, threadTs?: string) {
  return {
    type: 'block_actions',
    user: { id: 'U7', team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
    channel: { id: 'C1' },
    container: { type: 'message', message_ts: ts, channel_id: 'C1' },
    message: { ts, ...(threadTs ? { thread_ts: threadTs } : {}) },
    response_url: `${slack.url}/respond/pivot`,
    actions: [
      {
        type: 'static_select',
        action_id: 'pivot',
        block_id: blockId,
        selected_option: { text: { type: 'plain_text', text: 'x' }, value },
        action_ts: '1',
      },
    ],
    trigger_id: '1.2',
  };
}

describe('Slack: the "Look up related…" menu (real Bolt, fake Slack, simulator)', () => {
  it('GIVEN a related resolution chosen in a summary’s menu THEN its summary is posted in the same thread, via the first; one upstream request, then the cache', async () => {
    const { sim, slack, url } = await setup();
    await sendSigned(url, SECRET, slashCommandBody(slack, 'evilupdate[.]top'), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 1);
    const [summary] = slack.callsOf('chat.postMessage');
    const select = selectOf(summary?.args.blocks);
    expect(select?.block_id).toBe('pivot|d:evilupdate.top');
    const options = select?.elements[0]?.option_groups.flatMap((g) => g.options) ?? [];
    expect(options.map((o) => o.value)).toContain('i:45.77.12.34');
    expect(JSON.stringify(options)).not.toMatch(/channel|everyone|U024BE7LH|rm -rf/);
    const ts = String(summary?.ts);

    await interaction(url, choose(slack, ts, String(select?.block_id), 'i:45.77.12.34'));
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 2);
    const pivot = slack.callsOf('chat.postMessage')[1];
    expect(pivot?.args.thread_ts).toBe(ts);
    expect(visibleText(pivot?.args ?? {})).toContain('via evilupdate[.]top');
    expect(visibleText(pivot?.args ?? {})).toContain('IP address 45.77.12[.]34');
    expect(selectOf(pivot?.args.blocks)?.block_id).toBe('pivot|i:45.77.12.34');
    const asked = () => sim.requests.filter((r) => r.value === '45.77.12.34').length;
    expect(asked()).toBe(1);

    // The same choice again, from the pivot's own thread: the cache answers.
    await interaction(url, choose(slack, String(pivot?.ts), 'pivot|d:evilupdate.top', 'i:45.77.12.34', ts));
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 3);
    expect(slack.callsOf('chat.postMessage')[2]?.args.thread_ts).toBe(ts);
    expect(visibleText(slack.callsOf('chat.postMessage')[2]?.args ?? {})).toMatch(/cached/);
    expect(asked()).toBe(1);
  });

  it('GIVEN a menu on an answer in a channel the bot is not in THEN the choice is answered through the response URL, with how to invite the bot', async () => {
    const { slack, url } = await setup();
    slack.notInChannel.add('C1');
    await interaction(url, choose(slack, '1700000001.000100', 'pivot|d:evilupdate.top', 'i:45.77.12.34'));
    await slack.waitFor(() => slack.responses.length === 2);
    expect(slack.responses[0]?.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(slack.responses[0]?.body)).toContain('via evilupdate[.]top');
    expect(JSON.stringify(slack.responses[1]?.body)).toContain('/invite');
  });

  it('GIVEN a forged choice (a private address) THEN a private error, nothing posted, nothing sent upstream', async () => {
    const { sim, slack, url } = await setup();
    await interaction(url, choose(slack, '1700000001.000100', 'pivot|d:<!channel>', 'i:10.0.0.1'));
    await slack.waitFor(() => slack.callsOf('chat.postEphemeral').length === 1);
    expect(visibleText(slack.callsOf('chat.postEphemeral')[0]?.args ?? {})).toContain('10.0.0[.]1 is a private address');
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('Slack: the "Look up indicators" message shortcut', () => {
  it('GIVEN a channel whose mode is off THEN the shortcut answers the asker privately, and "Post to thread" posts the answer once, from the cache', async () => {
    const { sim, slack, url } = await setup({ AUTO_DETECT_DEFAULT: 'off' });
    const ts = '1700000042.000100';
    const text = 'beacons to aoldaily[.]com and <http://188.40.75.132|188.40.75.132>';
    slack.messages.set(ts, text);
    await sendSigned(url, SECRET, eventBody({ type: 'message', channel: 'C1', user: 'U1', ts, text }), 'application/json');
    await new Promise((r) => setTimeout(r, 300));
    expect(sim.requests).toHaveLength(0);

    await interaction(url, {
      type: 'message_action',
      callback_id: 'lookup_message',
      trigger_id: '1.2.3',
      response_url: `${slack.url}/respond/shortcut`,
      team: { id: 'T1', domain: 'fake' },
      channel: { id: 'C1', name: 'soc' },
      user: { id: 'U2', name: 'analyst' },
      message: { type: 'message', user: 'U1', ts, text },
      message_ts: ts,
      action_ts: '1700000043.1',
    });
    await slack.waitFor(() => slack.callsOf('chat.postEphemeral').length === 3);
    const privately = slack.callsOf('chat.postEphemeral');
    expect(privately.every((c) => c.args.user === 'U2' && c.args.channel === 'C1')).toBe(true);
    expect(visibleText(privately[0]?.args ?? {})).toContain('aoldaily[.]com');
    expect(visibleText(privately[1]?.args ?? {})).toContain('188.40.75[.]132');
    expect(visibleText(privately[2]?.args ?? {})).toContain('Only you can see these 2 answers');
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    const requests = sim.requests.length;
    expect(requests).toBe(2);

    const blocks = (privately[2]?.args.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
    const offer = blocks.find((b) => b.type === 'actions');
    const button = offer?.elements?.[0];
    expect(button?.action_id).toBe('share-lookup');
    const click = {
      type: 'block_actions',
      user: { id: 'U2', team_id: 'T1' },
      team: { id: 'T1' },
      api_app_id: 'A1',
      channel: { id: 'C1' },
      container: { type: 'message', message_ts: '1700000044.000200', channel_id: 'C1', is_ephemeral: true },
      response_url: `${slack.url}/respond/share`,
      actions: [{ type: 'button', action_id: 'share-lookup', block_id: 'share', value: button?.value, action_ts: '2' }],
      trigger_id: '1.3',
    };
    await interaction(url, click);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 2);
    expect(slack.callsOf('chat.postMessage').every((c) => c.args.thread_ts === ts)).toBe(true);
    await slack.waitFor(() => slack.responses.some((r) => r.body.text === 'Posted to the thread.'));
    expect(sim.requests.length).toBe(requests);

    await interaction(url, click);
    await slack.waitFor(() => slack.callsOf('chat.postEphemeral').length === 4);
    expect(visibleText(slack.callsOf('chat.postEphemeral')[3]?.args ?? {})).toContain('already in the thread');
    expect(slack.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('GIVEN "Post to thread" for a message deleted since THEN the person is told, and nothing is posted', async () => {
    const { sim, slack, url } = await setup();
    await interaction(url, {
      type: 'block_actions',
      user: { id: 'U2', team_id: 'T1' },
      team: { id: 'T1' },
      channel: { id: 'C1' },
      response_url: `${slack.url}/respond/gone`,
      actions: [
        { type: 'button', action_id: 'share-lookup', block_id: 'share', value: '{"ts":"1700000099.000100","thread":"1700000099.000100"}' },
      ],
      trigger_id: '1.3',
    });
    await slack.waitFor(() => slack.responses.length === 1);
    expect(slack.responses[0]?.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('cannot read that message'),
    });
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });

  it('GIVEN a forged "Post to thread" value THEN nothing is read or posted', async () => {
    const { sim, slack, url } = await setup();
    for (const value of ['{"ts":"../../x","thread":"1.1"}', 'not json', '{"ts":1,"thread":2}']) {
      await interaction(url, {
        type: 'block_actions',
        user: { id: 'U2', team_id: 'T1' },
        team: { id: 'T1' },
        channel: { id: 'C1' },
        response_url: `${slack.url}/respond/forged`,
        actions: [{ type: 'button', action_id: 'share-lookup', block_id: 'share', value, action_ts: '2' }],
        trigger_id: '1.3',
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });
});
