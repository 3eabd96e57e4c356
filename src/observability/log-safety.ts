/**
 * What may reach a log line. Errors are logged by a whitelist of fields (never a library's request body:
 * discord.js keeps the whole embed in `requestBody`, an axios error its `config.data`), and every string is
 * scrubbed of tokens (Slack `xox…`/`xapp-…`, Discord interaction and webhook tokens in URLs).
 */

/** Error fields that describe a failure without carrying what was sent. */
const ERROR_FIELDS = ['code', 'status', 'statusCode', 'kind', 'provider', 'request', 'method', 'retryable', 'reference'] as const;
const MAX_DEPTH = 3;

/** Removes tokens from a string: Slack tokens, Discord interaction/webhook tokens, Slack response URLs. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\bx(?:ox[a-z]|app)-[\w-]{4,}/gi, '[redacted]')
    .replace(/\/(webhooks|interactions)\/(\d+)\/[\w.-]{16,}/g, '/$1/$2/[redacted]')
    .replace(/(hooks\.slack\.com\/(?:commands|actions|services))\/[\w/-]+/g, '$1/[redacted]')
    .replace(/\b(Bot|Bearer)\s+[\w.-]{16,}/g, '$1 [redacted]');
}

/** An error as a log object: its class, message, stack and a few known fields, its cause, nothing else. */
export function safeError(error: unknown, depth = 0): unknown {
  if (typeof error !== 'object' || error === null) return typeof error === 'string' ? scrubSecrets(error) : error;
  const e = error as Record<string, unknown> & { constructor?: { name?: string } };
  const out: Record<string, unknown> = {
    type: e.constructor?.name ?? 'Object',
    message: typeof e.message === 'string' ? scrubSecrets(e.message) : undefined,
    stack: typeof e.stack === 'string' ? scrubSecrets(e.stack) : undefined,
  };
  for (const field of ERROR_FIELDS) {
    const value = e[field];
    if (typeof value === 'string') out[field] = scrubSecrets(value);
    else if (typeof value === 'number' || typeof value === 'boolean') out[field] = value;
  }
  if (typeof e.url === 'string') out.url = scrubSecrets(e.url.replace(/\?.*$/, '')); // queries hold looked-up values
  const slackCode = (e.data as { error?: unknown } | undefined)?.error;
  if (typeof slackCode === 'string') out.slackError = slackCode;
  if (e.cause !== undefined && depth < MAX_DEPTH) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/**
 * A library's log line (Bolt, the Slack Web API and Socket Mode clients) made safe: anything from the first
 * `{` or `[` on is a request, response or event body and is left out; tokens are scrubbed.
 */
export function libraryLine(parts: readonly unknown[]): string {
  const text = parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : '[object]')).join(' ');
  return scrubSecrets(text.replace(/[{[][\s\S]*$/, '[body omitted]'));
}
