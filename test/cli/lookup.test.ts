import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli.js';
import { processTestTimeout } from '../support/process-limits.js';
import { useSimulator } from '../support/simulator.js';

describe('threatcrowd-bot lookup', () => {
  it('GIVEN a defanged domain and --format json THEN one JSON object with the documented fields is printed', async () => {
    const sim = await useSimulator();
    const { code, stdout } = await runCli(['lookup', 'aoldaily[.]com', '--format', 'json'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ type: 'domain', value: 'aoldaily.com', found: true, votes: null, stale: false });
    for (const key of [
      'permalink',
      'resolutions',
      'hashes',
      'subdomains',
      'emails',
      'domains',
      'references',
      'scans',
      'md5',
      'sha1',
      'ips',
      'fetchedAt',
    ]) {
      expect(report).toHaveProperty(key);
    }
    expect(report.resolutions[0]).toEqual({ ip: '69.195.129.70', lastResolved: '2015-05-12' });
  });

  it('GIVEN several values THEN each is answered in order, one JSON line each, through one cache', async () => {
    const sim = await useSimulator();
    const { stdout } = await runCli(['lookup', '188.40.75.132', 'aoldaily.com', '188.40.75.132', '-f', 'json'], {
      THREATCROWD_URL: sim.url,
    });
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.value)).toEqual(['188.40.75.132', 'aoldaily.com', '188.40.75.132']);
    expect(sim.requests).toHaveLength(2);
  });

  it('GIVEN an antivirus family with --type antivirus THEN the family is looked up', async () => {
    const sim = await useSimulator();
    const { stdout } = await runCli(['lookup', 'PlugX', '--type', 'antivirus', '-f', 'json'], { THREATCROWD_URL: sim.url });
    expect(JSON.parse(stdout).hashes).toHaveLength(50);
  });

  it('GIVEN text format THEN a readable, defanged summary is printed', async () => {
    const sim = await useSimulator();
    const { stdout } = await runCli(['lookup', 'evilupdate.top'], { THREATCROWD_URL: sim.url });
    expect(stdout).toContain('Domain evilupdate[.]top — most users voted malicious');
    expect(stdout).toContain('45.77.12[.]34');
    expect(stdout).not.toMatch(/evilupdate\.top/);
  });

  it('GIVEN a bad value THEN one clear line, a non-zero exit and no upstream request', async () => {
    const sim = await useSimulator();
    const { code, stderr } = await runCli(['lookup', 'aoldaily.com', 'not_a_thing'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe('error: "not_a_thing" is not a domain, IP address, e-mail address or file hash.');
    expect(sim.requests).toHaveLength(0);
  });

  it('GIVEN a private IP THEN it is refused without asking upstream', async () => {
    const sim = await useSimulator();
    const { code, stderr } = await runCli(['lookup', '10.1.2.3'], { THREATCROWD_URL: sim.url });
    expect(code).toBe(1);
    expect(stderr).toContain('10.1.2[.]3 is a private address; it is never sent to ThreatCrowd or any other source.');
    expect(sim.requests).toHaveLength(0);
  });

  it('GIVEN an upstream that keeps failing THEN one line names the problem and the exit is non-zero', async () => {
    const sim = await useSimulator({ faults: [{ kind: 'http-503' }] });
    const { code, stderr } = await runCli(['lookup', 'aoldaily.com'], { THREATCROWD_URL: sim.url, THREATCROWD_RETRIES: '1' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`upstream error: ThreatCrowd answered HTTP 503: GET ${sim.url}/searchApi/v2/domain/report/`);
    expect(sim.requests).toHaveLength(2);
  });

  it('GIVEN a malformed THREATCROWD_URL THEN a configuration error is printed, no stack trace', async () => {
    const { code, stderr } = await runCli(['lookup', 'aoldaily.com'], { THREATCROWD_URL: 'nope' });
    expect(code).toBe(1);
    expect(stderr).toContain('THREATCROWD_URL: Invalid URL');
    expect(stderr).not.toContain('    at ');
  });

  it('GIVEN the real process THEN --help works and a lookup exits 0', { timeout: processTestTimeout(2) }, async () => {
    const sim = await useSimulator();
    const help = await spawnCli(['--help']);
    expect(help.stdout).toContain('lookup');
    const run = await spawnCli(['lookup', 'william19770319@yahoo.com', '-f', 'json'], { THREATCROWD_URL: sim.url });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).domains).toContain('aoldaily.com');
  });
});

describe('threatcrowd-bot detect', () => {
  it('GIVEN text on stdin THEN a JSON array of indicators; with --all the skipped ones with reasons', {
    timeout: processTestTimeout(2),
  }, async () => {
    const input = 'seen evil[.]com from 10.0.0.5 and main.py';
    const plain = await spawnCli(['detect'], {}, input);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual([{ type: 'domain', value: 'evil.com', defanged: true }]);
    const all = await spawnCli(['detect', '--all'], {}, input);
    expect(JSON.parse(all.stdout)).toContainEqual({ type: 'ipv4', value: '10.0.0.5', defanged: false, reason: 'private-ip' });
  });
});
