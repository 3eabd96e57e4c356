import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FileHashTimeoutError, FileTooLargeError } from '../../src/files/errors.js';
import { hashStream } from '../../src/files/hash-stream.js';

const digest = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');

async function* chunksOf(data: Buffer, size: number) {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

describe('hashStream', () => {
  it('GIVEN a file in uneven chunks THEN its MD5, SHA-1 and SHA-256 equal those of the whole file', async () => {
    const data = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 31) % 251));
    const hashes = await hashStream(chunksOf(data, 4093));
    expect(hashes).toEqual({ md5: digest('md5', data), sha1: digest('sha1', data), sha256: digest('sha256', data), size: 100_003 });
  });

  it('GIVEN an empty stream THEN the well-known empty hashes are returned', async () => {
    const hashes = await hashStream(Readable.from([]));
    expect(hashes.md5).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hashes.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashes.size).toBe(0);
  });

  it('GIVEN a web ReadableStream THEN it is hashed the same way', async () => {
    const data = Buffer.from('hello, analyst');
    const hashes = await hashStream(new Blob([data]).stream());
    expect(hashes.sha1).toBe(digest('sha1', data));
  });

  it('GIVEN a stream one byte over the cap THEN FileTooLargeError, and the source is not read to the end', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) {
        produced += 1024;
        yield Buffer.alloc(1024);
      }
    }
    const error = await hashStream(endless(), { maxBytes: 10 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(produced).toBeLessThanOrEqual(12 * 1024);
  });

  it('GIVEN exactly the cap THEN the file is hashed', async () => {
    const hashes = await hashStream(chunksOf(Buffer.alloc(2048), 512), { maxBytes: 2048 });
    expect(hashes.size).toBe(2048);
  });

  it('GIVEN a stream that stops sending THEN the time cap ends it with FileHashTimeoutError', async () => {
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new Uint8Array(10)),
      cancel: () => {
        cancelled = true;
      },
    });
    const error = await hashStream(stalled, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileHashTimeoutError);
    expect((error as Error).message).toMatch(/took longer than/);
    expect(cancelled).toBe(true);
  });

  it('GIVEN a cancel signal mid-stream THEN the signal reason is thrown and the source is cancelled', async () => {
    const controller = new AbortController();
    let cancelled = false;
    const slow = new ReadableStream<Uint8Array>({
      pull: async (c) => {
        await new Promise((r) => setTimeout(r, 5));
        c.enqueue(new Uint8Array(100));
        controller.abort(new Error('cancelled by the person'));
      },
      cancel: () => {
        cancelled = true;
      },
    });
    await expect(hashStream(slow, { signal: controller.signal })).rejects.toThrow('cancelled by the person');
    expect(cancelled).toBe(true);
  });

  it('GIVEN a source that fails THEN its error comes through', async () => {
    async function* broken() {
      yield Buffer.from('x');
      throw new Error('disk on fire');
    }
    await expect(hashStream(broken())).rejects.toThrow('disk on fire');
  });
});
