import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli.js';
import { PROCESS_MS, processTestTimeout } from '../support/process-limits.js';
import { useSimulator } from '../support/simulator.js';
import { stixErrors } from '../support/stix-validator.js';

function listFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tcb-list-')), 'iocs.txt');
  writeFileSync(path, text);
  return path;
}

const LIST = [
  'evilupdate[.]top',
  'hxxp://evilupdate[.]top/update.exe',
  '45.77.12[.]34',
  '10.0.0.7',
  'aoldaily.com',
  'ec8c89aa5e521572c74e2dd02a4daf78',
  ...Array.from({ length: 6 }, (_, i) => `host${i}.sample-corp.com`),
].join('\n');

describe('threatcrowd-bot lookup --file', () => {
  it('GIVEN a list file and --format csv THEN one CSV row per distinct value, each asked upstream once', async () => {
    const sim = await useSimulator();
    const { code, stdout, stderr } = await runCli(['lookup', '--file', listFile(LIST), '--format', 'csv'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(0);
    const rows = parse(stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.value)).toEqual([
      'evilupdate.top',
      '45.77.12.34',
      'aoldaily.com',
      'ec8c89aa5e521572c74e2dd02a4daf78',
      ...Array.from({ length: 6 }, (_, i) => `host${i}.sample-corp.com`),
    ]);
    expect(rows[0]).toMatchObject({ value_typed: 'evilupdate[.]top', verdict: 'malicious', found: 'yes' });
    expect(sim.requests).toHaveLength(10);
    expect(sim.requests.some((r) => r.value === '10.0.0.7')).toBe(false);
    expect(stderr.trim()).toBe('10/10 looked up (0 from cache, 0 failed); 1 repeated, 1 internal never sent');
  });

  it('GIVEN --format stix THEN the bundle validates against the STIX 2.1 schemas', async () => {
    const sim = await useSimulator();
    const { code, stdout } = await runCli(['lookup', '--file', listFile(LIST), '--format', 'stix'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(0);
    const bundle = JSON.parse(stdout);
    expect(stixErrors(bundle)).toEqual([]);
    expect(bundle.objects.filter((o: { type: string }) => o.type === 'indicator').map((o: { name: string }) => o.name)).toContain(
      'evilupdate.top',
    );
  });

  it('GIVEN --format json THEN one document lists every value with its report', async () => {
    const sim = await useSimulator();
    const { stdout } = await runCli(['lookup', '--file', listFile('aoldaily[.]com\n'), '--format', 'json'], { THREATCROWD_URL: sim.url });
    const document = JSON.parse(stdout);
    expect(document.results).toHaveLength(1);
    expect(document.results[0]).toMatchObject({ typed: 'aoldaily[.]com', value: 'aoldaily.com', report: { found: true } });
  });

  it('GIVEN values typed as spreadsheet formulas THEN the CSV neutralises them', async () => {
    const sim = await useSimulator();
    const { stdout } = await runCli(['lookup', '--file', listFile('=evil-example.com\n-aoldaily.com\n=45.77.12.34\n'), '--format', 'csv'], {
      THREATCROWD_URL: sim.url,
    });
    const rows = parse(stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.value_typed)).toEqual(["'=evil-example.com", "'-aoldaily.com", "'=45.77.12.34"]);
  });

  it('GIVEN values on the command line and --format csv THEN they are written as one CSV', async () => {
    const sim = await useSimulator();
    const { code, stdout } = await runCli(['lookup', 'aoldaily[.]com', '188.40.75.132', '--format', 'csv'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(0);
    expect((parse(stdout, { columns: true }) as unknown[]).length).toBe(2);
  });

  it('GIVEN the list on standard input THEN the real command reads it', { timeout: processTestTimeout(1) }, async () => {
    const sim = await useSimulator();
    const { code, stdout } = await spawnCli(
      ['lookup', '--file', '-', '--format', 'csv'],
      { THREATCROWD_URL: sim.url, THREATCROWD_INTERVAL_MS: '20' },
      'evilupdate[.]top\nnot an indicator\n',
    );
    expect(code).toBe(0);
    expect(stdout.split('\r\n')[1]).toMatch(/^domain,evilupdate\[\.\]top,evilupdate\.top,yes,malicious,/);
  });

  it.each([
    [['lookup', '--file', '/nonexistent/iocs.txt'], 'error: cannot read "/nonexistent/iocs.txt": no such file.'],
    [['lookup', 'evil.com', '--file', '/tmp/x'], 'error: give values or --file, not both.'],
    [['lookup'], 'error: give at least one value, or --file PATH (- reads standard input).'],
  ])('GIVEN %j THEN one clear line and exit 1', async (args, line) => {
    const sim = await useSimulator();
    const { code, stderr } = await runCli(args, { THREATCROWD_URL: sim.url });
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(line);
    expect(sim.requests).toHaveLength(0);
  });

  it('GIVEN a file without indicators or bigger than 5 MB THEN nothing is asked upstream', async () => {
    const sim = await useSimulator();
    const empty = await runCli(['lookup', '--file', listFile('just words\n')], { THREATCROWD_URL: sim.url });
    expect(empty.stderr).toContain('no indicators to look up in');
    const huge = await runCli(['lookup', '--file', listFile('evil.com\n'.repeat(700_000))], { THREATCROWD_URL: sim.url });
    expect(huge.code).toBe(1);
    expect(huge.stderr).toContain('is larger than 5 MB');
    expect(sim.requests).toHaveLength(0);
  });

  it('GIVEN an upstream that fails for some values THEN the CSV says why and the exit is 1', async () => {
    const sim = await useSimulator({ faults: [{ kind: 'http-503', times: 2 }] });
    const { code, stdout } = await runCli(
      ['lookup', '--file', listFile('a1.sample-corp.com\na2.sample-corp.com\na3.sample-corp.com'), '-f', 'csv'],
      {
        THREATCROWD_URL: sim.url,
        THREATCROWD_RETRIES: '0',
      },
    );
    expect(code).toBe(1);
    const rows = parse(stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.filter((r) => r.error?.includes('HTTP 503'))).toHaveLength(2);
  });

  it('GIVEN ThreatCrowd failing until its breaker opens THEN the bulk says it waits, and the rest are answered after the pause', async () => {
    const sim = await useSimulator({ faults: [{ kind: 'reset', path: '/searchApi', times: 2 }] });
    const values = Array.from({ length: 5 }, (_, i) => `b${i}.sample-corp.com`).join('\n');
    const { code, stdout, stderr } = await runCli(['lookup', '--file', listFile(values), '-f', 'csv'], {
      THREATCROWD_URL: sim.url,
      THREATCROWD_RETRIES: '0',
      BREAKER_FAILURES: '1',
      BREAKER_COOLDOWN_SECONDS: '1',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^[0-2]\/5 looked up; waiting for ThreatCrowd \(next try in 1 s\)$/m);
    const rows = parse(stdout, { columns: true }) as Array<Record<string, string>>;
    // Lookups sent as ThreatCrowd went down fail (one or two); a probe that finds it still down is put back.
    const failed = rows.filter((r) => r.error?.includes('could not be reached')).length;
    expect(failed === 1 || failed === 2).toBe(true);
    expect(rows.filter((r) => r.error === '')).toHaveLength(5 - failed);
  });
});

describe('threatcrowd-bot lookup --file, stopped', () => {
  it('GIVEN SIGTERM mid-bulk THEN the values looked up so far are still written, the rest marked, and the exit is 130', {
    timeout: processTestTimeout(1),
  }, async () => {
    const sim = await useSimulator();
    const list = listFile(Array.from({ length: 10 }, (_, i) => `slow${i}.sample-corp.com`).join('\n'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'lookup', '--file', list, '--format', 'csv'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: {
        PATH: process.env.PATH ?? '',
        CACHE_URL: 'memory://',
        PROVIDERS: 'threatcrowd',
        THREATCROWD_URL: sim.url,
        THREATCROWD_BURST: '1',
        THREATCROWD_INTERVAL_MS: '600',
      },
    });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    // 'close', not 'exit': the process may be gone before all it wrote has been read here.
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // The third request is sent an interval (0.6 s) after the second: by then the answers to the first two have
    // been received and counted (a few milliseconds, even loaded). At the second request itself, the second answer
    // could still be on its way, and a stop then rightly leaves that value "not looked up".
    await expect.poll(() => sim.requests.length, { timeout: PROCESS_MS, interval: 50 }).toBeGreaterThanOrEqual(3);
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    const rows = parse(stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(10);
    const answered = rows.filter((r) => r.found === 'no');
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.error === 'not looked up (the bulk was stopped)')).toHaveLength(10 - answered.length);
    expect(sim.requests.length).toBeLessThan(10);
  });
});
