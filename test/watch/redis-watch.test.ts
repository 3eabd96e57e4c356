import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/observability/logger.js';
import { type RunningApp, startApp } from '../../src/runtime/start-app.js';
import { offlineEnv, SIGNING_SECRET as SECRET, slackEnv } from '../support/env.js';
import { sendSigned, slashCommandBody, startFakeSlack, visibleText } from '../support/fake-slack.js';
import { useRedisForFile } from '../support/redis-server.js';
import { useSimulator } from '../support/simulator.js';
import { changedAoldaily, sleep, swapAnswer, waitUntil } from './support.js';

const FORM = 'application/x-www-form-urlencoded';
const redis = useRedisForFile();
const running: RunningApp[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop();
});

describe('the watchlist on two replicas sharing a real Redis', () => {
  it('GIVEN a watch and a changed answer THEN the two replicas post one note between them, and re-check it once per round', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    // 0.5 s rounds; each replica looks for due watches every 0.2 s (a tenth of the interval, at least 0.2 s).
    const env = { ...offlineEnv(sim), ...slackEnv(slack), REDIS_URL: redis.url, WATCH_INTERVAL_HOURS: String(0.5 / 3600) };
    const replica = async () => {
      const app = await startApp(loadSettings(env), createLogger('silent'));
      running.push(app);
      return `http://127.0.0.1:${app.slack?.port}`;
    };
    const [a, b] = await Promise.all([replica(), replica()]);
    await sendSigned(a, SECRET, slashCommandBody(slack, 'aoldaily.com'), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length >= 1);
    await sendSigned(b, SECRET, slashCommandBody(slack, 'watch aoldaily.com'), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').some((c) => visibleText(c.args).includes('Watching')));
    const asked = () => sim.requests.filter((r) => r.value === 'aoldaily.com').length;
    const before = asked();
    const from = Date.now();
    await sleep(2600); // about five rounds, unchanged
    await waitUntil(() => asked() - before >= 2); // load can delay rounds (never add any): wait for two at least
    const rechecks = asked() - before;
    // One re-check per round between both replicas, not two: a round is 0.5 s from the last re-check, so the
    // time waited holds at most one per 0.5 s, and one more for a round under way when it began (seven in
    // 2.6 s; two per round would be ten).
    expect(rechecks).toBeLessThanOrEqual(Math.floor((Date.now() - from) / 500) + 2);

    await swapAnswer(sim, 'domain', 'aoldaily.com', changedAoldaily());
    const notes = () => slack.callsOf('chat.postMessage').filter((c) => visibleText(c.args).includes('changed:'));
    await slack.waitFor(() => notes().length >= 1);
    await sleep(1500);
    expect(notes()).toHaveLength(1);
    expect(notes()[0]?.args).toMatchObject({ channel: 'C1' });
  }, 40_000);
});
