import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { PROCESS_MS, processTestTimeout } from '../support/process-limits.js';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

describe('a watch in the console', () => {
  it('GIVEN npm run demo with a watch, a short interval and the demo’s answer swap THEN one change note is printed', {
    timeout: processTestTimeout(1),
  }, async () => {
    const input = ['/threatcrowd aoldaily[.]com', '/threatcrowd watch aoldaily[.]com', ':wait 4', '/threatcrowd watch list', ''].join('\n');
    const child = run(process.execPath, ['--import', 'tsx', 'src/demo.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', WATCH_INTERVAL_HOURS: String(0.8 / 3600), THREATCROWD_INTERVAL_MS: '50', LOG_LEVEL: 'silent' },
      timeout: PROCESS_MS,
    });
    child.child.stdin?.end(input);
    const { stdout } = await child;
    expect(stdout).toContain('🔔 Watching aoldaily[.]com');
    expect(stdout.match(/Watched aoldaily\[\.\]com changed/g)).toHaveLength(1);
    expect(stdout).toContain('• 1 new resolution: 45.77.12[.]34');
    expect(stdout).toContain('Watched in this channel (1)');
  });

  it('GIVEN :wait without a number THEN its usage line', async () => {
    const { stdout } = await runCli(['console'], {}, { input: ':wait soon\n' });
    expect(stdout).toContain('usage: :wait SECONDS (1 to 600)');
  });
});
