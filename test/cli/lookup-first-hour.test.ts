import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useSimulator } from '../support/simulator.js';

const tempFile = (name: string, text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tcb-first-hour-')), name);
  writeFileSync(file, text);
  return file;
};

describe('lookup speaks the chat grammar', () => {
  it('GIVEN "av plugx" THEN the family is looked up, as /threatcrowd av plugx does', async () => {
    const sim = await useSimulator();
    const { code, stdout } = await runCli(['lookup', 'av', 'plugx', '-f', 'json'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ type: 'antivirus', value: 'plugx' });
  });

  it('GIVEN "domain" and several values THEN each is looked up as a domain', async () => {
    const sim = await useSimulator();
    const { stdout } = await runCli(['lookup', 'domain', 'aoldaily[.]com', 'evilupdate.top', '-f', 'json'], { THREATCROWD_URL: sim.url });
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).value),
    ).toEqual(['aoldaily.com', 'evilupdate.top']);
    expect(sim.requests.map((r) => r.endpoint)).toEqual(['domain', 'domain']);
  });

  it('GIVEN an unknown word THEN the hint is a command that works in a terminal', async () => {
    const { code, stderr } = await runCli(['lookup', 'frobnicate']);
    expect(code).toBe(1);
    expect(stderr).toContain('try: threatcrowd-bot lookup av frobnicate');
    expect(stderr).not.toContain('/threatcrowd');
  });

  it('GIVEN more values than MAX_INDICATORS_PER_COMMAND THEN the same cap as chat, saying how to raise it, and nothing sent', async () => {
    const sim = await useSimulator();
    const values = Array.from({ length: 4 }, (_, i) => `host${i}.evil-corp.com`);
    const { code, stderr } = await runCli(['lookup', ...values], { THREATCROWD_URL: sim.url, MAX_INDICATORS_PER_COMMAND: '3' });
    expect(code).toBe(1);
    expect(stderr).toContain('At most 3 values per command (got 4). Set MAX_INDICATORS_PER_COMMAND');
    expect(sim.requests).toHaveLength(0);
  });
});

describe('lookup reads .env', () => {
  it('GIVEN THREATCROWD_URL in .env THEN it is used; GIVEN it in the environment too THEN the environment wins', async () => {
    const sim = await useSimulator();
    const other = await useSimulator();
    const dotenvPath = tempFile('.env', `THREATCROWD_URL=${sim.url}\n`);
    expect((await runCli(['lookup', 'aoldaily.com'], {}, { dotenvPath })).code).toBe(0);
    expect(sim.requests).toHaveLength(1);
    await runCli(['lookup', 'aoldaily.com'], { THREATCROWD_URL: other.url }, { dotenvPath });
    expect(other.requests).toHaveLength(1);
    expect(sim.requests).toHaveLength(1);
  });
});

describe('lookup points to the fix and labels its source', () => {
  it('GIVEN ThreatCrowd and OTX hosts that do not resolve THEN the failure lines and one hint naming the simulator, without retries', async () => {
    const env = {
      THREATCROWD_URL: 'https://www.threatcrowd.invalid',
      OTX_URL: 'https://otx.alienvault.invalid',
      PROVIDERS: 'threatcrowd,otx',
    };
    const started = Date.now();
    const { code, stderr } = await runCli(['lookup', 'aoldaily.com', 'bob@aoldaily.com'], env);
    expect(code).toBe(1);
    const hints = stderr.split('\n').filter((l) => l.startsWith('hint: '));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toContain("ThreatCrowd's public service is gone");
    expect(hints[0]).toContain('threatcrowd-bot simulate');
    expect(hints[0]).toContain('OTX_URL');
    // About 150 ms even on a loaded machine (a name under .invalid fails at once); retries would add seconds.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('GIVEN the simulator THEN the summary says "ThreatCrowd simulator"', async () => {
    const sim = await useSimulator();
    const { stdout } = await runCli(['lookup', 'aoldaily.com'], { THREATCROWD_URL: sim.url });
    expect(stdout).toContain('source: ThreatCrowd simulator');
  });

  it("GIVEN an answer cached from one upstream THEN another upstream is asked, never shown the first one's answer", async () => {
    const first = await useSimulator();
    const second = await useSimulator();
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'tcb-cache-')), 'cache.sqlite')}`;
    await runCli(['lookup', 'aoldaily.com'], { THREATCROWD_URL: first.url, CACHE_URL: store });
    const again = await runCli(['lookup', 'aoldaily.com'], { THREATCROWD_URL: first.url, CACHE_URL: store });
    expect(again.stdout).toMatch(/cached \d+ s ago/);
    const switched = await runCli(['lookup', 'aoldaily.com'], { THREATCROWD_URL: second.url, CACHE_URL: store });
    expect(second.requests).toHaveLength(1);
    expect(switched.stdout).not.toContain('cached');
  });
});

describe('lookup shows its waits at a terminal', () => {
  const slow = (url: string) => ({ THREATCROWD_URL: url, THREATCROWD_BURST: '1', THREATCROWD_INTERVAL_MS: '2500' });

  it('GIVEN a terminal and a rate limit to wait for THEN the queue position and wait, then each answer, on stderr', async () => {
    const sim = await useSimulator();
    const { code, stderr, stdout } = await runCli(['lookup', 'aoldaily.com', '188.40.75.132', 'evilupdate.top'], slow(sim.url), {
      tty: true,
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(/^\[2\/3\] 188\.40\.75\[\.\]132: queued #1, about \d+ s; 2 values left, about \d+ s in all$/m);
    expect(stderr).toMatch(/^\[3\/3\] evilupdate\[\.\]top: answered$/m);
    expect(stdout.match(/^(Domain|IP address) /gm)).toHaveLength(3);
  });

  it('GIVEN --quiet, or output that is not a terminal THEN no progress at all', async () => {
    const sim = await useSimulator();
    const quiet = await runCli(['lookup', 'aoldaily.com', '188.40.75.132', '--quiet'], slow(sim.url), { tty: true });
    const piped = await runCli(['lookup', 'aoldaily.com', '188.40.75.132'], slow(sim.url));
    expect(quiet.stderr).toBe('');
    expect(piped.stderr).toBe('');
  });
});
