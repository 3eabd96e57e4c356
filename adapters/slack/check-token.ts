/**
 * One `auth.test` before the Slack adapter starts, without WebClient's long retries: a Slack that cannot be
 * reached or a token it rejects is found at start, not in the background of a bot that looks healthy.
 */
import { LogLevel, webApi } from '@slack/bolt';

export interface SlackCheckFailure {
  /** `invalid_auth`, `token_revoked` …: Slack answered and refused the token. */
  readonly slackError?: string;
  /** The network failure (with its cause) when Slack could not be reached. */
  readonly cause?: unknown;
}

/** Resolves when Slack accepts the token; rejects with a SlackCheckFailure otherwise. */
export async function checkSlackToken(token: string, apiUrl?: string, timeoutMs = 5000): Promise<void> {
  const client = new webApi.WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: timeoutMs,
    logLevel: LogLevel.ERROR,
  });
  try {
    await client.auth.test();
  } catch (error) {
    const data = (error as { data?: { error?: string }; original?: unknown }).data;
    const failure: SlackCheckFailure = data?.error
      ? { slackError: data.error }
      : { cause: (error as { original?: unknown }).original ?? error };
    throw failure;
  }
}
