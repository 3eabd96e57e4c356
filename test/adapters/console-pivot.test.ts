import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { useSimulator } from '../support/simulator.js';

describe('pivots in the console', () => {
  it('GIVEN a summary with related indicators THEN they are numbered, and :pivot N answers that one with the breadcrumb and its own list', async () => {
    const sim = await useSimulator();
    const lines = ['/threatcrowd evilupdate[.]top', ':pivot 2', ':pivot 99', ':pivot x'];
    const { stdout, code } = await runCli(
      ['console'],
      { THREATCROWD_URL: sim.url, FEEDS_REFRESH_SECONDS: '0', PROVIDERS: 'threatcrowd' },
      { input: `${lines.join('\n')}\n` },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('  Look up related (:pivot N):');
    expect(stdout).toMatch(/^ {4}Resolutions: 1\) 185\.220\.101\[\.\]7 {2}2\) 45\.77\.12\[\.\]34 {2}3\) /m);
    expect(stdout).toMatch(/^ {4}E-mails: 7\) admin\[@\]evilupdate\[\.\]top$/m);
    expect(stdout).not.toMatch(/channel|everyone|U024BE7LH|rm -rf/);
    expect(stdout).toMatch(/^via evilupdate\[\.\]top\nIP address 45\.77\.12\[\.\]34 — /m);
    // The pivot's own list: from the IP to the domains on it (a reserved name, old-host.example.com, is not offered).
    expect(stdout).toMatch(/^ {4}Resolutions: 1\) cdn\.evilupdate\[\.\]top {2}2\) evilupdate\[\.\]top$/m);
    expect(stdout).toContain('Nothing numbered that');
    expect(stdout).toContain('usage: :pivot N');
    expect(sim.requests.map((r) => r.value)).toEqual(['evilupdate.top', '45.77.12.34']);
  });
});
