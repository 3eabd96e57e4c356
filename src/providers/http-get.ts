/** One HTTP GET with a timeout and a body cap, failures mapped to the typed upstream errors. */
import { UpstreamError, UpstreamNetworkError, UpstreamStatusError, UpstreamTimeoutError, UpstreamTooLargeError } from '../errors/index.js';

export const USER_AGENT = 'threatcrowd-bot/0.1 (+https://github.com/threatcrowd-bot)';

export interface HttpGetOptions {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** `GET https://host/path` without query values (they are looked-up indicators). */
  readonly request: string;
  readonly provider?: string;
  readonly headers?: Record<string, string>;
  /** Headers (API keys) sent only to the request's own origin: a redirect elsewhere is followed without them. */
  readonly secretHeaders?: Record<string, string>;
}

/** Redirects followed before giving up (each one checked, not left to fetch: it would forward every header). */
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/**
 * Sends the request and follows redirects by hand: a hop to another origin (scheme, host or port) goes on
 * without the secret headers, so an API key never reaches a host it was not meant for.
 */
async function fetchFollowing(url: URL, options: HttpGetOptions, signal: AbortSignal): Promise<Response> {
  const base = { 'user-agent': USER_AGENT, accept: 'application/json, text/plain;q=0.9, */*;q=0.1', ...options.headers };
  let current = url;
  for (let hops = 0; ; hops++) {
    const secrets = current.origin === url.origin ? options.secretHeaders : undefined;
    const response = await options.fetch(current, { headers: { ...base, ...secrets }, signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || !location) return response;
    await response.body?.cancel().catch(() => {});
    if (hops >= MAX_REDIRECTS) throw new UpstreamStatusError(response.status, options.request, { provider: options.provider });
    current = new URL(location, current);
    if (current.protocol !== 'https:' && current.protocol !== 'http:') {
      throw new UpstreamStatusError(response.status, options.request, { provider: options.provider });
    }
  }
}

export async function httpGet(url: URL, options: HttpGetOptions): Promise<HttpAnswer> {
  const errorOptions = { provider: options.provider };
  let response: Response;
  try {
    response = await fetchFollowing(url, options, AbortSignal.timeout(options.timeoutMs));
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (isTimeout(error)) throw new UpstreamTimeoutError(options.timeoutMs, options.request, errorOptions);
    throw new UpstreamNetworkError(options.request, error, errorOptions);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > options.maxBodyBytes) {
    await response.body?.cancel();
    throw new UpstreamTooLargeError(options.maxBodyBytes, options.request, errorOptions);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > options.maxBodyBytes) {
        await response.body?.cancel().catch(() => {});
        throw new UpstreamTooLargeError(options.maxBodyBytes, options.request, errorOptions);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    if (isTimeout(error)) throw new UpstreamTimeoutError(options.timeoutMs, options.request, errorOptions);
    throw new UpstreamNetworkError(options.request, error, errorOptions);
  }
  return { status: response.status, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') };
}
