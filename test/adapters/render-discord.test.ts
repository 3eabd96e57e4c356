import { describe, expect, it } from 'vitest';
import { escapeDiscord } from '../../adapters/discord/message.js';
import { renderDiscord } from '../../adapters/discord/render.js';
import type { Reply } from '../../src/core/reply.js';
import type { Summary } from '../../src/summary/summary.js';
import { expectDiscordWithinLimits as expectWithinLimits, TRUSTED_LINK } from '../support/output-checks.js';
import { fixtureSummaries, hostileSummary } from '../support/summaries.js';

const summaryReply = (summary: Summary): Reply => ({
  kind: 'summary',
  visibility: 'public',
  summary,
  target: { type: summary.type, value: summary.value },
  votable: true,
});

describe('Discord rendering', () => {
  it.each(fixtureSummaries())('GIVEN the %s answer THEN an embed within limits that pings nobody', (_file, summary) => {
    expectWithinLimits(renderDiscord(summaryReply(summary)));
  });

  it('GIVEN hostile strings and 10,000 subdomains THEN mentions are broken, markdown escaped, limits hold', () => {
    const message = renderDiscord(summaryReply(hostileSummary()));
    expectWithinLimits(message);
    const text = JSON.stringify(message);
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@&\d|<#\d/);
    expect(message.embeds[0]?.url).toMatch(TRUSTED_LINK);
    expect(JSON.stringify({ ...message, embeds: message.embeds.map((e) => ({ ...e, url: '' })) })).not.toMatch(/evil\.com|evilupdate\.top/);
    expect(message.embeds[0]?.color).toBe(0xd93f0b);
    expect(message.components[0]?.components.map((c) => c.custom_id)).toEqual([
      'vote-malicious',
      'vote-safe',
      'watch',
      'graph:domain:evil[.]com',
    ]);
  });

  it('escapes markdown and mentions in free text', () => {
    expect(escapeDiscord('**x** @everyone <@123>')).toBe('\\*\\*x\\*\\* @\u200beveryone <\u200b@\u200b123\\>');
  });

  it('GIVEN an error THEN an ephemeral message with the usage in a code block', () => {
    const message = renderDiscord({ kind: 'error', visibility: 'ephemeral', text: 'bad @here', usage: '/threatcrowd help' });
    expect(message.flags).toBe(64);
    expect(message.content).toContain('@\u200bhere');
    expect(message.content).toContain('```\n/threatcrowd help\n```');
  });
});
