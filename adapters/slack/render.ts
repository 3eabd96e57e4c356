/**
 * Replies as Slack messages, one builder per kind of reply (`summary-blocks`, `share-offer`, …); the message
 * shape, Slack's limits and mrkdwn escaping are in `message.ts`.
 */
import type { Reply } from '../../src/core/reply.js';
import { queueNotice } from '../../src/summary/describe.js';
import { truncate } from '../../src/summary/split-text.js';
import { bulkProgressMessage } from './bulk-progress-message.js';
import { helpMessage, statusMessage } from './help-and-status.js';
import { escapeMrkdwn, SLACK_LIMITS, type SlackMessage, sections, textMessage } from './message.js';
import { shareOffer } from './share-offer.js';
import { summaryBlocks, summaryFallback } from './summary-blocks.js';

/** The Slack message for a reply (reveal replies become a 🔎 reaction, not a message: null). */
export function renderSlack(reply: Reply): SlackMessage | null {
  switch (reply.kind) {
    case 'summary':
      return { text: summaryFallback(reply.summary), blocks: summaryBlocks(reply.summary, reply.votable, reply) };
    case 'summary-update':
      return { text: summaryFallback(reply.summary), blocks: summaryBlocks(reply.summary, true, reply) };
    case 'share-offer':
      return shareOffer(reply.targetMessageId, reply.targetThreadId, reply.count);
    case 'pending':
      return textMessage(queueNotice(reply.targets.length, reply.position, reply.waitMs));
    case 'vote-result':
    case 'notice':
      return textMessage(reply.text);
    case 'reveal':
    case 'file': // uploaded, not posted (SlackDelivery.post)
    case 'bulk': // started by the adapter, which posts its progress message
      return null;
    case 'bulk-progress':
      return bulkProgressMessage(reply.text, reply.running ? reply.bulkId : null);
    case 'bulk-form':
      return textMessage(`${reply.text}\n${reply.usage}`);
    case 'error': {
      const usage = reply.usage ? `\n\`\`\`${escapeMrkdwn(reply.usage)}\`\`\`` : '';
      return {
        text: truncate(escapeMrkdwn(reply.text), SLACK_LIMITS.sectionText),
        blocks: sections(`:warning: ${escapeMrkdwn(reply.text)}${usage}`),
      };
    }
    case 'help':
      return helpMessage(reply.commands);
    case 'status':
      return statusMessage(reply.status);
  }
}
