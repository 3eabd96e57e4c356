/** `threatcrowd-bot start` as a real process; resolves once it says it is running. */
import { spawn } from 'node:child_process';
import { PROCESS_MS } from './process-limits.js';

const ROOT = new URL('../..', import.meta.url).pathname;

export async function startBotProcess(env: Record<string, string>, timeoutMs = PROCESS_MS) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let logs = '';
  child.stderr.on('data', (d) => {
    logs += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const start = Date.now();
  while (!logs.includes('threatcrowd-bot is running')) {
    if (Date.now() - start > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`did not start: ${logs}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, exited, logs: () => logs };
}
