import type { webApi } from '@slack/bolt';

/** The text of one message (top level or in a thread), or undefined when Slack does not show it to the bot. */
export async function messageText(client: webApi.WebClient, channel: string, ts: string): Promise<string | undefined> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const found = history.messages?.find((m) => m.ts === ts);
  if (found?.text) return found.text;
  const replies = await client.conversations.replies({ channel, ts, latest: ts, inclusive: true, limit: 1 });
  return replies.messages?.find((m) => m.ts === ts)?.text;
}
