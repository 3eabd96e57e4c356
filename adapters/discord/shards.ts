/**
 * Discord sharding: one process per gateway shard, through discord.js's ShardingManager. Each child runs
 * `threatcrowd-bot start` with SHARDS and SHARD_COUNT set; the child's client takes its shard from them.
 */
import { ShardingManager } from 'discord.js';

export interface ShardOptions {
  readonly token: string;
  /** The `threatcrowd-bot` launcher to run per shard. */
  readonly script: string;
  /** A number; `auto` asks Discord for its recommendation (needs the real API). */
  readonly totalShards: number | 'auto';
}

export async function startShards(options: ShardOptions): Promise<ShardingManager> {
  const manager = new ShardingManager(options.script, {
    token: options.token,
    totalShards: options.totalShards,
    shardArgs: ['start'],
    respawn: true,
    mode: 'process',
    // Children run like this process (under tsx from source, plain node when compiled).
    execArgv: process.execArgv,
  });
  await manager.spawn({ timeout: 60_000 });
  return manager;
}

/** The shard ids and count of this process, when a ShardingManager started it. */
export function shardOfProcess(env: Record<string, string | undefined>): { ids: number[]; count: number } | null {
  if (env.SHARDS === undefined || env.SHARD_COUNT === undefined) return null;
  const ids = env.SHARDS.split(',').map(Number).filter(Number.isInteger);
  const count = Number(env.SHARD_COUNT);
  return ids.length > 0 && Number.isInteger(count) ? { ids, count } : null;
}
