/** One HTTP GET with a timeout and a body cap, failures mapped to the typed upstream errors. */
import { UpstreamError, UpstreamNetworkError, UpstreamTimeoutError, UpstreamTooLargeError } from '../threatcrowd/errors.js';

export const USER_AGENT = 'threatcrowd-bot/0.1 (+https://github.com/threatcrowd-bot)';

export interface HttpGetOptions {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** `GET https://host/path` without query values (they are looked-up indicators). */
  readonly request: string;
  readonly provider?: string;
  readonly headers?: Record<string, string>;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export async function httpGet(url: URL, options: HttpGetOptions): Promise<HttpAnswer> {
  const errorOptions = { provider: options.provider };
  let response: Response;
  try {
    response = await options.fetch(url, {
      headers: { 'user-agent': USER_AGENT, accept: 'application/json, text/plain;q=0.9, */*;q=0.1', ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'follow',
    });
  } catch (error) {
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
