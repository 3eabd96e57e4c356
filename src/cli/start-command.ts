/** `threatcrowd-bot start`: validated configuration, every configured adapter, graceful shutdown. */
import { fileURLToPath } from 'node:url';
import { shardOfProcess, startShards } from '../../adapters/discord/shards.js';
import { loadSettings } from '../config/settings.js';
import { UserError } from '../errors/user-error.js';
import { createLogger } from '../observability/logger.js';
import { StartAborted } from '../runtime/connect-with-retry.js';
import { type RunningApp, startApp } from '../runtime/start-app.js';
import type { CliIo } from './output.js';

/** SIGTERM to exit, whatever hangs: Docker's and Kubernetes' default grace is 10 s. */
export const SHUTDOWN_LIMIT_MS = 10_000;

export async function runStart(io: CliIo, onStop: (code: number) => void = (code) => process.exit(code)): Promise<number> {
  const settings = loadSettings(io.env);
  const logger = createLogger(settings.LOG_LEVEL, io.stderr);
  // Signals are handled from the start: one that arrives while adapters connect stops the bot once they have.
  let app: RunningApp | null = null;
  let requested: string | null = null;
  let stopping = false;
  const starting = new AbortController();
  const shutdown = (signal: string) => {
    if (!app) {
      requested = signal;
      starting.abort(); // stops waiting for the store; adapters already connecting finish first
      return;
    }
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      onStop(1);
    }, SHUTDOWN_LIMIT_MS);
    deadline.unref();
    app.stop().then(
      () => onStop(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        onStop(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));
  try {
    app = await startApp(settings, logger, { shard: shardOfProcess(io.env), signal: starting.signal });
  } catch (error) {
    if (!(error instanceof StartAborted)) throw error;
    logger.info({ signal: requested }, 'stopped before the store was reachable');
    onStop(0);
    return 0;
  }
  logger.info({ healthPort: app.health.port }, 'threatcrowd-bot is running');
  if (requested) shutdown(requested);
  return 0;
}

/** `threatcrowd-bot discord-shards --shards N`: one `start` process per Discord gateway shard. */
export async function runDiscordShards(io: CliIo, shards: string): Promise<number> {
  const settings = loadSettings(io.env);
  if (!settings.DISCORD_TOKEN) throw new UserError('discord-shards needs DISCORD_TOKEN.');
  const total = shards === 'auto' ? 'auto' : Number(shards);
  if (total !== 'auto' && (!Number.isInteger(total) || total < 1))
    throw new UserError(`--shards takes a whole number or auto, got "${shards}"`);
  // Each shard is a `threatcrowd-bot start` process running this same entry (compiled, or TypeScript under tsx).
  const script = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../main.ts' : '../main.js', import.meta.url));
  const manager = await startShards({ token: settings.DISCORD_TOKEN, script, totalShards: total });
  io.stderr.write(`started ${manager.shards.size} Discord shard processes\n`);
  const stop = () => {
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return 0;
}
