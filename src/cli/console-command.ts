/** `threatcrowd-bot console`: the terminal chat against the configured provider and store. */
import { runConsole } from '../../adapters/console/main.js';
import { loadSettings } from '../config/settings.js';
import { buildBot } from '../runtime/build-bot.js';
import { createLogger } from '../runtime/logger.js';
import { createServices } from '../runtime/services.js';
import { startFeeds } from '../runtime/start-app.js';
import type { CliIo } from './output.js';

export async function runConsoleCommand(io: CliIo & { stdin: NonNullable<CliIo['stdin']> }): Promise<number> {
  const settings = loadSettings(io.env);
  const services = await createServices(settings);
  // The terminal is the chat: logs go to stderr, quietly unless asked.
  const logger = createLogger(io.env.LOG_LEVEL ?? 'warn', io.stderr);
  const { bot, votes } = buildBot(services, logger);
  await startFeeds(services);
  votes.start(Math.max(1000, settings.THREATCROWD_INTERVAL_MS));
  try {
    await runConsole({ bot, input: io.stdin, output: io.stdout, prompt: Boolean(io.stdin.isTTY) });
    await votes.deliverDue();
  } finally {
    await votes.stop();
    await services.close();
  }
  return 0;
}
