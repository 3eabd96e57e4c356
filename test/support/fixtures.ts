import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REAL_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'threatcrowd', 'real');
export const SYNTHETIC_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'threatcrowd', 'synthetic');

export function readFixture(name: string, dir = REAL_FIXTURES): string {
  return readFileSync(join(dir, name), 'utf8');
}

/** Every recorded JSON answer as [file name, endpoint, value, body]. */
export function recordedAnswers(dir = REAL_FIXTURES): Array<[string, string, string, string]> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const match = /^(domain|ip|email|antivirus|file)-(.+)\.json$/.exec(f);
      return [f, match?.[1] ?? '', match?.[2] ?? '', readFixture(f, dir)];
    });
}
