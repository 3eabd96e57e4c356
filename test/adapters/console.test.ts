import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli.js';
import { processTestTimeout } from '../support/process-limits.js';
import { useSimulator } from '../support/simulator.js';

describe('the console chat', () => {
  it('GIVEN a scripted conversation piped in THEN it answers each line, votes, and ends at end of input', {
    timeout: processTestTimeout(1),
  }, async () => {
    const sim = await useSimulator();
    const script = [
      'morning all, we saw beacons to aoldaily[.]com and 10.0.0.5 and main.py',
      '/threatcrowd av plugx',
      '/threatcrowd ip 188.40.75[.]132',
      ':vote malicious',
      ':vote malicious',
      '/threatcrowd frobnicate',
      '/threatcrowd status',
    ].join('\n');
    const run = await spawnCli(['console'], { THREATCROWD_URL: sim.url, THREATCROWD_INTERVAL_MS: '20' }, `${script}\n`);
    expect(run.code).toBe(0);
    // Answers only: each is preceded by the line it answers (`> …`), which holds what was typed.
    const out = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('> '))
      .join('\n');
    expect(run.stdout).toContain('> /threatcrowd ip 188[.]40[.]75[.]132');
    expect(out).toContain('Domain aoldaily[.]com — no ThreatCrowd votes');
    expect(out).not.toContain('10.0.0');
    expect(out).not.toMatch(/main(\[\.\]|\.)py/);
    expect(out).toContain('Antivirus family plugx — known to ThreatCrowd');
    expect(out).toContain('IP address 188.40.75[.]132');
    expect(out).toContain('Your vote: 188.40.75[.]132 is malicious. Team: 1 malicious, 0 not malicious.');
    expect(out).toContain('You already voted 188.40.75[.]132 malicious; nothing changed.');
    expect(out).toContain('error: I don\'t know the word "frobnicate"');
    expect(out).toContain('queue:');
    // The vote reached the simulator exactly once before the console ended.
    expect(sim.votes.map((v) => [v.value, v.vote])).toEqual([['188.40.75.132', '0']]);
  });
});
