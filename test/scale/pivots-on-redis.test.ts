/** Pivots and "Post to thread" with two Slack replicas sharing one real Redis. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/observability/logger.js';
import { type RunningApp, startApp } from '../../src/runtime/start-app.js';
import type { Simulator } from '../../src/simulator/server.js';
import { offlineEnv, SIGNING_SECRET, slackEnv } from '../support/env.js';
import { type FakeSlack, sendSigned, startFakeSlack, visibleText } from '../support/fake-slack.js';
import { useRedisForFile } from '../support/redis-server.js';
import { useSimulator } from '../support/simulator.js';

const redis = useRedisForFile();
const opened: RunningApp[] = [];
afterEach(async () => {
  for (const app of opened.splice(0)) await app.stop();
});

async function replicas(sim: Simulator, slack: FakeSlack): Promise<string[]> {
  const start = async () => {
    const settings = loadSettings({ ...offlineEnv(sim), ...slackEnv(slack), REDIS_URL: redis.url, PROVIDERS: 'threatcrowd' });
    const app = await startApp(settings, createLogger('silent'));
    opened.push(app);
    return `http://127.0.0.1:${app.slack?.port}`;
  };
  return Promise.all([start(), start()]);
}

const send = (url: string, payload: Record<string, unknown>) =>
  sendSigned(
    url,
    SIGNING_SECRET,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
  );

describe('pivots and shared answers across replicas on Redis', () => {
  it('GIVEN "Post to thread" clicked twice, each click reaching another replica THEN the answer is posted once, from the shared cache', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const [a = '', b = ''] = await replicas(sim, slack);
    const ts = '1700000200.000100';
    const text = 'the dropper called evilupdate[.]top';
    slack.messages.set(ts, text);
    const who = { user: { id: 'U2', team_id: 'T1' }, team: { id: 'T1' }, channel: { id: 'CR' }, trigger_id: '1.2' };
    await send(a, {
      ...who,
      type: 'message_action',
      callback_id: 'lookup_message',
      response_url: `${slack.url}/respond/shortcut`,
      message: { type: 'message', user: 'U1', ts, text },
      message_ts: ts,
    });
    await slack.waitFor(() => slack.callsOf('chat.postEphemeral').length === 2, 15_000);
    const click = {
      ...who,
      type: 'block_actions',
      response_url: `${slack.url}/respond/share`,
      actions: [
        { type: 'button', action_id: 'share-lookup', block_id: 'share', value: JSON.stringify({ ts, thread: ts }), action_ts: '2' },
      ],
    };
    await Promise.all([send(a, click), send(b, click)]);
    await slack.waitFor(() => slack.callsOf('chat.postEphemeral').length === 3, 15_000);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 1, 15_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(slack.callsOf('chat.postMessage')[0]?.args.thread_ts).toBe(ts);
    expect(visibleText(slack.callsOf('chat.postEphemeral')[2]?.args ?? {})).toContain('already in the thread');
    expect(sim.requests.filter((r) => r.value === 'evilupdate.top')).toHaveLength(1);
  }, 40_000);
});
