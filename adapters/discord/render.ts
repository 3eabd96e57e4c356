/**
 * Replies as Discord messages, one builder per kind of reply (`summary-message`, `file-message`, …); the
 * message shape, Discord's limits and escaping are in `message.ts`.
 */
import type { Reply } from '../../src/core/reply.js';
import { queueNotice, revealLine } from '../../src/summary/describe.js';
import { truncate } from '../../src/summary/split-text.js';
import { bulkProgressMessage } from './bulk-progress-message.js';
import { fileMessage } from './file-message.js';
import { helpMessage, statusMessage } from './help-and-status.js';
import { DISCORD_LIMITS, type DiscordMessage, escapeDiscord, textMessage } from './message.js';
import { shareOffer } from './share-offer.js';
import { summaryMessage, summaryUpdateMessage } from './summary-message.js';

/** The Discord message for a reply. */
export function renderDiscord(reply: Reply): DiscordMessage {
  const ephemeral = reply.visibility === 'ephemeral';
  switch (reply.kind) {
    case 'summary':
      return summaryMessage(reply);
    case 'summary-update':
      return summaryUpdateMessage(reply);
    case 'share-offer':
      return shareOffer(reply.targetMessageId, reply.count);
    case 'pending':
      return textMessage(queueNotice(reply.targets.length, reply.position, reply.waitMs), ephemeral);
    case 'vote-result':
    case 'notice':
      return textMessage(reply.text, ephemeral);
    case 'reveal':
      return textMessage(revealLine(reply.count), ephemeral);
    case 'file':
      return fileMessage(reply.file);
    case 'bulk':
      return textMessage(`Looking up ${reply.plan.targets.length} values…`, false);
    case 'bulk-progress':
      return bulkProgressMessage(reply.text, reply.running ? reply.bulkId : null);
    case 'bulk-form':
      return textMessage(`⚠️ ${reply.text}\n${reply.usage}`, true);
    case 'error':
      return errorMessage(reply.text, reply.usage);
    case 'help':
      return helpMessage(reply.commands);
    case 'status':
      return statusMessage(reply.status);
  }
}

/** An error only the asker sees, with the usage in a code block when there is one. */
function errorMessage(text: string, usage: string | undefined): DiscordMessage {
  return {
    ...textMessage(`⚠️ ${text}`, true),
    ...(usage
      ? { content: truncate(`⚠️ ${escapeDiscord(text)}\n\`\`\`\n${usage.replace(/`/g, 'ˋ')}\n\`\`\``, DISCORD_LIMITS.content) }
      : {}),
  };
}
