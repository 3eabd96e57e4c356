/** A bulk's progress as a Discord message, with a Cancel button while it runs. */
import { ButtonStyle, ComponentType } from 'discord.js';
import { type DiscordMessage, textMessage } from './message.js';

/** Custom id prefix of a bulk's Cancel button (`bulk-cancel:ID`). */
export const BULK_CANCEL_PREFIX = 'bulk-cancel:';

/** A bulk's progress, with a Cancel button while it runs. */
export function bulkProgressMessage(text: string, cancellable: string | null): DiscordMessage {
  const message = textMessage(text, false);
  if (!cancellable) return message;
  const button = {
    type: ComponentType.Button as const,
    style: ButtonStyle.Danger,
    label: 'Cancel',
    custom_id: `${BULK_CANCEL_PREFIX}${cancellable}`,
  };
  return { ...message, components: [{ type: ComponentType.ActionRow, components: [button] }] };
}
