/** The "Post to thread" offer under an answer only the asker sees, as a Discord message. Pure. */
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { SHARE_LABEL, shareOfferLine } from '../../src/summary/describe.js';
import type { DiscordMessage } from './message.js';

export const SHARE_PREFIX = 'share-lookup';

/** "Only you can see this answer" and the button that posts it as a reply to the message (its id in the button). */
export function shareOffer(messageId: string, count: number): DiscordMessage {
  return {
    content: shareOfferLine(count),
    embeds: [],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Primary, label: SHARE_LABEL, custom_id: `${SHARE_PREFIX}|${messageId}` },
        ],
      },
    ],
    allowed_mentions: { parse: [], replied_user: false },
    flags: MessageFlags.Ephemeral,
  };
}
