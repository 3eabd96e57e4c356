/**
 * Downloads an attachment from the platform's own file host and hashes it on the way, never touching disk.
 * Redirects are followed by hand so that every hop's host is checked against the allow-list, and the
 * credentials (the bot token) go only to the host first asked.
 */

import { linkedSignal } from '../time/linked-signal.js';
import { FileDownloadError, FileHashTimeoutError, FileHostNotAllowedError, FileTooLargeError } from './errors.js';
import { isAllowedFileUrl } from './file-hosts.js';
import { DEFAULT_HASH_TIMEOUT_MS, DEFAULT_MAX_FILE_BYTES, type FileHashes, hashStream } from './hash-stream.js';

export interface DownloadOptions {
  /** Host names (HTTPS) or origins a download may touch, redirects included (see `fileHostsFor`). */
  readonly allowedHosts: readonly string[];
  /** Sent to the first host only (e.g. `authorization: Bearer xoxb-…`); dropped when a redirect changes origin. */
  readonly headers?: Record<string, string>;
  /** @default 100 MB */
  readonly maxBytes?: number;
  /** The whole download and hash, redirects included. @default 120000 */
  readonly timeoutMs?: number;
  /** @default 5 */
  readonly maxRedirects?: number;
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

function parseUrl(text: string | URL, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch (error) {
    throw new FileDownloadError('the address is not a valid URL', { cause: error });
  }
}

/** Fetches `url` (following allowed redirects) and resolves to the file's hashes. */
export function downloadAndHash(url: string | URL, options: DownloadOptions): Promise<FileHashes> {
  return download(url, options, hashStream);
}

/** Reads the body within the caps (the signal is the caller's; the time left is given). */
export type BodyReader<T> = (
  body: ReadableStream<Uint8Array>,
  limits: { maxBytes: number; timeoutMs: number; signal?: AbortSignal },
) => Promise<T>;

/** Fetches `url` (following allowed redirects) and hands its body to `read`, with the same caps and errors. */
export async function download<T>(url: string | URL, options: DownloadOptions, read: BodyReader<T>): Promise<T> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_HASH_TIMEOUT_MS;
  const startedAt = Date.now();
  const deadline = AbortSignal.timeout(timeoutMs);
  const link = linkedSignal(options.signal ? [deadline, options.signal] : [deadline]);
  const signal = link.signal;
  try {
    const response = await fetchAllowed(parseUrl(url), options, signal);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new FileTooLargeError(maxBytes);
    }
    if (!response.body) throw new FileDownloadError('the host sent no body');
    const left = Math.max(1, timeoutMs - (Date.now() - startedAt));
    return await read(response.body, { maxBytes, timeoutMs: left, signal: options.signal });
  } catch (error) {
    if (deadline.aborted) throw new FileHashTimeoutError(timeoutMs);
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof FileDownloadError || error instanceof FileTooLargeError || error instanceof FileHashTimeoutError) throw error;
    if (error instanceof FileHostNotAllowedError) throw error;
    throw new FileDownloadError('the connection failed', { cause: error });
  } finally {
    link.dispose();
  }
}

/** The final (non-redirect) response, having checked every hop's host. */
async function fetchAllowed(first: URL, options: DownloadOptions, signal: AbortSignal): Promise<Response> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const maxRedirects = options.maxRedirects ?? 5;
  let url = first;
  for (let hops = 0; ; hops++) {
    if (!isAllowedFileUrl(url, options.allowedHosts)) throw new FileHostNotAllowedError(url.host);
    const headers = url.origin === first.origin ? (options.headers ?? {}) : {};
    const response = await doFetch(url, { headers, redirect: 'manual', signal });
    if (!REDIRECT.has(response.status)) {
      if (response.status >= 200 && response.status < 300) return response;
      await response.body?.cancel().catch(() => {});
      throw new FileDownloadError(`the file host answered HTTP ${response.status}`);
    }
    await response.body?.cancel().catch(() => {});
    const location = response.headers.get('location');
    if (!location) throw new FileDownloadError(`HTTP ${response.status} without a Location`);
    if (hops >= maxRedirects) throw new FileDownloadError(`more than ${maxRedirects} redirects`);
    url = parseUrl(location, url);
  }
}
