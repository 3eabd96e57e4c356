import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/observability/logger.js';
import { startApp } from '../../src/runtime/start-app.js';
import { offlineEnv, slackEnv } from '../support/env.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { startRedis } from '../support/redis-server.js';
import { afterTest } from '../support/servers.js';
import { useSimulator } from '../support/simulator.js';

describe('readiness on Redis', () => {
  it('GIVEN Redis goes away THEN /readyz says not ready, naming redis, and the log says why', async () => {
    const redis = await startRedis();
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    let logs = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    const app = await startApp(loadSettings({ ...offlineEnv(sim), ...slackEnv(slack), REDIS_URL: redis.url }), createLogger('info', sink));
    afterTest(() => app.stop());
    const readyz = async () => {
      const response = await fetch(`http://127.0.0.1:${app.health.port}/readyz`);
      return { status: response.status, body: (await response.json()) as { checks: Record<string, boolean> } };
    };
    expect((await readyz()).status).toBe(200);
    await redis.stop();
    let answer = await readyz();
    for (let i = 0; i < 100 && answer.status === 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      answer = await readyz();
    }
    expect(answer.status).toBe(503);
    expect(answer.body.checks.redis).toBe(false);
    expect(logs).toContain('redis unreachable or failing');
  }, 30_000);
});
