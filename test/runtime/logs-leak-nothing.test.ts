/**
 * A full run through the real Bolt and discord.js against the fakes and the simulator, at LOG_LEVEL=debug,
 * with failures on every side: the captured log holds no token and no looked-up value.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/observability/logger.js';
import { type RunningApp, startApp } from '../../src/runtime/start-app.js';
import { DISCORD_TEST_TOKEN, discordEnv, offlineEnv, SIGNING_SECRET, slackEnv } from '../support/env.js';
import { slashInteraction, startFakeDiscord, userMessage } from '../support/fake-discord.js';
import { eventBody, sendSigned, slashCommandBody, startFakeSlack } from '../support/fake-slack.js';
import { useSimulator } from '../support/simulator.js';

const OTX_KEY = 'otx-key-0123456789abcdef';
const running: RunningApp[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop();
});

/** Looks up values on both platforms, with a Discord REST error, a Slack error and ThreatCrowd down; returns the log. */
async function fullRun(env: Record<string, string>): Promise<{ logs: string; interactionToken: string }> {
  const sim = await useSimulator();
  const slack = await startFakeSlack();
  const discord = await startFakeDiscord();
  let logs = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  const settings = loadSettings({
    ...offlineEnv(sim),
    ...slackEnv(slack),
    ...discordEnv(discord),
    PROVIDERS: 'threatcrowd,otx',
    OTX_API_KEY: OTX_KEY,
    ...env,
  });
  const app = await startApp(settings, createLogger('debug', sink));
  running.push(app);
  const url = `http://127.0.0.1:${app.slack?.port}`;

  // Slack: a command, a message in a channel the bot may not post in (an error with the summary), a vote.
  await sendSigned(url, SIGNING_SECRET, slashCommandBody(slack, 'aoldaily[.]com'), 'application/x-www-form-urlencoded');
  await slack.waitFor(() => slack.callsOf('reactions.add').length >= 2);
  slack.notInChannel.add('CLOSED');
  const message = { type: 'message', channel: 'CLOSED', user: 'U1', ts: '1700000001.000100', text: 'beacon 188.40.75[.]132' };
  await sendSigned(url, SIGNING_SECRET, eventBody(message), 'application/json');
  await slack.waitFor(() => logs.includes('slack listener failed'));
  const summaryTs = slack.callsOf('chat.postMessage')[0]?.ts ?? '';
  const reaction = { type: 'reaction_added', user: 'U2', reaction: 'thumbsdown', item: { type: 'message', channel: 'C1', ts: summaryTs } };
  await sendSigned(url, SIGNING_SECRET, eventBody(reaction), 'application/json');
  // ThreatCrowd down for an e-mail address (OTX cannot look those up): an upstream failure is logged.
  sim.addFault({ kind: 'http-503', times: 5 });
  await sendSigned(url, SIGNING_SECRET, slashCommandBody(slack, 'william19770319[@]yahoo[.]com'), 'application/x-www-form-urlencoded');
  await slack.waitFor(() => slack.responses.length >= 1 || logs.includes('lookup failed upstream'));
  sim.clearFaults();

  // Discord: the reply is refused (its body holds the embed with the value), then a slash command.
  discord.failOnce('POST', /^\/channels\/\d+\/messages$/);
  discord.dispatch('MESSAGE_CREATE', userMessage('seen aoldaily[.]com'));
  await discord.waitFor(() => logs.includes('discord listener failed'));
  const interaction = slashInteraction('domain', { value: 'evilupdate[.]top' });
  discord.dispatch('INTERACTION_CREATE', interaction);
  await discord.waitFor(() => discord.callsTo('PATCH', /@original/).length >= 1);
  await new Promise((r) => setTimeout(r, 300));
  return { logs, interactionToken: String(interaction.token) };
}

const LOOKED_UP = ['aoldaily', '188.40.75.132', '188.40.75[.]132', 'william19770319', 'evilupdate'];

describe('logs of a full run', () => {
  it('GIVEN LOG_LEVEL=debug and failures everywhere THEN no token, key or looked-up value is in any log line', async () => {
    const { logs, interactionToken } = await fullRun({});
    // The run did log what matters (so the checks below are about real lines).
    expect(logs).toContain('discord listener failed');
    expect(logs).toContain('slack listener failed');
    expect(logs).toContain('lookup failed upstream');
    expect(logs).toContain('[body omitted]');
    for (const secret of ['xoxb-test', SIGNING_SECRET, DISCORD_TEST_TOKEN, OTX_KEY, interactionToken]) expect(logs).not.toContain(secret);
    for (const line of logs.split('\n')) {
      for (const value of LOOKED_UP) expect(line.toLowerCase(), line).not.toContain(value);
    }
  });

  it('GIVEN LOG_INDICATORS=true THEN the failed value is logged, and still no token', async () => {
    const { logs } = await fullRun({ LOG_INDICATORS: 'true' });
    expect(logs).toContain('william19770319@yahoo.com');
    for (const secret of ['xoxb-test', SIGNING_SECRET, DISCORD_TEST_TOKEN, OTX_KEY]) expect(logs).not.toContain(secret);
  });
});
