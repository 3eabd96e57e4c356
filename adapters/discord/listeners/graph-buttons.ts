/**
 * The Graph button on a summary and the Expand button with a picture: the interaction is acknowledged at once
 * (a drawing takes longer than Discord's three seconds), the picture is posted as a reply to the message that
 * carries the button, and anything only the presser should see follows up privately.
 */
import { type ButtonInteraction, Events, MessageFlags } from 'discord.js';
import { settleReplies } from '../../../src/core/reply.js';
import { renderDiscord } from '../render.js';
import { graphButtonAction, graphButtonInvocation } from '../to-invocation.js';
import type { DiscordListenerContext } from './listener-context.js';

export function listenForGraphButtons(ctx: DiscordListenerContext): void {
  ctx.client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isButton() && graphButtonAction(interaction.customId)) void onGraphButton(ctx, interaction);
  });
}

function onGraphButton({ bot, guarded }: DiscordListenerContext, interaction: ButtonInteraction) {
  return guarded('graph button', async () => {
    const invocation = graphButtonInvocation(interaction);
    if (!invocation) return;
    await interaction.deferUpdate();
    for (const reply of await settleReplies(await bot.handle(invocation))) {
      const { content, embeds, components, files } = renderDiscord(reply);
      if (reply.visibility === 'ephemeral') {
        await interaction.followUp({ content: content ?? '', embeds, flags: MessageFlags.Ephemeral });
        continue;
      }
      await interaction.message
        .reply({ content, embeds, components, ...(files ? { files } : {}), allowedMentions: { parse: [], repliedUser: false } })
        .catch(async (error: unknown) => {
          // Not allowed to post here (permissions, an archived thread): the presser is told, the error still logged.
          await interaction.followUp({ content: 'I could not post the picture here.', flags: MessageFlags.Ephemeral });
          throw error;
        });
      // The Expand button has done its work: the picture it was on keeps everything but the button.
      if (reply.kind === 'file' && onlyExpand(interaction)) await interaction.editReply({ components: [] });
    }
  });
}

/** The message's only component is the Expand button (one of the bot's pictures, never a summary). */
function onlyExpand(interaction: ButtonInteraction): boolean {
  const rows = interaction.message.components.map((row) => row.toJSON() as { components?: Array<{ custom_id?: string }> });
  const ids = rows.flatMap((row) => row.components ?? []).map((c) => c.custom_id ?? '');
  return ids.length === 1 && graphButtonAction(ids[0] ?? '')?.action === 'graph-expand';
}
