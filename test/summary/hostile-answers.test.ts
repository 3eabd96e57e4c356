/**
 * Hostile upstream answers (fixtures/threatcrowd/hostile, fixtures/otx/*-otx-hostile.top-*), looked up through
 * the whole bot against the simulator and rendered for Slack, Discord and the terminal.
 */
import { describe, expect, it } from 'vitest';
import { renderReplyText } from '../../adapters/console/render.js';
import { renderDiscord } from '../../adapters/discord/render.js';
import type { SlackMessage } from '../../adapters/slack/message.js';
import { renderSlack } from '../../adapters/slack/render.js';
import type { Reply } from '../../src/core/reply.js';
import type { Summary } from '../../src/summary/summary.js';
import { cpuTimeOf } from '../support/cpu-time.js';
import {
  discordTexts,
  ESCAPE_OR_BIDI,
  expectDiscordWithinLimits,
  expectSlackWithinLimits,
  liveIndicators,
  slackTexts,
  TRUSTED_LINK,
} from '../support/output-checks.js';
import { createTestBot } from '../support/test-bot.js';

const HOSTILE_LOOKUPS: Array<[string, string, string]> = [
  ['threatcrowd', 'markup, mentions, escapes and a foreign permalink', 'hostile-markup[.]top'],
  ['threatcrowd', '10,000 subdomains', 'hostile-huge[.]top'],
  ['threatcrowd', 'an IP report with broken names and a javascript: permalink', '45.77.12[.]35'],
  ['threatcrowd', 'a file report whose hashes are URLs and mentions', 'file 0123456789abcdef0123456789abcdef'],
  ['threatcrowd', 'a malware family with hostile hashes', 'av hostile'],
  ['otx', 'long, URL-bearing validation names and hostile passive DNS', 'otx-hostile[.]top'],
];

async function summaryFor(provider: string, command: string): Promise<Reply & { kind: 'summary' }> {
  const t = await createTestBot({ PROVIDERS: provider });
  const [reply] = await t.command(command);
  if (reply?.kind !== 'summary') throw new Error(`expected a summary, got ${JSON.stringify(reply)}`);
  expect(reply.summary.found).toBe(true);
  return reply;
}

/** Slack mrkdwn with the bot's own `<template|label>` links taken out; fails on any other link. */
function slackWithoutTrustedLinks(message: SlackMessage): string {
  const text = slackTexts(message).join('\n');
  for (const [, url] of text.matchAll(/<([^<>|]*)\|[^<>]*>/g)) expect(url).toMatch(TRUSTED_LINK);
  return text.replace(/<[^<>|]*\|[^<>]*>/g, ' ');
}

/** Discord text as a reader sees it: markdown escapes and zero-width breaks removed. */
const discordVisible = (text: string) => text.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');

describe('hostile answers', () => {
  it.each(HOSTILE_LOOKUPS)(
    'GIVEN %s answering with %s THEN Slack gets Block Kit within limits, nothing live, nobody pinged',
    async (provider, _what, command) => {
      const reply = await summaryFor(provider, command);
      const message = renderSlack(reply) as SlackMessage;
      expectSlackWithinLimits(message);
      const text = slackWithoutTrustedLinks(message);
      expect(text).not.toMatch(/<[!@#]|<https?:|<mailto:|https?:\/\//i);
      expect(liveIndicators(text)).toEqual([]);
      expect(text).not.toMatch(ESCAPE_OR_BIDI);
    },
  );

  it.each(HOSTILE_LOOKUPS)(
    "GIVEN %s answering with %s THEN Discord gets an embed within limits, only the bot's link, nobody pinged",
    async (provider, _what, command) => {
      const reply = await summaryFor(provider, command);
      const message = renderDiscord(reply);
      expectDiscordWithinLimits(message);
      const { texts, urls } = discordTexts(message);
      for (const url of urls) expect(url).toMatch(TRUSTED_LINK);
      const raw = texts.join('\n');
      expect(raw).not.toMatch(/@everyone|@here|<@|<#|https?:\/\//);
      expect(raw.replace(/`[^`]*`/g, '')).not.toMatch(/\]\(/); // a masked link outside code spans
      expect(liveIndicators(discordVisible(raw))).toEqual([]);
      expect(raw.replace(/\u200b/g, '')).not.toMatch(ESCAPE_OR_BIDI);
    },
  );

  it.each(HOSTILE_LOOKUPS)(
    'GIVEN %s answering with %s THEN the terminal gets no escape sequence and no live indicator',
    async (provider, _what, command) => {
      const text = renderReplyText(await summaryFor(provider, command));
      expect(text).not.toMatch(ESCAPE_OR_BIDI);
      expect(text).not.toMatch(/https?:\/\//);
      expect(liveIndicators(text)).toEqual([]);
    },
  );

  it('GIVEN an OTX answer with 31 long validation names THEN the verdict names three, counts the rest, and stays short', async () => {
    const { summary } = await summaryFor('otx', 'otx-hostile[.]top');
    expect(summary.verdict.text).toMatch(/^OTX: Whitelisted by hxxps:\/\/evil-0\[\.\]/);
    expect(liveIndicators(summary.verdict.text)).toEqual([]);
    expect(summary.verdict.text).toMatch(/\+29 more$/);
    expect(summary.verdict.text.length).toBeLessThan(300);
  });

  it("GIVEN a foreign permalink in the answer THEN the page link is the bot's own ThreatCrowd template", async () => {
    const { summary } = await summaryFor('threatcrowd', 'hostile-markup[.]top');
    expect(summary.permalink).toBe('https://www.threatcrowd.org/domain.php?domain=hostile-markup.top');
    expect(renderDiscord({ ...(await summaryFor('threatcrowd', '45.77.12[.]35')) }).embeds[0]?.url).toBe(
      'https://www.threatcrowd.org/ip.php?ip=45.77.12.35',
    );
  });

  it('GIVEN names with line breaks or markup inside THEN they are dropped, never repaired into another name', async () => {
    const { summary } = await summaryFor('threatcrowd', 'hostile-markup[.]top');
    const subdomains = summary.sections.find((s) => s.title === 'Subdomains');
    expect(subdomains?.total).toBe(3); // _it_, ok and deep.evil.com: everything else (markup, breaks, zero-width) is not a name
    const all = summary.sections.flatMap((s) => s.items).join(' ');
    expect(all).not.toMatch(/linebreak|breakhostile/);
    const ip = await summaryFor('threatcrowd', '45.77.12[.]35');
    expect(ip.summary.sections.find((s) => s.title === 'Resolutions')?.items.join(' ')).not.toMatch(/linebreak|U1/);
  });

  it('GIVEN 10,000 subdomains THEN five are shown and the rest counted', async () => {
    const message = renderSlack(await summaryFor('threatcrowd', 'hostile-huge[.]top')) as SlackMessage;
    expect(slackTexts(message).join('\n')).toContain('+9995 more');
  });

  it('GIVEN megabyte-long strings in an answer THEN the summary is built and rendered promptly (work is linear)', async () => {
    const t = await createTestBot({ PROVIDERS: 'threatcrowd' });
    const long = ['x'.repeat(2_000_000), '@'.repeat(1_000_000), 'a.'.repeat(500_000), `https://${'b.'.repeat(300_000)}com`];
    const [x, at, dots, url] = long;
    t.sim.setAnswer(
      'domain',
      'long-strings.top',
      JSON.stringify({ response_code: '1', references: [x, url], scans: [at], subdomains: [dots] }),
    );
    const { cpuMs } = await cpuTimeOf(async () => {
      const replies = await t.command('long-strings[.]top');
      const reply = replies.find((r) => r.kind === 'summary');
      if (reply?.kind !== 'summary') throw new Error(`expected a summary, got ${JSON.stringify(replies).slice(0, 300)}`);
      expectSlackWithinLimits(renderSlack(reply) as SlackMessage);
      expectDiscordWithinLimits(renderDiscord(reply));
    });
    // CPU time (the simulator serving the answer included), not wall time, which load stretches: a quadratic step
    // would take minutes here; linear work takes a few hundred milliseconds.
    expect(cpuMs).toBeLessThan(5000);
  });

  it('GIVEN an item a renderer must cut THEN the cut never leaves a live name (`….comevil[.]org` cut to `….co`)', () => {
    const item = `${'a'.repeat(96)}.comevil[.]org`;
    const summary: Summary = {
      type: 'domain',
      value: 'x.top',
      display: `${'b'.repeat(140)}.comevil[.]org`,
      found: true,
      verdict: { tone: 'none', text: 'no votes' },
      flags: [],
      facts: [],
      sections: [{ title: 'Subdomains', items: [item], total: 1 }],
      permalink: null,
      source: 'ThreatCrowd',
      freshness: null,
      stale: false,
      team: null,
    };
    const reply: Reply = { kind: 'summary', visibility: 'public', summary, target: { type: 'domain', value: 'x.top' }, votable: false };
    const slack = slackWithoutTrustedLinks(renderSlack(reply) as SlackMessage);
    const discord = discordVisible(discordTexts(renderDiscord(reply)).texts.join('\n'));
    for (const text of [slack, discord]) {
      expect(text).toContain('…');
      expect(liveIndicators(text)).toEqual([]);
    }
  });
});
