import { Events, type Message } from 'discord.js';
import { settleReplies } from '../../../src/core/reply.js';
import { discordAttachments } from '../discord-files.js';
import { renderDiscord } from '../render.js';
import { messageInvocation } from '../to-invocation.js';
import type { DiscordListenerContext } from './listener-context.js';
import { summarySent } from './posted.js';

/** One claim per message, shared by replicas and shards: each message is answered once. */
const MESSAGE_TTL_MS = 3_600_000;

/** Every channel message: the core decides (by the channel's mode) whether its indicators are answered. */
export function listenForMessages(ctx: DiscordListenerContext): void {
  ctx.client.on(Events.MessageCreate, (message) => onMessage(ctx, message));
}

function onMessage({ bot, coordination, guarded, apiUrl }: DiscordListenerContext, message: Message) {
  return guarded('messageCreate', async () => {
    const invocation = messageInvocation(message, discordAttachments(message.attachments.values(), apiUrl));
    if (!invocation || !(await coordination.claim(`discord-message:${message.id}`, MESSAGE_TTL_MS))) return;
    for (const reply of await settleReplies(await bot.handle(invocation))) {
      if (reply.kind === 'reveal') {
        await message.react('🔎');
        continue;
      }
      const { embeds, components, content, files } = renderDiscord(reply);
      const sent = await message.reply({
        content,
        embeds,
        components,
        ...(files ? { files } : {}),
        allowedMentions: { parse: [], repliedUser: false },
      });
      await summarySent(bot, reply, sent);
    }
  });
}
