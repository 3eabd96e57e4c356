import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PIECE_CHARS, runDetect } from '../../src/cli/detect-command.js';

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** `lines` lines of chat, generated as they are read; line `i` names host `h<i % distinct>.evil-update.net`. */
function chat(lines: number, distinct: number, onRead: () => void = () => {}): Readable {
  let i = 0;
  return new Readable({
    read() {
      onRead();
      if (i >= lines) return this.push(null);
      const batch: string[] = [];
      for (let k = 0; k < 500 && i < lines; k++, i++)
        batch.push(`line ${i}: beacon to h${i % distinct}[.]evil-update.net, see main.py and v1.2.3.4`);
      this.push(`${batch.join('\n')}\n`);
    },
  });
}

async function detect(input: Readable, all = false) {
  const stdout = new Collect();
  const code = await runDetect(input, { all }, { stdout, stderr: new Collect(), env: {} });
  return { code, items: JSON.parse(stdout.text) as Array<{ value: string; reason?: string }> };
}

describe('threatcrowd-bot detect on large input', () => {
  it('GIVEN a 10 MB stream THEN every line is read and each indicator printed once, as the input arrives', async () => {
    const lines = 150_000; // about 10.5 MB
    let linesRead = 0;
    let readWhenFirstPrinted = -1;
    const stdout = new Collect();
    const write = stdout.write.bind(stdout) as (chunk: string) => boolean;
    stdout.write = ((chunk: string) => {
      if (readWhenFirstPrinted < 0) readWhenFirstPrinted = linesRead;
      return write(chunk);
    }) as typeof stdout.write;
    const code = await runDetect(
      chat(lines, 1000, () => (linesRead += 500)),
      {},
      { stdout, stderr: new Collect(), env: {} },
    );
    const items = JSON.parse(stdout.text) as Array<{ value: string }>;
    expect(code).toBe(0);
    expect(items).toHaveLength(1000);
    expect(items.at(-1)?.value).toBe('h999.evil-update.net');
    // Streaming: the first answer is out while most of the file is still unread (memory holds one piece).
    expect(readWhenFirstPrinted).toBeGreaterThan(0);
    expect(readWhenFirstPrinted).toBeLessThan(lines / 10);
  }, 120_000);

  it('GIVEN an indicator across a piece boundary THEN it is found whole, not as two halves', async () => {
    const pad = 'x '.repeat(Math.floor(PIECE_CHARS / 2) - 4);
    const { items } = await detect(Readable.from([`${pad}beacon to tax-refund-portal.net now`]));
    expect(items.map((i) => i.value)).toEqual(['tax-refund-portal.net']);
  });

  it('GIVEN nothing on stdin THEN an empty JSON array', async () => {
    expect((await detect(Readable.from([]))).items).toEqual([]);
  });

  it('GIVEN --all THEN the skipped values follow the indicators, with their reasons', async () => {
    const { items } = await detect(Readable.from(['from 10.0.0.5 to evil-update.net']), true);
    expect(items).toEqual([
      { type: 'domain', value: 'evil-update.net', defanged: false },
      { type: 'ipv4', value: '10.0.0.5', defanged: false, reason: 'private-ip' },
    ]);
  });
});
