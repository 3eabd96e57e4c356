import { describe, expect, it } from 'vitest';
import { renderSlack, SLACK_LIMITS, type SlackMessage } from '../../adapters/slack/render.js';
import type { Reply } from '../../src/bot/reply.js';
import type { Summary } from '../../src/summary/summary.js';
import { fixtureSummaries, hostileSummary } from '../support/summaries.js';

const summaryReply = (summary: Summary, votable = true): Reply => ({
  kind: 'summary',
  visibility: 'public',
  summary,
  target: { type: summary.type, value: summary.value },
  votable,
});

function allText(message: SlackMessage): string[] {
  const texts = [message.text];
  for (const block of message.blocks) {
    if ('text' in block && block.text) texts.push(block.text.text);
    if ('fields' in block && block.fields) texts.push(...block.fields.map((f) => f.text));
    if ('elements' in block)
      for (const e of block.elements) texts.push('text' in e && typeof e.text === 'object' ? e.text.text : (e as { text: string }).text);
  }
  return texts;
}

function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(JSON.stringify(message.blocks).length).toBeLessThan(SLACK_LIMITS.message);
  expect(message.text.length).toBeGreaterThan(0);
  for (const block of message.blocks) {
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block.type === 'section' && block.fields) {
      expect(block.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    }
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
  }
}

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
    // The only `<…|…>` link is a well-formed permalink; this one was malformed, so none.
    expect(mrkdwn).not.toMatch(/<https?:[^>]*\|/);
    expect(mrkdwn).toMatch(/\+10012 more/);
    expect(mrkdwn).not.toMatch(/evil\.com|evilupdate\.top/);
  });

  it('GIVEN a votable summary THEN Malicious and Not malicious buttons; a family gets none', () => {
    const [, summary] = fixtureSummaries().find(([f]) => f.startsWith('domain-aoldaily.com.json')) ?? [];
    const message = renderSlack(summaryReply(summary as Summary)) as SlackMessage;
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((e) => e.action_id)).toEqual(['vote-malicious', 'vote-safe']);
    const [, family] = fixtureSummaries().find(([f]) => f.startsWith('antivirus')) ?? [];
    expect((renderSlack(summaryReply(family as Summary, false)) as SlackMessage).blocks.some((b) => b.type === 'actions')).toBe(false);
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
