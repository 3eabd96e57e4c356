import { DiscordAPIError, type Message, type MessageComponentInteraction, MessageFlags } from 'discord.js';
import type { Bot } from '../../../src/bot/bot.js';
import type { Reply } from '../../../src/core/reply.js';
import { renderDiscord } from '../render.js';
import { summarySent } from './posted.js';

/** Discord's "Missing Access" and "Missing Permissions": the bot may not post where it was asked. */
const CANNOT_POST = new Set([50001, 50013]);
const CANNOT_POST_LINE = 'I may not post in this channel, so only you see this answer. Ask an admin to let me send messages here.';

/**
 * Posts a public reply as a reply to `to`, or an ephemeral one to the person; where the bot may not post, the
 * person gets the answer privately instead, with the reason. Returns whether it was posted publicly.
 */
export async function replyOrTell(bot: Bot, interaction: MessageComponentInteraction, to: Message, reply: Reply): Promise<boolean> {
  const { content, embeds, components } = renderDiscord(reply);
  if (reply.visibility === 'public') {
    try {
      await summarySent(bot, reply, await to.reply({ content, embeds, components, allowedMentions: { parse: [], repliedUser: false } }));
      return true;
    } catch (error) {
      if (!(error instanceof DiscordAPIError && CANNOT_POST.has(Number(error.code)))) throw error;
      await interaction.followUp({ content: CANNOT_POST_LINE, embeds, flags: MessageFlags.Ephemeral });
      return false;
    }
  }
  await interaction.followUp({ content, embeds, components, flags: MessageFlags.Ephemeral });
  return false;
}
