/** The Slack side of the outbound port: posts the core's replies into a channel or thread with no incoming event. */
import type { Outbound } from '../../src/core/outbound.js';
import type { SlackDelivery } from './deliver.js';

export function slackOutbound(delivery: SlackDelivery): Outbound {
  return {
    platform: 'slack',
    async post(place, replies) {
      const where = { channel: place.channelId, teamId: place.teamId, ...(place.threadId ? { threadTs: place.threadId } : {}) };
      for (const reply of replies) await delivery.post(reply, where);
    },
  };
}
