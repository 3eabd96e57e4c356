/** `/threatcrowd status`: queue, cache, upstream health, pending votes and uptime. */

import type { Command } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import { UserError } from '../errors/user-error.js';

export const statusCommand: Command<{ readonly kind: 'status' }> = {
  metadata: {
    name: 'status',
    aliases: [],
    usage: `${SLASH} status`,
    summary: "Queue, cache, upstream health, pending votes, the watchlist's share of the upstream budget and uptime.",
    examples: [`${SLASH} status`],
    args: [],
    private: true,
  },
  parse(words) {
    if (words.length > 0) throw new UserError('`status` takes no arguments.', statusCommand.metadata.usage);
    return { kind: 'status' };
  },
  run: (_args, ctx) => runStatus(ctx),
};

async function runStatus(ctx: CommandContext): Promise<Reply[]> {
  const { deps } = ctx;
  const stats = deps.lookups.stats;
  const now = deps.clock.now();
  const providers = deps.providers?.() ?? [];
  return [
    {
      kind: 'status',
      visibility: 'ephemeral',
      status: {
        queueDepth: deps.queue.queued(),
        cacheHitRatio: deps.lookups.hitRatio(),
        cacheHits: stats.hits,
        cacheMisses: stats.misses,
        upstream: providers.map((p) => ({
          name: p.displayName,
          lastSuccessAt: p.lastSuccessAt,
          lastFailureAt: p.lastFailureAt,
          lastFailure: p.lastFailure,
          state:
            p.state === 'closed'
              ? p.lastFailureAt !== null && (p.lastSuccessAt ?? 0) < p.lastFailureAt
                ? 'failing'
                : p.lastSuccessAt === null
                  ? 'unused'
                  : 'ok'
              : p.state === 'open'
                ? 'down (paused)'
                : 'probing',
        })),
        pendingVotes: deps.votes ? await deps.votes.pending() : 0,
        ...(deps.watches ? { watchlist: await deps.watches.usage() } : {}),
        uptimeMs: now - ctx.startedAt,
        now,
      },
    },
  ];
}
