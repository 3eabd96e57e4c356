import type { Message } from 'discord.js';
import type { Bot } from '../../../src/bot/bot.js';
import type { Reply } from '../../../src/core/reply.js';

const VOTE_EMOJI = ['👎', '👍'];

/** A summary was sent as `message`: remember it (so votes count) and seed the vote reactions. */
export async function summarySent(bot: Bot, reply: Reply, message: Message): Promise<void> {
  if (reply.kind !== 'summary' || !reply.votable) return;
  await bot.summaryPosted(
    { platform: 'discord', teamId: message.guildId ?? undefined, channelId: message.channelId },
    message.id,
    reply.target,
    reply.via,
  );
  for (const emoji of VOTE_EMOJI) await message.react(emoji).catch(() => {});
}
