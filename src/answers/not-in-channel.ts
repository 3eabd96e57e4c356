import type { Reply } from '../core/reply.js';

/**
 * Said privately, once per command, when the bot answered a command in a channel it is not a member of (through
 * the command's own response URL): votes on such an answer cannot count, since the bot sees no reactions there.
 */
export const NOT_IN_CHANNEL_NOTICE: Reply = {
  kind: 'notice',
  visibility: 'ephemeral',
  text: 'I am not in this channel, so votes on that answer cannot count. Invite me with `/invite @threatcrowd-bot`.',
};
