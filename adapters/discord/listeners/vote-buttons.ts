import { type ButtonInteraction, Events, MessageFlags } from 'discord.js';
import { settleReplies } from '../../../src/core/reply.js';
import { renderDiscord } from '../render.js';
import { buttonInvocation } from '../to-invocation.js';
import { type DiscordListenerContext, scheduleEdit } from './listener-context.js';

/**
 * The buttons under a summary: acknowledged privately at once (Discord allows 3 s, and a vote may wait on the
 * store or a lock), then the vote (or the reason it did not count) confirmed in place and the tally edited.
 */
export function listenForVoteButtons(ctx: DiscordListenerContext): void {
  ctx.client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isButton()) void onButton(ctx, interaction);
  });
}

function onButton(ctx: DiscordListenerContext, interaction: ButtonInteraction) {
  return ctx.guarded('button', async () => {
    const invocation = buttonInvocation(interaction);
    if (!invocation) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const replies = await settleReplies(await ctx.bot.handle(invocation));
    const confirmation = replies.find((r) => r.kind === 'vote-result' || r.kind === 'error');
    const { content } = confirmation ? renderDiscord(confirmation) : { content: 'Nothing to vote on here.' };
    await interaction.editReply({ content: content ?? '' });
    for (const reply of replies) if (reply.kind === 'summary-update') scheduleEdit(ctx, reply, interaction.message);
  });
}
