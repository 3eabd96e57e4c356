/**
 * Internal values never reach any provider: private and reserved addresses (also inside IPv6 forms that carry
 * an IPv4), reserved names and IGNORE_DOMAINS, for every lookup type and however the value arrived.
 */
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { unfurlCommand } from '../../adapters/slack/unfurl-links.js';
import { ipSkipReason } from '../../src/indicators/ip.js';
import { runCli } from '../support/cli.js';
import { useSimulator } from '../support/simulator.js';
import { createTestBot, kinds } from '../support/test-bot.js';

const INTERNAL = 'corp.example.com';
const env = { PROVIDERS: 'threatcrowd,otx', IGNORE_DOMAINS: INTERNAL };

describe('never sent upstream', () => {
  it.each([
    ['av secret-db.corp.example.com', 'is on the list of internal domains'],
    ['antivirus 10.20.30.40', 'is a private address'],
    ['av printer.local', 'is a reserved name'],
    ['av 192.168.1.0/24', 'is a private address'],
    ['domain secret-db.corp.example.com', 'is on the list of internal domains'],
    ['email alice@corp.example.com', 'is on the list of internal domains'],
    ['ip 10.20.30.40', 'is a private address'],
    ['64:ff9b::10.0.0.1', 'is a private address'],
    ['64:ff9b:1::a00:1', 'is a private address'],
    ['2002:c0a8:101::1', 'is a private address'],
    ['::ffff:0:10.0.0.1', 'is a private address'],
    ['::10.0.0.1', 'is a private address'],
    ['ip 2001:0:4136:e378:8000:63bf:f5ff:fffe', 'is a private address'],
    ['vote malicious 10.0.0.1', 'is a private address'],
    ['SECRET-DB.Corp.Example.COM.', 'is on the list of internal domains'],
  ])('GIVEN /threatcrowd %s THEN a clear error and no request to ThreatCrowd or OTX', async (command, reason) => {
    const t = await createTestBot(env);
    const replies = await t.command(command);
    expect(kinds(replies)).toEqual(['error']);
    expect(replies[0]?.kind === 'error' && replies[0].text).toContain(reason);
    expect(t.sim.requests).toEqual([]);
  });

  it('GIVEN an unfurl of a ThreatCrowd link to an internal name THEN nothing is asked upstream', async () => {
    const t = await createTestBot(env);
    const text = unfurlCommand('https://www.threatcrowd.org/domain.php?domain=wiki.corp.example.com') ?? '';
    expect(kinds(await t.command(text))).toEqual(['error']);
    expect(t.sim.requests).toEqual([]);
  });

  it('GIVEN a lookup that skips the grammar (a cached target, a future path) THEN the provider chain still refuses it', async () => {
    const t = await createTestBot(env);
    await expect(t.services.lookups.lookup('antivirus', 'secret-db.corp.example.com', 'interactive')).rejects.toThrow(/internal domains/);
    await expect(t.services.lookups.lookup('ip', '64:ff9b::a00:1', 'interactive')).rejects.toThrow(/private address/);
    await expect(t.services.lookups.lookup('email', 'a@printer.local', 'interactive')).rejects.toThrow(/reserved name/);
    expect(t.sim.requests).toEqual([]);
  });

  it('GIVEN a vote on a summary whose value has since become internal THEN the vote is kept in-house, not forwarded', async () => {
    const t = await createTestBot(env);
    await t.bot.summaryPosted({ platform: 'console', channelId: 'C1' }, 'old-summary', { type: 'domain', value: 'wiki.corp.example.com' });
    await t.react('thumbsdown', 'old-summary');
    await t.votes.deliverDue();
    expect(await t.votes.tally({ type: 'domain', value: 'wiki.corp.example.com' })).toEqual({ malicious: 1, safe: 0 });
    expect(t.sim.votes).toEqual([]);
    expect(t.sim.requests).toEqual([]);
  });

  it('GIVEN `lookup --type antivirus` of an internal name or private address THEN exit 1 and no request', async () => {
    const sim = await useSimulator();
    for (const value of ['secret-db.corp.example.com', '10.20.30.40']) {
      const { code, stderr } = await runCli(['lookup', '--type', 'antivirus', value], {
        THREATCROWD_URL: sim.url,
        OTX_URL: sim.url,
        PROVIDERS: 'threatcrowd,otx',
        IGNORE_DOMAINS: INTERNAL,
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/never sent/);
    }
    expect(sim.requests).toEqual([]);
  });

  it('GIVEN a public family name or address THEN it is still looked up', async () => {
    const t = await createTestBot(env);
    expect(kinds(await t.command('av plugx'))).toEqual(['summary']);
    expect(kinds(await t.command('64:ff9b::808:808'))).toEqual(['summary']);
    expect(t.sim.requests.length).toBeGreaterThan(0);
  });

  it('every IPv6 form that carries a private IPv4 is judged by that IPv4', () => {
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
    );
    const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
    fc.assert(
      fc.property(privateV4, ([a, b, c, d]) => {
        const v4 = `${a}.${b}.${c}.${d}`;
        const teredoClient = `${hex(255 - a, 255 - b)}:${hex(255 - c, 255 - d)}`;
        for (const form of [
          `::ffff:${v4}`,
          `::ffff:0:${v4}`,
          `::${v4}`,
          `64:ff9b::${v4}`,
          `64:ff9b:1::${v4}`,
          `2002:${hex(a, b)}:${hex(c, d)}::1`,
          `2001:0:4136:e378:8000:63bf:${teredoClient}`,
        ]) {
          expect(ipSkipReason(ipaddr.IPv6.parse(form).toString()), form).not.toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});
