import { type ButtonInteraction, Events } from 'discord.js';
import { BULK_CANCEL_PREFIX } from '../bulk-progress-message.js';
import type { DiscordListenerContext } from './listener-context.js';

/** The Cancel button under a bulk's progress message. */
export function listenForBulkCancel(ctx: DiscordListenerContext): void {
  ctx.client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isButton() && interaction.customId.startsWith(BULK_CANCEL_PREFIX)) void onCancel(ctx, interaction);
  });
}

function onCancel(ctx: DiscordListenerContext, interaction: ButtonInteraction) {
  return ctx.guarded('bulk cancel', () => ctx.bulks.cancel(interaction));
}
