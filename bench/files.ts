/**
 * Hashing throughput: a generated 100 MB stream through MD5, SHA-1 and SHA-256 in one pass, in memory, and
 * the same 100 MB downloaded from a file host on 127.0.0.1 (served by this process) and hashed on the way;
 * memory held is the peak live memory (after a forced GC) above the baseline, sampled while it runs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { downloadAndHash } from '../src/files/download-and-hash.js';
import { hashStream } from '../src/files/hash-stream.js';
import { prng } from './corpus.js';

const MB = 1024 * 1024;
const SIZE = 100 * MB;
const CHUNK = 64 * 1024;

function block(): Buffer {
  const rand = prng(17);
  return Buffer.from(Array.from({ length: MB }, () => Math.floor(rand() * 256)));
}

let onChunk: () => void = () => {};

async function* generated(data: Buffer) {
  for (let sent = 0; sent < SIZE; sent += CHUNK) {
    if (sent % (10 * MB) === 0) onChunk();
    yield data.subarray(sent % MB, (sent % MB) + CHUNK);
  }
}

/** Live memory (after a full GC) above the baseline: what the hashing really holds, not garbage awaiting collection. */
function liveMemorySampler() {
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peak = 0;
  return {
    sample() {
      globalThis.gc?.();
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed + now.arrayBuffers - base.heapUsed - base.arrayBuffers);
    },
    peakMb: () => peak / MB,
  };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

/** Seconds for one timed run, then the peak live memory of a second run sampled every 10 MB or 50 ms. */
async function measure(run: () => Promise<unknown>): Promise<{ seconds: number; liveMb: number }> {
  const seconds = await timed(run);
  const memory = liveMemorySampler();
  onChunk = memory.sample;
  const timer = setInterval(memory.sample, 50);
  await run();
  clearInterval(timer);
  onChunk = () => {};
  return { seconds, liveMb: memory.peakMb() };
}

export async function benchFiles(): Promise<string[]> {
  const data = block();
  await hashStream(generated(data), { maxBytes: SIZE }); // warm-up
  const memory = await measure(() => hashStream(generated(data), { maxBytes: SIZE }));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-length': SIZE });
    let sent = 0;
    const pump = () => {
      while (sent < SIZE) {
        const chunk = data.subarray(sent % MB, (sent % MB) + CHUNK);
        sent += CHUNK;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const download = await measure(() => downloadAndHash(`${origin}/file.bin`, { allowedHosts: [origin], maxBytes: SIZE }));
  server.close();
  const row = (what: string, m: { seconds: number; liveMb: number }) =>
    `| ${what} | ${(SIZE / MB / m.seconds).toFixed(0)} | ${m.seconds.toFixed(2)} | ${m.liveMb.toFixed(2)} |`;
  return [
    '| 100 MB, MD5 + SHA-1 + SHA-256 in one pass | MB/s | seconds | memory held (peak live heap + buffers above baseline) MB |',
    '|---|---|---|---|',
    row('generated stream (64 KB chunks)', memory),
    row('downloaded from a file host on 127.0.0.1, hashed on the way', download),
  ];
}
