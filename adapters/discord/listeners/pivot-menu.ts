import { Events, type StringSelectMenuInteraction } from 'discord.js';
import { settleReplies } from '../../../src/core/reply.js';
import { pivotInvocation } from '../interaction-invocations.js';
import type { DiscordListenerContext } from './listener-context.js';
import { replyOrTell } from './reply-or-tell.js';

/**
 * A choice in a summary's "Look up related…" menu: acknowledged at once without a message of its own (Discord
 * allows 3 s, a lookup may wait in the queue) and the menu reset, then the chosen summary posted as a reply to the summary.
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
    // Acknowledged by sending the message's own components back: the menu shows its prompt again, so the next
    // person (or the same one) can choose the same entry; a plain deferUpdate left the choice selected.
    await interaction.update({ components: interaction.message.components });
    for (const reply of await settleReplies(await bot.handle(invocation))) await replyOrTell(bot, interaction, interaction.message, reply);
  });
}
