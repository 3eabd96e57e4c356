import { Events, MessageFlags, type StringSelectMenuInteraction } from 'discord.js';
import { settleReplies } from '../../../src/core/reply.js';
import { pivotInvocation } from '../interaction-invocations.js';
import { renderDiscord } from '../render.js';
import type { DiscordListenerContext } from './listener-context.js';
import { summarySent } from './posted.js';

/**
 * A choice in a summary's "Look up related…" menu: acknowledged at once without a message of its own (Discord
 * allows 3 s, a lookup may wait in the queue), then the chosen summary posted as a reply to the summary.
 */
export function listenForPivots(ctx: DiscordListenerContext): void {
  ctx.client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isStringSelectMenu()) void onPivot(ctx, interaction);
  });
}

function onPivot({ bot, guarded }: DiscordListenerContext, interaction: StringSelectMenuInteraction) {
  return guarded('pivot', async () => {
    const invocation = pivotInvocation(interaction);
    if (!invocation) return;
    await interaction.deferUpdate();
    for (const reply of await settleReplies(await bot.handle(invocation))) {
      const { content, embeds, components } = renderDiscord(reply);
      if (reply.visibility === 'ephemeral') {
        await interaction.followUp({ content, embeds, components, flags: MessageFlags.Ephemeral });
        continue;
      }
      const sent = await interaction.message.reply({ content, embeds, components, allowedMentions: { parse: [], repliedUser: false } });
      await summarySent(bot, reply, sent);
    }
  });
}
