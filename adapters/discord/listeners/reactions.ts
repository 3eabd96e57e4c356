import { Events, type MessageReaction, type PartialMessageReaction, type PartialUser, type User } from 'discord.js';
import { settleReplies } from '../../../src/core/reply.js';
import { discordAttachments } from '../discord-files.js';
import { renderDiscord } from '../render.js';
import { reactionInvocation } from '../to-invocation.js';
import { type DiscordListenerContext, scheduleEdit } from './listener-context.js';
import { summarySent } from './posted.js';

/** 👎/👍 on a summary vote (removing one retracts); 🔎 on a message asks for its lookups. */
export function listenForReactions(ctx: DiscordListenerContext): void {
  ctx.client.on(Events.MessageReactionAdd, (reaction, user) => onReaction(ctx, true, reaction, user));
  ctx.client.on(Events.MessageReactionRemove, (reaction, user) => onReaction(ctx, false, reaction, user));
}

function onReaction(
  ctx: DiscordListenerContext,
  added: boolean,
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
) {
  return ctx.guarded('reaction', async () => {
    if (user.id === ctx.client.user?.id) return;
    const full = reaction.partial ? await reaction.fetch() : reaction;
    const message = full.message.partial ? await full.message.fetch() : full.message;
    const reacted = reactionInvocation({ emoji: full.emoji, message }, { id: user.id, bot: Boolean(user.bot) }, added);
    if (!reacted) return;
    // The message's files go along: 🔎 on a file too large to hash automatically asks for it.
    const files = discordAttachments(message.attachments.values(), ctx.apiUrl);
    const invocation = files.length > 0 ? { ...reacted, attachments: files } : reacted;
    for (const reply of await settleReplies(await ctx.bot.handle(invocation))) {
      // A vote's private confirmation has no way to one person outside an interaction on Discord: the tally
      // edit is the confirmation there. Summaries and notices (a 🔎 reveal's answers) go in reply.
      if (reply.kind === 'summary-update') scheduleEdit(ctx, reply, message);
      else if (reply.kind === 'summary' || reply.kind === 'notice') {
        const { embeds, components, content } = renderDiscord(reply);
        await summarySent(
          ctx.bot,
          reply,
          await message.reply({ content, embeds, components, allowedMentions: { parse: [], repliedUser: false } }),
        );
      }
    }
  });
}
