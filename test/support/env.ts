/** Environments for running the whole bot offline: the simulator for ThreatCrowd and OTX, the fakes for chat. */
import type { Simulator } from '../../src/simulator/server.js';
import type { FakeDiscord } from './fake-discord.js';
import type { FakeSlack } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const DISCORD_TEST_TOKEN = 'test-token-that-is-long-enough';

/** Providers on the simulator, a fast limiter, nothing kept, any free port, no feed downloads. */
export function offlineEnv(sim: Simulator): Record<string, string> {
  return {
    THREATCROWD_URL: sim.url,
    OTX_URL: sim.url,
    CACHE_URL: 'memory://',
    HTTP_PORT: '0',
    FEEDS_REFRESH_SECONDS: '0',
    THREATCROWD_INTERVAL_MS: '20',
    OTX_INTERVAL_MS: '20',
    THREATCROWD_RETRIES: '0',
  };
}

export function slackEnv(slack: FakeSlack): Record<string, string> {
  return { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0', SLACK_API_URL: slack.apiUrl };
}

export function discordEnv(discord: FakeDiscord): Record<string, string> {
  return { DISCORD_TOKEN: DISCORD_TEST_TOKEN, DISCORD_API_URL: discord.apiUrl };
}
