/** Runs the CLI in-process with captured output, or as a real process through tsx. */
import { execFile } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { main } from '../../src/cli.js';
import { PROCESS_MS } from './process-limits.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

export interface RunOptions {
  /** Lines on standard input. */
  readonly input?: string;
  /** A settings file read under the environment, as `.env` is for the real command. */
  readonly dotenvPath?: string;
  /** Standard error claims to be a terminal (progress is shown). */
  readonly tty?: boolean;
}

export async function runCli(args: string[], env: Record<string, string> = {}, options: RunOptions = {}) {
  const stdout = new Capture();
  const stderr = Object.assign(new Capture(), { isTTY: options.tty ?? false });
  const code = await main(args, {
    stdout,
    stderr,
    env: { CACHE_URL: 'memory://', THREATCROWD_INTERVAL_MS: '20', PROVIDERS: 'threatcrowd', ...env },
    ...(options.input !== undefined ? { stdin: Readable.from([options.input]) } : {}),
    ...(options.dotenvPath ? { dotenvPath: options.dotenvPath } : {}),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** True when `text` holds a stack frame (`    at fn (file:1:2)`). */
export function hasStackFrame(text: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(text);
}

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

/** The real command as a child process (tsx on the TypeScript entry), with `input` on stdin. */
export async function spawnCli(args: string[], env: Record<string, string> = {}, input?: string) {
  const child = run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', CACHE_URL: 'memory://', PROVIDERS: 'threatcrowd', ...env },
    timeout: PROCESS_MS,
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
