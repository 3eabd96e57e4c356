import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { STORE_CONNECT_TIMEOUT_MS } from '../../src/store/open-store.js';
import { hasStackFrame, runCli, spawnCli } from '../support/cli.js';
import { discordEnv, offlineEnv, slackEnv } from '../support/env.js';
import { startFakeDiscord } from '../support/fake-discord.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { processTestTimeout } from '../support/process-limits.js';
import { afterTest } from '../support/servers.js';
import { useSimulator } from '../support/simulator.js';

/** A port some other program holds, on every address. */
async function takenPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', () => resolve()));
  afterTest(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

/** One line on standard error, no stack frame, a non-zero exit. */
function expectOneLine(run: { code: number; stderr: string }): string {
  expect(run.code).not.toBe(0);
  expect(hasStackFrame(run.stderr)).toBe(false);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  return lines[0] ?? '';
}

describe('ordinary mistakes fail fast with one line naming what to change', () => {
  it('GIVEN simulate on a port in use THEN one line naming --port', async () => {
    const port = await takenPort();
    const line = expectOneLine(await runCli(['simulate', '--port', String(port), '--quiet']));
    expect(line).toBe(`error: simulator: port ${port} is already in use on 127.0.0.1; set --port to a free port (0 picks one).`);
  });

  it('GIVEN simulate --fixtures with a missing folder THEN one line naming the folder', async () => {
    const line = expectOneLine(await runCli(['simulate', '--port', '0', '--fixtures', '/nonexistent/fixtures']));
    expect(line).toContain('no fixtures folder at "/nonexistent/fixtures"');
  });

  it('GIVEN simulate --host that does not resolve THEN one line naming --host', async () => {
    const line = expectOneLine(await runCli(['simulate', '--port', '0', '--host', 'simulator.invalid']));
    expect(line).toMatch(/^error: simulator: cannot listen on "simulator\.invalid" \(E[A-Z_]+\): set --host to an address of this machine/);
  });

  it('GIVEN CACHE_URL on a Redis that is not there THEN one line naming CACHE_URL and the address within a few seconds', async () => {
    const started = Date.now();
    const line = expectOneLine(await runCli(['lookup', 'aoldaily.com'], { CACHE_URL: 'redis://:secret@127.0.0.1:1' }));
    expect(line).toMatch(/^error: CACHE_URL: cannot reach the store at redis:\/\/127\.0\.0\.1:1 \(ECONNREFUSED/);
    expect(line).not.toContain('secret');
    // It gives up after the store's connect timeout (3 s), about 5 s on a loaded machine; five times the timeout
    // leaves room for more load, and a command that kept retrying would never end.
    expect(Date.now() - started).toBeLessThan(5 * STORE_CONNECT_TIMEOUT_MS);
  }, 30_000);

  it('GIVEN REDIS_URL on a Redis that is not there THEN the real process prints one line naming REDIS_URL, and no ioredis noise', {
    timeout: processTestTimeout(1),
  }, async () => {
    const run = await spawnCli(['lookup', 'aoldaily.com'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(expectOneLine(run)).toMatch(/^error: REDIS_URL: cannot reach the store at redis:\/\/127\.0\.0\.1:1 \(ECONNREFUSED/);
    expect(run.stderr).not.toContain('Unhandled error event');
  });

  it('GIVEN start with HTTP_PORT in use THEN one line naming HTTP_PORT', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const port = await takenPort();
    const env = { ...offlineEnv(sim), ...slackEnv(slack), HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
    expect(expectOneLine(await runCli(['start'], env))).toContain(`port ${port} is already in use on 127.0.0.1; set HTTP_PORT`);
  });

  it('GIVEN start with SLACK_PORT in use THEN one line naming SLACK_PORT', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const port = await takenPort();
    const env = { ...offlineEnv(sim), ...slackEnv(slack), SLACK_PORT: String(port), LOG_LEVEL: 'silent' };
    expect(expectOneLine(await runCli(['start'], env))).toContain(
      `Slack endpoint: port ${port} is already in use on 0.0.0.0; set SLACK_PORT`,
    );
  });

  it('GIVEN start with Slack or Discord unreachable (DNS fails) THEN one line naming the API variable', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const discord = await startFakeDiscord();
    const base = { ...offlineEnv(sim), LOG_LEVEL: 'silent' };
    const noSlack = await runCli(['start'], { ...base, ...slackEnv(slack), SLACK_API_URL: 'http://slack.invalid/api/' });
    expect(expectOneLine(noSlack)).toMatch(/^error: Slack: cannot reach http:\/\/slack\.invalid\/api\/ \(E[A-Z_]+\).* SLACK_API_URL\.$/);
    const noDiscord = await runCli(['start'], { ...base, ...discordEnv(discord), DISCORD_API_URL: 'http://discord.invalid/api' });
    expect(expectOneLine(noDiscord)).toMatch(
      /^error: Discord: cannot reach http:\/\/discord\.invalid\/api \(E[A-Z_]+\).* DISCORD_API_URL\.$/,
    );
    const deploy = await runCli(['deploy-commands'], { ...discordEnv(discord), DISCORD_API_URL: 'http://discord.invalid/api' });
    expect(expectOneLine(deploy)).toMatch(/^error: Discord: cannot reach http:\/\/discord\.invalid\/api \(E[A-Z_]+\)/);
  });
});
