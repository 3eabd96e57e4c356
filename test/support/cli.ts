/** Runs the CLI in-process with captured output, or as a real process through tsx. */
import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { main } from '../../src/cli.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

export async function runCli(args: string[], env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, {
    stdout,
    stderr,
    env: { CACHE_URL: 'memory://', THREATCROWD_INTERVAL_MS: '20', PROVIDERS: 'threatcrowd', ...env },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

/** The real command as a child process (tsx on the TypeScript entry), with `input` on stdin. */
export async function spawnCli(args: string[], env: Record<string, string> = {}, input?: string) {
  const child = run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', CACHE_URL: 'memory://', PROVIDERS: 'threatcrowd', ...env },
    timeout: 30_000,
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
