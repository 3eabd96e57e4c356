import { type ChatInputCommandInteraction, Events, MessageFlags } from 'discord.js';
import { type Reply, settleReplies } from '../../../src/core/reply.js';
import { attachmentOptions, commandText, isPrivateSubcommand } from '../commands.js';
import { discordAttachments } from '../discord-files.js';
import { renderDiscord } from '../render.js';
import { commandInvocation } from '../to-invocation.js';
import type { DiscordListenerContext } from './listener-context.js';
import { summarySent } from './posted.js';

const EPHEMERAL = MessageFlags.Ephemeral;

/** `/threatcrowd …`: deferred at once (privately for private sub-commands), then answered in place. */
export function listenForSlashCommand(ctx: DiscordListenerContext): void {
  ctx.client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand() && interaction.commandName === 'threatcrowd') void onChatInput(ctx, interaction);
  });
}

function onChatInput({ bot, guarded, bulks, apiUrl }: DiscordListenerContext, interaction: ChatInputCommandInteraction) {
  return guarded('slash command', async () => {
    const subcommand = interaction.options.getSubcommand(false) ?? 'help';
    const isPrivate = isPrivateSubcommand(subcommand);
    await interaction.deferReply(isPrivate ? { flags: EPHEMERAL } : {});
    const text = commandText(subcommand, (name) => interaction.options.getString(name));
    // Attachment options (a file to hash, a list for a bulk) reach the core as the invocation's attachments.
    const files = attachmentOptions(subcommand).flatMap((name) => {
      const file = interaction.options.getAttachment(name);
      return file ? [file] : [];
    });
    const command = commandInvocation(interaction, text);
    const replies = await bot.handle(files.length > 0 ? { ...command, attachments: discordAttachments(files, apiUrl) } : command);
    let first = true;
    const send = async (reply: Reply) => {
      const message = renderDiscord(reply);
      const { content, embeds, components } = message;
      const files = message.files ? { files: message.files } : {};
      if (first && reply.visibility === 'ephemeral' && !isPrivate) {
        // The deferral was public; a private answer replaces it.
        await interaction.deleteReply();
        await interaction.followUp({ content, embeds, components, ...files, flags: EPHEMERAL });
      } else if (first) {
        await summarySent(bot, reply, await interaction.editReply({ content: content ?? '', embeds, components, ...files }));
      } else {
        const sent = await interaction.followUp({
          content,
          embeds,
          components,
          ...files,
          ...(reply.visibility === 'ephemeral' ? { flags: EPHEMERAL } : {}),
        });
        await summarySent(bot, reply, sent);
      }
      first = false;
    };
    for (const reply of replies) {
      if (reply.kind === 'bulk') {
        await bulks.start(reply, { channelId: command.channelId, guildId: command.teamId, userId: command.userId });
        await send({ kind: 'notice', visibility: 'public', text: `Bulk lookup of ${reply.plan.targets.length} values started.` });
      } else if (reply.kind === 'pending') {
        // Show the queue position now, then the answers in its place.
        await interaction.editReply({ content: renderDiscord(reply).content ?? '', embeds: [], components: [] });
        for (const settled of await settleReplies(await reply.result)) await send(settled);
      } else {
        await send(reply);
      }
    }
    if (first) await interaction.deleteReply();
  });
}
