/** `threatcrowd-bot console`: the terminal chat against the configured provider and store. */
import { consoleBanner } from '../../adapters/console/banner.js';
import { runConsole } from '../../adapters/console/main.js';
import { loadSettings } from '../config/settings.js';
import { createLogger } from '../observability/logger.js';
import { buildBot } from '../runtime/build-bot.js';
import { createServices } from '../runtime/services.js';
import { startFeeds } from '../runtime/start-feeds.js';
import type { CliIo } from './output.js';

/** `banner`: a first line that also makes the banner show when reading a pipe (the demo names its simulator there). */
export async function runConsoleCommand(io: CliIo & { stdin: NonNullable<CliIo['stdin']>; banner?: string }): Promise<number> {
  // A console session starts afresh (no answers or 'seen' marks from earlier runs) unless a store is named.
  const settings = loadSettings(io.env.CACHE_URL ? io.env : { ...io.env, CACHE_URL: 'memory://' });
  const services = await createServices(settings);
  // The terminal is the chat: logs go to stderr, quietly unless asked.
  const logger = createLogger(io.env.LOG_LEVEL ?? 'warn', io.stderr);
  const { bot, votes, watching } = buildBot(services, logger);
  await startFeeds(services);
  votes.start(Math.max(1000, settings.THREATCROWD_INTERVAL_MS));
  watching.scheduler.start();
  const interactive = Boolean(io.stdin.isTTY);
  if (interactive || io.banner) io.stdout.write(consoleBanner(io.banner));
  try {
    await runConsole({ bot, input: io.stdin, output: io.stdout, prompt: interactive });
    await votes.deliverDue();
  } finally {
    await watching.scheduler.stop();
    await votes.stop();
    await services.close();
  }
  return 0;
}
