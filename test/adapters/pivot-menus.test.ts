/** The "Look up related…" menu as each platform renders it: within its limits whatever upstream sent. */
import { ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { DiscordSelectRow } from '../../adapters/discord/pivot-select.js';
import { renderDiscord } from '../../adapters/discord/render.js';
import type { SlackMessage } from '../../adapters/slack/message.js';
import type { SlackSelectBlock } from '../../adapters/slack/pivot-select.js';
import { renderSlack } from '../../adapters/slack/render.js';
import type { Reply } from '../../src/core/reply.js';
import { emptyReport, type Report } from '../../src/report/report.js';
import { buildSummary } from '../../src/summary/build-summary.js';
import { buildPivotMenu } from '../../src/summary/pivot-menu.js';
import { expectDiscordWithinLimits, expectSlackWithinLimits } from '../support/output-checks.js';

const label = (n: number, c: string) => c.repeat(n);
/** A valid name of `labels` labels of 60 characters: 2 make 125 characters, 4 make 247. */
const longName = (labels: number) => `${Array.from({ length: labels }, (_, i) => label(60, String.fromCharCode(97 + i))).join('.')}.top`;

function hostileReport(): Report {
  return {
    ...emptyReport('domain', 'hub.top', '2026-01-01T00:00:00Z'),
    found: true,
    resolutions: [
      { ip: '10.1.2.3', lastResolved: '2026-01-01' },
      { ip: '45.77.12.34', lastResolved: '2025-12-31' },
      { ip: '2001:db8::1', lastResolved: null },
      { ip: '2a00:1450:4001:81b::200e', lastResolved: '2025-01-01' },
    ],
    subdomains: [longName(4), longName(2), ...Array.from({ length: 10_000 }, (_, i) => `host-${i}.hub.top`)],
    hashes: Array.from({ length: 300 }, (_, i) => i.toString(16).padStart(32, '0')),
    emails: ['ops@evil.top', 'x@localhost'],
  };
}

function reply(report: Report): Reply & { kind: 'summary' } {
  return {
    kind: 'summary',
    visibility: 'public',
    summary: buildSummary(report),
    target: { type: report.type, value: report.value },
    votable: true,
    pivots: buildPivotMenu(report, []),
    via: 'aoldaily[.]com',
  };
}

const slackSelect = (m: SlackMessage) =>
  (m.blocks.find((b) => b.type === 'actions' && b.block_id?.startsWith('pivot')) as SlackSelectBlock | undefined)?.elements[0];
const discordSelect = (components: ReturnType<typeof renderDiscord>['components']) =>
  (components.find((row) => row.components[0]?.type === ComponentType.StringSelect) as DiscordSelectRow | undefined)?.components[0];

describe('the pivot menu in Slack', () => {
  it('GIVEN 10,000 related values THEN one static_select in its own block after the vote row, grouped, within every limit', () => {
    const message = renderSlack(reply(hostileReport())) as SlackMessage;
    expectSlackWithinLimits(message);
    const actions = message.blocks.filter((b) => b.type === 'actions');
    expect(actions.map((b) => b.block_id)).toEqual(['vote', 'pivot|d:hub.top']);
    const select = slackSelect(message);
    expect(select?.placeholder.text).toBe('Look up related…');
    expect(select?.option_groups.map((g) => g.label.text)).toEqual(['Resolutions', 'Subdomains', 'Hashes', 'E-mails']);
    const values = select?.option_groups.flatMap((g) => g.options.map((o) => o.value)) ?? [];
    expect(values).toContain('i:45.77.12.34');
    expect(values).toContain('i:2a00:1450:4001:81b::200e');
    expect(values.join(' ')).not.toMatch(/10\.1\.2\.3|2001:db8|localhost/);
    // Too long to carry whole in 150 characters: left out, never cut into another name.
    expect(values.some((v) => v.length > 150)).toBe(false);
    expect(values).toContain(`d:${longName(2)}`);
    expect(JSON.stringify(message.blocks)).toContain('via aoldaily[.]com');
  });

  it('GIVEN a summary without related values THEN no menu block', () => {
    const message = renderSlack(reply({ ...emptyReport('domain', 'lonely.top', '2026-01-01T00:00:00Z'), found: true })) as SlackMessage;
    expect(slackSelect(message)).toBeUndefined();
  });
});

describe('the pivot menu in Discord', () => {
  it('GIVEN 10,000 related values THEN 25 options in their own row, each kind represented, newest first, within every limit', () => {
    const message = renderDiscord(reply(hostileReport()));
    expectDiscordWithinLimits(message);
    expect(message.components.map((row) => row.components[0]?.type)).toEqual([ComponentType.Button, ComponentType.StringSelect]);
    const select = discordSelect(message.components);
    expect(select?.custom_id).toBe('pivot|d:hub.top');
    expect(select?.options).toHaveLength(25);
    expect(select?.options[0]).toEqual({
      label: '45.77.12[.]34',
      value: 'i:45.77.12.34',
      description: 'resolution · last resolved 2025-12-31',
    });
    const kinds = new Set(select?.options.map((o) => o.description?.split(' ')[0]));
    expect([...kinds]).toEqual(['resolution', 'subdomain', 'hash', 'e-mail']);
    expect(select?.options.some((o) => o.value.length > 100)).toBe(false);
    expect(message.content).toContain('via aoldaily\\[.\\]com');
  });

  it('GIVEN a menu whose source is too long for a custom id THEN the menu still works, without the breadcrumb', () => {
    const long = { ...hostileReport(), value: longName(2) };
    const select = discordSelect(renderDiscord(reply(long)).components);
    expect(select?.custom_id).toBe('pivot');
  });
});

describe('the breadcrumb through a tally edit', () => {
  it('GIVEN a pivot’s summary edited with a new tally THEN Slack and Discord show its breadcrumb again', () => {
    const { summary, target, pivots, via } = reply(hostileReport()) as Reply & { kind: 'summary' };
    const update: Reply = { kind: 'summary-update', visibility: 'public', messageId: '1.1', summary, target, pivots, via };
    expect(JSON.stringify((renderSlack(update) as SlackMessage).blocks)).toContain('via aoldaily[.]com');
    expect(renderDiscord(update).content).toContain('via aoldaily\\[.\\]com');
  });
});
