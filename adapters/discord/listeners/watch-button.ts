import { type ButtonInteraction, Events, MessageFlags } from 'discord.js';
import { settleReplies } from '../../../src/core/reply.js';
import { renderDiscord } from '../render.js';
import { watchButtonInvocation } from '../to-invocation.js';
import type { DiscordListenerContext } from './listener-context.js';

/**
 * The Watch button under a summary: acknowledged privately at once, then the answer confirmed in place; a new
 * watch is also said publicly in reply to the summary, where its change notes will go.
 */
export function listenForWatchButton(ctx: DiscordListenerContext): void {
  ctx.client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isButton() && interaction.customId === 'watch') void onWatch(ctx, interaction);
  });
}

function onWatch(ctx: DiscordListenerContext, interaction: ButtonInteraction) {
  return ctx.guarded('watch button', async () => {
    const invocation = watchButtonInvocation(interaction);
    if (!invocation) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const [answer] = await settleReplies(await ctx.bot.handle(invocation));
    const message = answer ? renderDiscord(answer) : null;
    await interaction.editReply({ content: message?.content ?? 'Nothing to watch here.' });
    if (answer?.visibility === 'public' && message) {
      await interaction.message.reply({ content: message.content, allowedMentions: { parse: [], repliedUser: false } });
    }
  });
}
