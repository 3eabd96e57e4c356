import { describe, expect, it } from 'vitest';
import { consoleBanner } from '../../adapters/console/banner.js';
import { defangLine } from '../../adapters/console/echo.js';
import { runCli } from '../support/cli.js';
import { useSimulator } from '../support/simulator.js';
import { createTestBot } from '../support/test-bot.js';

const consoleWith = async (lines: string[], env: Record<string, string> = {}) => {
  const sim = await useSimulator();
  const run = await runCli(
    ['console'],
    { THREATCROWD_URL: sim.url, FEEDS_REFRESH_SECONDS: '0', ...env },
    { input: `${lines.join('\n')}\n` },
  );
  return { ...run, sim };
};

describe('a console that explains itself', () => {
  it('GIVEN the banner THEN it says what to type, how to vote, how to reveal and how to leave', () => {
    const banner = consoleBanner();
    for (const part of ['/threatcrowd help', ':vote malicious', ':reveal', ':quit', 'Ctrl-D']) expect(banner).toContain(part);
  });

  it('GIVEN /threatcrowd help THEN the console verbs are listed and no reaction to make', async () => {
    const { stdout } = await consoleWith(['/threatcrowd help']);
    expect(stdout).toContain(':vote malicious | :vote safe');
    expect(stdout).toContain(':reveal');
    expect(stdout).toContain(':quit');
    expect(stdout).not.toMatch(/react (with )?👎/);
  });

  it('GIVEN reveal mode THEN the marked message says :reveal, and :reveal answers it', async () => {
    const { stdout, sim } = await consoleWith(['/threatcrowd channel reveal', 'we saw aoldaily[.]com', ':reveal']);
    expect(stdout).toContain('An indicator here: type :reveal to look it up.');
    expect(stdout).not.toContain('react with 🔎');
    expect(stdout).toMatch(/^Domain aoldaily\[\.\]com — /m);
    expect(sim.requests.map((r) => r.value)).toEqual(['aoldaily.com']);
  });

  it('GIVEN :reveal with nothing marked THEN it says what :reveal is for', async () => {
    const { stdout } = await consoleWith([':reveal']);
    expect(stdout).toContain('Nothing to reveal');
  });

  it('GIVEN piped input THEN each answer follows the line it answers, defanged', async () => {
    const { stdout } = await consoleWith(['hello there', 'beacons to aoldaily.com', '/threatcrowd av plugx']);
    const lines = stdout.split('\n');
    const echoed = lines.indexOf('> beacons to aoldaily[.]com');
    expect(echoed).toBeGreaterThanOrEqual(0);
    expect(lines[echoed + 1]).toMatch(/^Domain aoldaily\[\.\]com — /);
    expect(lines[lines.indexOf('> /threatcrowd av plugx') + 1]).toMatch(/^Antivirus family plugx — /);
    expect(stdout).not.toContain('> hello there'); // nothing answered it
    expect(stdout).not.toContain('aoldaily.com');
  });

  it('GIVEN "/threatcrowd lookup aoldaily.com" THEN it is a lookup', async () => {
    const { stdout } = await consoleWith(['/threatcrowd lookup aoldaily.com']);
    expect(stdout).toMatch(/^Domain aoldaily\[\.\]com — /m);
  });
});

describe('a dead ThreatCrowd host in chat', () => {
  it('GIVEN hosts that do not resolve THEN the person who asked is told why and what to run, once', async () => {
    const env = {
      THREATCROWD_URL: 'https://www.threatcrowd.invalid',
      OTX_URL: 'https://otx.alienvault.invalid',
      PROVIDERS: 'threatcrowd,otx',
    };
    const { stdout } = await runCli(
      ['console'],
      { ...env, FEEDS_REFRESH_SECONDS: '0' },
      { input: '/threatcrowd aoldaily.com\n/threatcrowd evil.com\n' },
    );
    expect(stdout.match(/public service is gone/g)).toHaveLength(1);
    expect(stdout).toContain('threatcrowd-bot simulate');
    expect(stdout).toMatch(/^error: .* for evil\[\.\]com; no cached answer to fall back on\. Try again later\.$/m);
  });
});

describe('runs do not haunt each other', () => {
  it('GIVEN two console sessions with the default store THEN the second answers the same indicator again and can vote', async () => {
    const sim = await useSimulator();
    const env = { THREATCROWD_URL: sim.url, FEEDS_REFRESH_SECONDS: '0', CACHE_URL: '' };
    for (let session = 0; session < 2; session++) {
      const { stdout } = await runCli(['console'], env, { input: 'seen 188.40.75[.]132\n:vote safe\n' });
      expect(stdout).toMatch(/^IP address 188\.40\.75\[\.\]132 — /m);
      expect(stdout).toContain('Your vote: 188.40.75[.]132 is not malicious.');
    }
  });

  it('GIVEN DEDUPE_WINDOW_SECONDS=0 THEN the same indicator is answered every time', async () => {
    const t = await createTestBot({ DEDUPE_WINDOW_SECONDS: '0' });
    expect(await t.say('seen aoldaily[.]com')).toHaveLength(1);
    expect(await t.say('seen aoldaily[.]com again')).toHaveLength(1);
  });
});

describe('the echo', () => {
  it('GIVEN indicators in a line THEN none is live in the echo', () => {
    expect(defangLine('see http://evil.com/a.php and bob@evil.com, 1.2.3.4')).toBe(
      'see hxxp://evil[.]com/a[.]php and bob[@]evil[.]com, 1[.]2[.]3[.]4',
    );
    expect(defangLine('already evil[.]com')).toBe('already evil[.]com');
  });
});
