/** A small text file (a list of indicators) read whole, in memory, within a size cap and a time cap. */

import { linkedSignal } from '../time/linked-signal.js';
import { type DownloadOptions, download } from './download-and-hash.js';
import { FileHashTimeoutError, FileTooLargeError } from './errors.js';

/** The stream's bytes as UTF-8; FileTooLargeError past `maxBytes`, FileHashTimeoutError past `timeoutMs`. */
export async function readText(
  body: ReadableStream<Uint8Array>,
  limits: { maxBytes: number; timeoutMs: number; signal?: AbortSignal },
): Promise<string> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const link = linkedSignal(limits.signal ? [deadline, limits.signal] : [deadline]);
  const signal = link.signal;
  const reader = body.getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw deadline.aborted ? new FileHashTimeoutError(limits.timeoutMs) : signal.reason;
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        void reader.cancel().catch(() => {});
        throw new FileTooLargeError(limits.maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    link.dispose();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Downloads a text file from the platform's own file host (see `downloadAndHash` for the rules). */
export function downloadText(url: string | URL, options: DownloadOptions): Promise<string> {
  return download(url, options, readText);
}
