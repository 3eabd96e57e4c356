/** Real Bolt against the fake Slack: Slack Connect channels keep one identity, and a bad link spoils no unfurl. */
import { afterEach, describe, expect, it } from 'vitest';
import { unfurlCommand } from '../../../adapters/slack/unfurl-links.js';
import { loadSettings } from '../../../src/config/settings.js';
import { createLogger } from '../../../src/observability/logger.js';
import { type RunningApp, startApp } from '../../../src/runtime/start-app.js';
import { offlineEnv, SIGNING_SECRET as SECRET, slackEnv } from '../../support/env.js';
import { eventBody, sendSigned, slashCommandBody, startFakeSlack } from '../../support/fake-slack.js';
import { useSimulator } from '../../support/simulator.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const running: RunningApp[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop();
});

async function setup() {
  const sim = await useSimulator();
  const slack = await startFakeSlack();
  const app = await startApp(loadSettings({ ...offlineEnv(sim), ...slackEnv(slack) }), createLogger('silent'));
  running.push(app);
  return { sim, slack, url: `http://127.0.0.1:${app.slack?.port}` };
}

/** A partner workspace's message in a shared channel: `event.team` is T2, the request's `team_id` is ours (T1). */
const partnerMessage = (text: string, ts: string) =>
  eventBody({ type: 'message', channel: 'CSHARED', user: 'UPARTNER', team: 'T2', ts, text, channel_type: 'channel' });

describe('Slack Connect: one identity per channel', () => {
  it("GIVEN `/threatcrowd channel off` in a shared channel THEN the partner workspace's messages are silenced too", async () => {
    const { slack, url, sim } = await setup();
    await sendSigned(url, SECRET, slashCommandBody(slack, 'channel off', 'CSHARED'), FORM);
    // The mode is stored before the change is announced (in the channel, or through the command's response_url).
    const announced = () =>
      [...slack.responses.map((r) => r.body), ...slack.callsOf('chat.postMessage').map((c) => c.args)].some((m) =>
        JSON.stringify(m).includes('Channel mode set to off'),
      );
    await slack.waitFor(announced);
    const before = slack.callsOf('chat.postMessage').length;
    await sendSigned(url, SECRET, partnerMessage('beacon to aoldaily[.]com', '1700000100.000100'), JSON_TYPE);
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.callsOf('chat.postMessage')).toHaveLength(before);
    expect(sim.requests).toEqual([]);
  });

  it("GIVEN an answer to a partner's message THEN our analyst's reaction on it is a vote", async () => {
    const { slack, url, sim } = await setup();
    await sendSigned(url, SECRET, partnerMessage('beacon to aoldaily[.]com', '1700000101.000100'), JSON_TYPE);
    await slack.waitFor(() => slack.callsOf('reactions.add').length >= 2);
    const summaryTs = slack.callsOf('chat.postMessage')[0]?.ts;
    const reaction = {
      type: 'reaction_added',
      user: 'U1',
      reaction: 'thumbsdown',
      item: { type: 'message', channel: 'CSHARED', ts: summaryTs },
    };
    await sendSigned(url, SECRET, eventBody(reaction), JSON_TYPE);
    await slack.waitFor(() => sim.votes.length >= 1);
    expect(sim.votes.map((v) => [v.value, v.vote])).toEqual([['aoldaily.com', '0']]);
  });
});

describe('unfurls', () => {
  it('GIVEN a malformed OTX link THEN it is skipped, not thrown', () => {
    expect(unfurlCommand('https://otx.alienvault.com/indicator/domain/%E0%A4%A')).toBeNull();
    expect(unfurlCommand('https://otx.alienvault.com/indicator/domain/aoldaily.com')).toBe('domain "aoldaily.com"');
  });

  it('GIVEN one malformed link among good ones THEN the good ones are still unfurled', async () => {
    const { slack, url } = await setup();
    const bad = 'https://otx.alienvault.com/indicator/domain/%E0%A4%A';
    const internal = 'https://www.threatcrowd.org/ip.php?ip=10.0.0.1';
    const good = 'https://www.threatcrowd.org/domain.php?domain=aoldaily.com';
    const links = [bad, internal, good].map((link) => ({ domain: new URL(link).hostname, url: link }));
    const event = { type: 'link_shared', channel: 'C1', user: 'U1', message_ts: '1700000200.000100', links };
    await sendSigned(url, SECRET, eventBody(event), JSON_TYPE);
    await slack.waitFor(() => slack.callsOf('chat.unfurl').length === 1);
    const unfurls = (slack.callsOf('chat.unfurl')[0]?.args.unfurls ?? {}) as Record<string, unknown>;
    expect(Object.keys(unfurls)).toEqual([good]);
  });
});
