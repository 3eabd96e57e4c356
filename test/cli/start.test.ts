import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { offlineEnv, slackEnv } from '../support/env.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { processTestTimeout } from '../support/process-limits.js';
import { useSimulator } from '../support/simulator.js';
import { startBotProcess } from '../support/start-process.js';

describe('threatcrowd-bot start', () => {
  it('GIVEN no platform credentials THEN one clear line naming the tokens and the demo, exit 1', async () => {
    const { code, stderr } = await runCli(['start']);
    expect(code).toBe(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN');
    expect(stderr).toContain('DISCORD_TOKEN');
    expect(stderr).toContain('npm run demo');
  });

  it('GIVEN a malformed configuration THEN every problem on its own line before connecting to anything', async () => {
    const { code, stderr } = await runCli(['start'], { SLACK_BOT_TOKEN: 'nope', THREATCROWD_BURST: '0', CACHE_URL: 'mongo://x' });
    expect(code).toBe(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN: must be a bot token');
    expect(stderr).toContain('THREATCROWD_BURST');
    expect(stderr).toContain('CACHE_URL');
  });

  it('GIVEN Slack credentials THEN it starts, and SIGTERM stops it cleanly with exit 0', { timeout: processTestTimeout(1) }, async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const { child, exited, logs } = await startBotProcess({ ...offlineEnv(sim), ...slackEnv(slack) });
    expect(logs()).not.toContain('xoxb-test');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
