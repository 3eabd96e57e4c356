/** When the only provider that supports a lookup is down, the answer says so, and why no other source was asked. */
import { describe, expect, it } from 'vitest';
import { createTestBot } from '../support/test-bot.js';

describe('honest "no source"', () => {
  it.each([
    ['william19770319[@]yahoo[.]com', 'AlienVault OTX does not look up e-mail addresses'],
    ['av plugx', 'AlienVault OTX does not look up malware families'],
  ])('GIVEN ThreatCrowd down and %s THEN the error names both the failure and what OTX cannot do', async (command, cannot) => {
    const t = await createTestBot({ PROVIDERS: 'threatcrowd,otx' });
    t.sim.addFault({ kind: 'reset', times: 10 });
    const [reply] = await t.command(command);
    expect(reply?.kind).toBe('error');
    const text = reply?.kind === 'error' ? reply.text : '';
    expect(text).toMatch(/^ThreatCrowd is unreachable for .+; /);
    expect(text).toContain(`; ${cannot}; no cached answer to fall back on.`);
    expect(t.sim.requests.every((r) => !r.endpoint?.startsWith('otx'))).toBe(true);
  });

  it('GIVEN ThreatCrowd down and a domain THEN OTX answers, with no such sentence', async () => {
    const t = await createTestBot({ PROVIDERS: 'threatcrowd,otx' });
    t.sim.addFault({ kind: 'http-503', path: '/searchApi', times: 10 });
    const [reply] = await t.command('aoldaily[.]com');
    expect(reply?.kind === 'summary' && reply.summary.source).toBe('AlienVault OTX simulator');
  });

  it('GIVEN only ThreatCrowd configured and down THEN the error is the failure alone', async () => {
    const t = await createTestBot({ PROVIDERS: 'threatcrowd' });
    t.sim.addFault({ kind: 'http-503', times: 10 });
    const [reply] = await t.command('william19770319[@]yahoo[.]com');
    expect(reply?.kind === 'error' && reply.text).toBe(
      'ThreatCrowd answered with an error (HTTP 503) for william19770319[@]yahoo[.]com; no cached answer to fall back on. Try again later.',
    );
  });
});
