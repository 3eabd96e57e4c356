/**
 * MD5, SHA-1 and SHA-256 of a stream in one pass, in memory, one chunk at a time: the file is never written
 * anywhere and never held whole. A size cap and a time cap stop a stream that is too big or too slow.
 */
import { createHash } from 'node:crypto';
import { linkedSignal } from '../time/linked-signal.js';
import { FileHashTimeoutError, FileTooLargeError } from './errors.js';

export interface FileHashes {
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
  /** Bytes read. */
  readonly size: number;
}

export interface HashOptions {
  /** Stop with FileTooLargeError past this many bytes. @default 100 MB */
  readonly maxBytes?: number;
  /** Stop with FileHashTimeoutError when the whole stream takes longer. @default 120000 */
  readonly timeoutMs?: number;
  /** Cancels the read (the signal's reason is thrown). */
  readonly signal?: AbortSignal;
}

export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
export const DEFAULT_HASH_TIMEOUT_MS = 120_000;

function toReadableStream(source: ByteSource): ReadableStream<Uint8Array | string> {
  return source instanceof ReadableStream ? source : ReadableStream.from(source);
}

/** Hashes `source`; the stream is cancelled when a cap is hit or the signal fires. */
export async function hashStream(source: ByteSource, options: HashOptions = {}): Promise<FileHashes> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_HASH_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const link = linkedSignal(options.signal ? [deadline, options.signal] : [deadline]);
  const signal = link.signal;
  const failure = () => (deadline.aborted ? new FileHashTimeoutError(timeoutMs) : (options.signal?.reason ?? signal.reason));
  const reader = toReadableStream(source).getReader();
  // A source that never answers would hang a plain read: cancelling the reader ends a pending read.
  const onAbort = () => void reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  const md5 = createHash('md5');
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  let size = 0;
  try {
    if (signal.aborted) throw failure();
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw failure();
      if (done) break;
      const chunk = typeof value === 'string' ? Buffer.from(value) : value;
      size += chunk.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => {});
        throw new FileTooLargeError(maxBytes);
      }
      md5.update(chunk);
      sha1.update(chunk);
      sha256.update(chunk);
    }
  } catch (error) {
    if (signal.aborted) throw failure();
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    link.dispose();
    reader.releaseLock();
  }
  return { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex'), size };
}
