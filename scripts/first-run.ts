/**
 * `npm run first-run`: the README's first paths as a newcomer takes them, each in a fresh temporary directory
 * and each expected to end within 15 s with one recognisable line. Prints `ok`/`FAIL` per path; exit 1 on a failure.
 * `FIRST_RUN_LIMIT_SECONDS` changes the 15 s (the test suite, on a loaded machine, gives each path more).
 * Nothing here reaches the internet: the simulator is on 127.0.0.1 and the dead hosts are under `.invalid`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSimulator } from '../src/simulator/server.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const LIMIT_MS = Number(process.env.FIRST_RUN_LIMIT_SECONDS || 15) * 1000;

interface Path {
  readonly name: string;
  readonly script: 'main' | 'demo';
  readonly args?: string[];
  readonly env?: Record<string, string>;
  readonly input?: string;
  /** Files written in the directory first (`.env`). */
  readonly files?: Record<string, string>;
  /** The line that must appear (on standard output or error). */
  readonly expect: RegExp;
  /** A second run in the same directory must show it again. */
  readonly twice?: boolean;
}

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly ms: number;
}

/** One run of the command in `dir`, killed at the limit. */
function run(path: Path, dir: string): Promise<Run> {
  const started = Date.now();
  const entry = join(ROOT, 'src', path.script === 'demo' ? 'demo.ts' : 'main.ts');
  const child = spawn(process.execPath, ['--import', TSX, entry, ...(path.args ?? [])], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...path.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.stdin.end(path.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
  return new Promise((done) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output, ms: Date.now() - started });
    }),
  );
}

/** Runs one path (twice when asked); the matching line, or why it failed. */
async function check(path: Path): Promise<{ ok: boolean; line: string; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tcb-first-run-'));
  try {
    for (const [name, text] of Object.entries(path.files ?? {})) writeFileSync(join(dir, name), text);
    let last: { ok: boolean; line: string; ms: number } = { ok: false, line: '', ms: 0 };
    for (let round = 0; round < (path.twice ? 2 : 1); round++) {
      const result = await run(path, dir);
      const line = result.output.split('\n').find((l) => path.expect.test(l));
      const stack = /^\s+at .+\(.+:\d+:\d+\)$/m.test(result.output);
      if (!line || result.ms > LIMIT_MS || stack) {
        const why =
          result.ms > LIMIT_MS ? `no end within ${LIMIT_MS / 1000} s` : stack ? 'a stack trace' : `no line matching ${path.expect}`;
        return { ok: false, line: `${round === 1 ? 'second run: ' : ''}${why}; output:\n${result.output}`, ms: result.ms };
      }
      last = { ok: true, line, ms: result.ms };
    }
    return last;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const simulator = await startSimulator();
const upstream = { THREATCROWD_URL: simulator.url, OTX_URL: simulator.url };
const dead = { THREATCROWD_URL: 'https://www.threatcrowd.invalid', OTX_URL: 'https://otx.alienvault.invalid' };
const PATHS: Path[] = [
  { name: 'demo, piped', script: 'demo', input: 'beacons to aoldaily[.]com last night\n', expect: /^Domain aoldaily\[\.\]com — / },
  {
    name: 'console, piped, twice in one directory',
    script: 'main',
    args: ['console'],
    env: upstream,
    input: 'seen 188.40.75[.]132 again\n',
    expect: /^IP address 188\.40\.75\[\.\]132 — /,
    twice: true,
  },
  {
    name: 'lookup with settings from .env',
    script: 'main',
    args: ['lookup', 'aoldaily[.]com'],
    files: { '.env': `THREATCROWD_URL=${simulator.url}\nOTX_URL=${simulator.url}\n` },
    expect: /source: ThreatCrowd simulator/,
  },
  {
    name: 'lookup with a dead upstream',
    script: 'main',
    args: ['lookup', 'aoldaily[.]com'],
    env: dead,
    expect: /^hint: ThreatCrowd's public service is gone .*threatcrowd-bot simulate/,
  },
  {
    name: 'lookup with an unreachable Redis',
    script: 'main',
    args: ['lookup', 'aoldaily[.]com'],
    env: { ...upstream, CACHE_URL: 'redis://127.0.0.1:1' },
    expect: /^error: CACHE_URL: cannot reach the store at redis:\/\/127\.0\.0\.1:1 /,
  },
];

let failed = 0;
try {
  for (const path of PATHS) {
    const result = await check(path);
    if (!result.ok) failed++;
    process.stdout.write(`${result.ok ? 'ok  ' : 'FAIL'} ${path.name} (${(result.ms / 1000).toFixed(1)} s): ${result.line}\n`);
  }
} finally {
  await simulator.close();
}
process.stdout.write(`${PATHS.length - failed} of ${PATHS.length} first-run paths ok\n`);
process.exitCode = failed === 0 ? 0 : 1;
