import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/observability/logger.js';
import { StartAborted } from '../../src/runtime/connect-with-retry.js';
import { startApp } from '../../src/runtime/start-app.js';
import { offlineEnv, slackEnv } from '../support/env.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { freePort, startRedis } from '../support/redis-server.js';
import { afterTest } from '../support/servers.js';
import { useSimulator } from '../support/simulator.js';

class Lines extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

async function readyz(port: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('start with Redis down', () => {
  it('GIVEN REDIS_URL not answering THEN it serves /readyz 503, logs each attempt, and starts once Redis is up', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const [redisPort, healthPort] = [await freePort(), await freePort()];
    const logs = new Lines();
    const settings = loadSettings({
      ...offlineEnv(sim),
      ...slackEnv(slack),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      HTTP_PORT: String(healthPort),
    });
    const starting = startApp(settings, createLogger('info', logs), { delayMs: () => 200 });
    await until(() => logs.text.includes('"attempt":1'), 'the first attempt');
    expect(await readyz(healthPort)).toBe(503);
    expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);
    expect(logs.text).toContain(`REDIS_URL: cannot reach the store at redis://127.0.0.1:${redisPort}`);
    const redis = await startRedis(redisPort);
    afterTest(() => redis.stop());
    const app = await starting;
    afterTest(() => app.stop());
    expect(logs.text).toContain('store reachable; starting');
    // The shared limiter and store work: a lookup goes through Redis.
    expect((await app.services.lookups.lookup('ip', '188.40.75.132', 'interactive')).report.found).toBe(true);
    await until(async () => (await readyz(healthPort)) === 200, '/readyz 200');
  }, 40_000);

  it('GIVEN a stop requested while waiting for Redis THEN the start is abandoned cleanly', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const settings = loadSettings({ ...offlineEnv(sim), ...slackEnv(slack), REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    const stop = new AbortController();
    const starting = startApp(settings, createLogger('silent'), { delayMs: () => 60_000, signal: stop.signal });
    setTimeout(() => stop.abort(), 500);
    await expect(starting).rejects.toBeInstanceOf(StartAborted);
  }, 20_000);
});
