/** `threatcrowd-bot detect`: indicators in standard input as a JSON array. Exit 0 on any input. */
import { scanText } from '../indicators/detect.js';
import type { CliIo } from './output.js';

export async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export function runDetect(text: string, options: { all?: boolean; ignoreDomains?: readonly string[] }, io: CliIo): number {
  const result = scanText(text, { ignoreDomains: options.ignoreDomains ?? [] });
  const out = options.all ? [...result.indicators, ...result.skipped] : result.indicators;
  io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
