/**
 * Bulk lookups in Discord: the progress message is a channel message (an interaction's token lasts 15
 * minutes, a bulk may last longer), edited in place with a Cancel button; the exports are attached to a
 * reply to it. Only the channel and message ids are needed, so a restarted bot finds the message again.
 */
import type { ButtonInteraction, Client, Message, MessageCreateOptions } from 'discord.js';
import { MessageFlags } from 'discord.js';
import { startingReply } from '../../src/answers/bulk-replies.js';
import type { Bot } from '../../src/bot/bot.js';
import type { BulkPlace, BulkSink } from '../../src/core/bulk-port.js';
import type { Reply, ReplyFile } from '../../src/core/reply.js';
import type { Logger } from '../../src/observability/logger.js';
import { BULK_CANCEL_PREFIX } from './bulk-progress-message.js';
import { renderDiscord } from './render.js';

const NO_MENTIONS = { parse: [] as [], repliedUser: false };

/** The channel's messages, for a channel the bot can send to. */
async function textChannel(client: Client, channelId: string) {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isTextBased() || !('send' in channel)) throw new Error('bulk progress channel is not a text channel');
  return channel;
}

function messagePayload(reply: Reply): MessageCreateOptions {
  const { content, embeds, components } = renderDiscord(reply);
  return { content: content ?? '', embeds, components, allowedMentions: NO_MENTIONS } as MessageCreateOptions;
}

export class DiscordBulks {
  constructor(
    private readonly client: Client,
    private readonly bot: Bot,
    private readonly log: Logger,
  ) {}

  /** Posts the progress message in the channel and runs the bulk in the background. Returns the message. */
  async start(
    reply: Extract<Reply, { kind: 'bulk' }>,
    where: { channelId: string; guildId?: string; userId: string },
  ): Promise<Message | null> {
    const bulks = this.bot.deps.bulks;
    if (!bulks) return null;
    // Counted before the message is sent: a bulk command that comes meanwhile sees this one (the limit per person).
    const reservation = bulks.reserve(reply.queueOwner);
    let message: Message;
    try {
      const channel = await textChannel(this.client, where.channelId);
      message = await channel.send(messagePayload(startingReply(reply.plan)));
    } catch (error) {
      reservation.release();
      throw error;
    }
    const place: BulkPlace = {
      platform: 'discord',
      ...(where.guildId ? { teamId: where.guildId } : {}),
      channelId: where.channelId,
      messageId: message.id,
      userId: where.userId,
      queueOwner: reply.queueOwner,
    };
    void bulks
      .run(reply.plan, place, this.sink(place), reservation)
      .catch((error: unknown) => this.log.error({ err: error }, 'bulk lookup failed'));
    return message;
  }

  sink(place: BulkPlace): BulkSink {
    const edit = async (reply: Reply) => {
      const channel = await textChannel(this.client, place.channelId);
      await channel.messages.edit(place.messageId, messagePayload(reply) as never);
    };
    return {
      progress: edit,
      finish: async (replies) => {
        const files: ReplyFile[] = [];
        for (const reply of replies) {
          if (reply.kind === 'file') files.push(reply.file);
          else await edit(reply);
        }
        if (files.length === 0) return;
        const channel = await textChannel(this.client, place.channelId);
        await channel.send({
          content: 'Bulk lookup results: CSV, JSON and a STIX 2.1 bundle.',
          files: files.map((f) => ({ attachment: Buffer.from(f.bytes), name: f.name, description: f.altText.slice(0, 1024) })),
          reply: { messageReference: place.messageId, failIfNotExists: false },
          allowedMentions: NO_MENTIONS,
        });
      },
    };
  }

  /** The Cancel button: stops the bulk if it belongs to this channel, and says so only to the person. */
  async cancel(interaction: ButtonInteraction): Promise<void> {
    // Acknowledged first (Discord allows 3 s; the cancel waits on the store).
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const id = interaction.customId.slice(BULK_CANCEL_PREFIX.length);
    const cancelled = await this.bot.deps.bulks?.cancel(id, { platform: 'discord', channelId: interaction.channelId });
    await interaction.editReply({
      content: cancelled
        ? 'Stopping the bulk lookup; what was looked up so far is attached below.'
        : 'That bulk lookup is not running here.',
    });
  }
}
