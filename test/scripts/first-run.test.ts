import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROCESS_MS, processTestTimeout } from '../support/process-limits.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('npm run first-run', () => {
  it("GIVEN a newcomer's first paths, each in a fresh directory THEN each ends, without a hang, with its one expected line", {
    timeout: processTestTimeout(7),
  }, async () => {
    // Six processes after this one. A newcomer's quiet machine runs each path within the script's 15 s; this
    // loaded one may not (a process's start alone can take 10 s here), so each gets the limit of any test process.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/first-run.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', FIRST_RUN_LIMIT_SECONDS: String(PROCESS_MS / 1000) },
      timeout: 7 * PROCESS_MS,
    });
    const results = stdout.split('\n').filter((l) => /^(ok|FAIL) /.test(l));
    expect(results.map((l) => l.replace(/ \(.*$/, ''))).toEqual([
      'ok   demo, piped',
      'ok   console, piped, twice in one directory',
      'ok   lookup with settings from .env',
      'ok   lookup with a dead upstream',
      'ok   lookup with an unreachable Redis',
    ]);
  });
});
