/** The Discord side of the outbound port: sends the core's replies into a channel (in reply to a message) with no incoming event. */
import type { Client } from 'discord.js';
import type { Outbound } from '../../src/core/outbound.js';
import { renderDiscord } from './render.js';

export function discordOutbound(client: Client): Outbound {
  return {
    platform: 'discord',
    async post(place, replies) {
      const channel = await client.channels.fetch(place.channelId);
      if (!channel?.isSendable()) throw new Error('the channel is gone or not one the bot can post in');
      for (const reply of replies) {
        const { content, embeds, components } = renderDiscord(reply);
        await channel.send({
          content,
          embeds,
          components,
          allowedMentions: { parse: [], repliedUser: false },
          ...(place.threadId ? { reply: { messageReference: place.threadId, failIfNotExists: false } } : {}),
        });
      }
    },
  };
}
