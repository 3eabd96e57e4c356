import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('npm run first-run', () => {
  it("GIVEN a newcomer's first paths, each in a fresh directory THEN each ends within 15 s with its one expected line", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/first-run.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 170_000,
    });
    const results = stdout.split('\n').filter((l) => /^(ok|FAIL) /.test(l));
    expect(results.map((l) => l.replace(/ \(.*$/, ''))).toEqual([
      'ok   demo, piped',
      'ok   console, piped, twice in one directory',
      'ok   lookup with settings from .env',
      'ok   lookup with a dead upstream',
      'ok   lookup with an unreachable Redis',
    ]);
  }, 180_000);
});
