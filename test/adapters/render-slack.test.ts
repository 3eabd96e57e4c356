import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../adapters/slack/message.js';
import { renderSlack } from '../../adapters/slack/render.js';
import type { Reply } from '../../src/core/reply.js';
import type { Summary } from '../../src/summary/summary.js';
import { slackTexts as allText, expectSlackWithinLimits as expectWithinLimits, TRUSTED_LINK } from '../support/output-checks.js';
import { fixtureSummaries, hostileSummary } from '../support/summaries.js';

const summaryReply = (summary: Summary, votable = true): Reply => ({
  kind: 'summary',
  visibility: 'public',
  summary,
  target: { type: summary.type, value: summary.value },
  votable,
});

describe('Slack rendering', () => {
  it.each(fixtureSummaries())('GIVEN the %s answer THEN Block Kit within limits, with a fallback text', (_file, summary) => {
    const message = renderSlack(summaryReply(summary)) as SlackMessage;
    expectWithinLimits(message);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('GIVEN hostile strings and 10,000 subdomains THEN nothing can ping, link or break out, and limits hold', () => {
    const message = renderSlack(summaryReply(hostileSummary())) as SlackMessage;
    expectWithinLimits(message);
    const mrkdwn = allText(message).join('\n');
    expect(mrkdwn).not.toMatch(/<!channel>|<!here>|<@U|<@\d|<#C/);
    expect(mrkdwn).toContain('&lt;!channel&gt;');
    // The only `<…|…>` link is the bot's own page template, whatever permalink the answer carried.
    const links = [...mrkdwn.matchAll(/<([^<>|]*)\|[^<>]*>/g)].map((m) => m[1]);
    expect(links).toEqual(['https://www.threatcrowd.org/domain.php?domain=evil.com']);
    for (const link of links) expect(link).toMatch(TRUSTED_LINK);
    expect(mrkdwn).toMatch(/\+9996 more/);
    expect(mrkdwn.replace(/<[^<>|]*\|[^<>]*>/g, '')).not.toMatch(/evil\.com|evilupdate\.top/);
  });

  it('GIVEN a votable summary THEN Malicious, Not malicious, Watch and Graph buttons; a family gets only Graph', () => {
    const [, summary] = fixtureSummaries().find(([f]) => f.startsWith('domain-aoldaily.com.json')) ?? [];
    const message = renderSlack(summaryReply(summary as Summary)) as SlackMessage;
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((e) => e.action_id)).toEqual([
      'vote-malicious',
      'vote-safe',
      'watch',
      'graph',
    ]);
    expect(actions?.type === 'actions' && actions.elements[3]).toMatchObject({ value: 'domain:aoldaily[.]com' });
    const [, family] = fixtureSummaries().find(([f]) => f.startsWith('antivirus')) ?? [];
    const familyActions = (renderSlack(summaryReply(family as Summary, false)) as SlackMessage).blocks.find((b) => b.type === 'actions');
    expect(familyActions?.type === 'actions' && familyActions.elements.map((e) => e.action_id)).toEqual(['graph']);
  });

  it('GIVEN a user error with a usage line THEN the text is escaped and the usage shown as code', () => {
    const message = renderSlack({
      kind: 'error',
      visibility: 'ephemeral',
      text: '"<!channel>" is not a domain',
      usage: '/threatcrowd <indicator>',
    }) as SlackMessage;
    expect(message.text).toBe('"&lt;!channel&gt;" is not a domain');
    expect(allText(message).join('\n')).toContain('```/threatcrowd &lt;indicator&gt;```');
  });

  it('GIVEN a long notice THEN it is split into sections that join back to the whole text', () => {
    const text = 'word '.repeat(1500);
    const message = renderSlack({ kind: 'notice', visibility: 'public', text }) as SlackMessage;
    expect(message.blocks.length).toBeGreaterThan(1);
    expect(message.blocks.map((b) => (b.type === 'section' ? b.text?.text : '')).join('')).toBe(text);
  });
});
