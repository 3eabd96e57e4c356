/** The help and status answers as Discord embeds, only the asker sees them. */
import { MessageFlags } from 'discord.js';
import type { CommandMetadata } from '../../src/core/command.js';
import type { StatusInfo } from '../../src/core/reply.js';
import { formatAge } from '../../src/summary/age.js';
import { ago } from '../../src/summary/describe.js';
import { truncate } from '../../src/summary/split-text.js';
import { watchUsageLine } from '../../src/watch/watch-usage-line.js';
import { DISCORD_LIMITS, type DiscordMessage, escapeDiscord, NO_MENTIONS } from './message.js';

export function helpMessage(commands: readonly CommandMetadata[]): DiscordMessage {
  return {
    embeds: [
      {
        title: 'threatcrowd-bot',
        description: truncate(
          commands.map((c) => `\`${c.usage.replace(/`/g, 'ˋ')}\`\n${escapeDiscord(c.summary)}`).join('\n\n'),
          DISCORD_LIMITS.description,
        ),
        footer: { text: 'Indicators posted in channels are answered in a reply. React 👎 or 👍 on a summary to vote.' },
      },
    ],
    components: [],
    allowed_mentions: NO_MENTIONS,
    flags: MessageFlags.Ephemeral,
  };
}

export function statusMessage(s: StatusInfo): DiscordMessage {
  const fields = [
    { name: 'Queue', value: `${s.queueDepth} waiting`, inline: true },
    {
      name: 'Cache',
      value: `${(s.cacheHitRatio * 100).toFixed(0)}% hits (${s.cacheHits}/${s.cacheHits + s.cacheMisses})`,
      inline: true,
    },
    ...s.upstream.map((u) => ({
      name: u.name,
      value: `${u.state}; ok ${ago(s.now, u.lastSuccessAt)}, failed ${ago(s.now, u.lastFailureAt)}`,
      inline: false,
    })),
    { name: 'Votes waiting', value: String(s.pendingVotes), inline: true },
    ...(s.watchlist ? [{ name: 'Watchlist', value: escapeDiscord(watchUsageLine(s.watchlist)), inline: false }] : []),
    { name: 'Uptime', value: formatAge(s.uptimeMs), inline: true },
  ];
  return {
    embeds: [{ title: 'threatcrowd-bot status', fields }],
    components: [],
    allowed_mentions: NO_MENTIONS,
    flags: MessageFlags.Ephemeral,
  };
}
