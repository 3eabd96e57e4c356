/**
 * `threatcrowd-bot detect`: indicators in standard input as a JSON array. Exit 0 on any input.
 * The input is read in pieces cut at white space and each indicator is printed when first seen, so a
 * file of any size is scanned whole in bounded memory (what is kept is one piece and the values seen).
 */
import { once } from 'node:events';
import { scanText } from '../indicators/detect.js';
import type { Indicator, SkippedIndicator } from '../indicators/types.js';
import type { CliIo } from './output.js';

/** Size of the pieces scanned one at a time. */
export const PIECE_CHARS = 256 * 1024;
/** How far back from a piece's end to look for white space to cut at (a longer token is cut anyway). */
const CUT_WINDOW = 8 * 1024;

export interface DetectOptions {
  readonly all?: boolean;
  readonly ignoreDomains?: readonly string[];
}

/** Writes JSON array items as they come, formatted as `JSON.stringify(items, null, 2)` would. */
class JsonArrayWriter {
  private count = 0;
  constructor(private readonly out: NodeJS.WritableStream) {}
  async item(value: unknown): Promise<void> {
    const body = JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    const ok = this.out.write(`${this.count++ === 0 ? '[\n' : ',\n'}  ${body}`);
    if (!ok) await once(this.out, 'drain');
  }
  end(): void {
    this.out.write(this.count === 0 ? '[]\n' : '\n]\n');
  }
}

/** Cuts `buffer` at the last white space within CUT_WINDOW of its end: [piece, rest]. */
function cutAtSpace(buffer: string): [string, string] {
  for (let i = buffer.length - 1; i >= Math.max(0, buffer.length - CUT_WINDOW); i--) {
    if (/\s/.test(buffer[i] ?? '')) return [buffer.slice(0, i + 1), buffer.slice(i + 1)];
  }
  return [buffer, ''];
}

/** Scans `input` piece by piece and prints every new indicator (and with `all`, the skipped ones last). */
export async function runDetect(input: AsyncIterable<string | Buffer>, options: DetectOptions, io: CliIo): Promise<number> {
  const writer = new JsonArrayWriter(io.stdout);
  const seen = new Set<string>();
  const skipped: SkippedIndicator[] = [];
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  const scan = async (piece: string) => {
    const result = scanText(piece, { ignoreDomains: options.ignoreDomains ?? [], maxLength: Number.POSITIVE_INFINITY });
    const fresh = (i: Indicator) => !seen.has(`${i.type}:${i.value}`) && seen.add(`${i.type}:${i.value}`);
    for (const indicator of result.indicators) if (fresh(indicator)) await writer.item(indicator);
    for (const skip of result.skipped) if (fresh(skip) && options.all) skipped.push(skip);
  };
  for await (const chunk of input) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    while (buffer.length >= PIECE_CHARS) {
      const [piece, rest] = cutAtSpace(buffer.slice(0, PIECE_CHARS));
      buffer = rest + buffer.slice(PIECE_CHARS);
      await scan(piece);
    }
  }
  await scan(buffer + decoder.decode());
  for (const skip of skipped) await writer.item(skip);
  writer.end();
  return 0;
}
