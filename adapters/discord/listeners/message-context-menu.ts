import { type ButtonInteraction, Events, type MessageContextMenuCommandInteraction, MessageFlags } from 'discord.js';
import { settleReplies } from '../../../src/core/reply.js';
import { LOOKUP_MESSAGE_COMMAND } from '../commands.js';
import { messageLookupInvocation, sharedMessageId } from '../interaction-invocations.js';
import { renderDiscord } from '../render.js';
import type { DiscordListenerContext } from './listener-context.js';
import { replyOrTell } from './reply-or-tell.js';

const EPHEMERAL = MessageFlags.Ephemeral;
const CANNOT_READ = 'I cannot read that message any more: it was deleted, or I cannot see this channel.';

/**
 * "Look up indicators" on a message (whatever the channel's mode): deferred privately at once, answered to the
 * asker alone, with a "Post to thread" button that posts the answer as a reply to the message.
 */
export function listenForMessageLookups(ctx: DiscordListenerContext): void {
  ctx.client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isMessageContextMenuCommand() && interaction.commandName === LOOKUP_MESSAGE_COMMAND) void onLookUp(ctx, interaction);
    else if (interaction.isButton() && sharedMessageId(interaction.customId)) void onShare(ctx, interaction);
  });
}

function onLookUp({ bot, guarded }: DiscordListenerContext, interaction: MessageContextMenuCommandInteraction) {
  return guarded('message lookup', async () => {
    await interaction.deferReply({ flags: EPHEMERAL });
    const replies = await settleReplies(await bot.handle(messageLookupInvocation(interaction, interaction.targetMessage)));
    let first = true;
    for (const reply of replies) {
      const { content, embeds, components } = renderDiscord(reply);
      if (first) await interaction.editReply({ content: content ?? '', embeds, components });
      else await interaction.followUp({ content, embeds, components, flags: EPHEMERAL });
      first = false;
    }
    if (first) await interaction.deleteReply();
  });
}

function onShare({ bot, guarded }: DiscordListenerContext, interaction: ButtonInteraction) {
  return guarded('post to thread', async () => {
    const id = sharedMessageId(interaction.customId) ?? '';
    await interaction.deferUpdate();
    const target = await interaction.channel?.messages.fetch(id).catch(() => null);
    if (!target) return void (await interaction.followUp({ content: CANNOT_READ, flags: EPHEMERAL }));
    const replies = await settleReplies(await bot.handle(messageLookupInvocation(interaction, target, true)));
    let posted = false;
    for (const reply of replies) posted = (await replyOrTell(bot, interaction, target, reply)) || posted;
    if (posted) await interaction.editReply({ content: 'Posted to the thread.', components: [] });
  });
}
