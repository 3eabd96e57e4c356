import type { webApi } from '@slack/bolt';
import type { SlackFileLike } from './slack-files.js';

/** What the bot reads of one message: its text and the files shared with it. */
export interface SlackMessageLike {
  readonly text?: string;
  readonly files?: SlackFileLike[];
}

/** The text and files of one message (top level or in a thread), or undefined when Slack does not show it to the bot. */
export async function messageAt(client: webApi.WebClient, channel: string, ts: string): Promise<SlackMessageLike | undefined> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const found = history.messages?.find((m) => m.ts === ts);
  if (found?.text || found?.files?.length) return found as SlackMessageLike;
  const replies = await client.conversations.replies({ channel, ts, latest: ts, inclusive: true, limit: 1 });
  return replies.messages?.find((m) => m.ts === ts) as SlackMessageLike | undefined;
}

/** The text of one message (top level or in a thread), or undefined when Slack does not show it to the bot. */
export async function messageText(client: webApi.WebClient, channel: string, ts: string): Promise<string | undefined> {
  return (await messageAt(client, channel, ts))?.text || undefined;
}
