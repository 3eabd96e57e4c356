/** The bot started for real (startApp) against the fakes and the simulator, and stopped after each test. */
import { afterEach } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/observability/logger.js';
import { type RunningApp, startApp } from '../../src/runtime/start-app.js';
import { discordEnv, offlineEnv, slackEnv } from './env.js';
import { startFakeDiscord } from './fake-discord.js';
import { startFakeSlack } from './fake-slack.js';
import { useSimulator } from './simulator.js';

const running: RunningApp[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop();
});

/** Starts the app from `env` (logs silent unless TEST_LOG is set); stopped after the test unless `forget` was called. */
export async function useApp(env: Record<string, string>): Promise<RunningApp> {
  const app = await startApp(loadSettings(env), createLogger(process.env.TEST_LOG ?? 'silent'));
  running.push(app);
  return app;
}

/** The test stops `app` itself (a replica killed mid-work): it is not stopped again after the test. */
export function forget(app: RunningApp): void {
  const at = running.indexOf(app);
  if (at >= 0) running.splice(at, 1);
}

/** The simulator, a fake Slack and the bot on Slack; `url` is where Slack would send its requests. */
export async function useSlackApp(env: Record<string, string> = {}) {
  const sim = await useSimulator();
  const slack = await startFakeSlack();
  const app = await useApp({ ...offlineEnv(sim), ...slackEnv(slack), ...env });
  return { sim, slack, app, url: `http://127.0.0.1:${app.slack?.port}` };
}

/** The simulator, a fake Discord and the bot on Discord. */
export async function useDiscordApp(env: Record<string, string> = {}) {
  const sim = await useSimulator();
  const discord = await startFakeDiscord();
  const app = await useApp({ ...offlineEnv(sim), ...discordEnv(discord), ...env });
  return { sim, discord, app };
}
