/** The "Post to thread" offer under an answer only the asker sees, as a Slack message. Pure. */
import { SHARE_LABEL, shareOfferLine } from '../../src/summary/describe.js';
import { mrkdwn, plain, type SlackMessage } from './message.js';

export const SHARE_ACTION = 'share-lookup';

/** "Only you can see this answer" and the button that posts it to the message's thread (the button says which message). */
export function shareOffer(ts: string, threadTs: string | undefined, count: number): SlackMessage {
  const line = shareOfferLine(count);
  return {
    text: line,
    blocks: [
      { type: 'section', text: mrkdwn(line) },
      {
        type: 'actions',
        block_id: 'share',
        elements: [
          { type: 'button', text: plain(SHARE_LABEL), action_id: SHARE_ACTION, value: JSON.stringify({ ts, thread: threadTs ?? ts }) },
        ],
      },
    ],
  };
}
