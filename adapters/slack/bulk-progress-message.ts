/** A bulk's progress as a Slack message, with a Cancel button while it runs. */
import { plain, type SlackMessage, textMessage } from './message.js';

/** Action id of a bulk's Cancel button (its value is the bulk's id). */
export const BULK_CANCEL_ACTION = 'bulk-cancel';

/** A bulk's progress, with a Cancel button while it runs. */
export function bulkProgressMessage(text: string, cancellable: string | null): SlackMessage {
  const message = textMessage(text);
  if (!cancellable) return message;
  const button = {
    type: 'button' as const,
    text: plain('Cancel'),
    action_id: BULK_CANCEL_ACTION,
    value: cancellable,
    style: 'danger' as const,
  };
  return { text: message.text, blocks: [...message.blocks, { type: 'actions', elements: [button] }] };
}
