/**
 * A summary as Block Kit: header, verdict, facts, one section per list (the items that fit), the source line,
 * then the vote row (with Watch and Graph) and the pivot menu in its own block; and its plain-text fallback.
 */
import type { Visibility } from '../../src/core/reply.js';
import { teamLine, viaLine } from '../../src/summary/describe.js';
import type { PivotMenu } from '../../src/summary/pivot-menu.js';
import { boundSafe } from '../../src/summary/safe-text.js';
import { fitLines, truncate } from '../../src/summary/split-text.js';
import { type Summary, TYPE_LABELS } from '../../src/summary/summary.js';
import { withGraphButton } from './graph-buttons.js';
import { escapeMrkdwn, mrkdwn, plain, SLACK_LIMITS, type SlackBlock } from './message.js';
import { pivotSelectBlock } from './pivot-select.js';

const ITEM_MAX = 120;
/** Longest untrusted text put in one mrkdwn string: escaping may grow it fivefold (`&` → `&amp;`), still under 3,000. */
const LINE_MAX = 500;
const VERDICT_ICON = { malicious: '🔴', split: '🟠', safe: '🟢', none: '⚪', unknown: '⚪' } as const;

/** An untrusted value as inline code: formatting characters inert, back-ticks and new lines neutralised. */
function code(value: string): string {
  return `\`${escapeMrkdwn(boundSafe(value.replace(/`/g, 'ˋ').replace(/[\r\n]+/g, ' '), ITEM_MAX))}\``;
}

/** The provider's page as a link (the summary's permalink is built by the bot from its own templates, never taken from an answer). */
function permalinkMrkdwn(url: string | null, source: string): string | null {
  if (!url) return null;
  return `<${url.replace(/&/g, '&amp;')}|${escapeMrkdwn(source)} page>`;
}

/** What a summary message shows besides the summary: the pivot menu and the breadcrumb. */
export interface SummaryExtras {
  readonly pivots?: PivotMenu | null;
  readonly via?: string;
  /** A private answer is never offered as a picture for the channel (no Graph button). */
  readonly visibility?: Visibility;
}

export function summaryBlocks(summary: Summary, votable: boolean, extras: SummaryExtras = {}): SlackBlock[] {
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(boundSafe(`${TYPE_LABELS[summary.type]} ${summary.display}`, SLACK_LIMITS.headerText)) },
  ];
  if (extras.via) blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(boundSafe(viaLine(extras.via), LINE_MAX)))] });
  const flags = summary.flags
    .filter((f) => f !== summary.verdict.text)
    .map((f) => `  ·  ⚑ ${escapeMrkdwn(f)}`)
    .join('');
  const verdict = `${VERDICT_ICON[summary.verdict.tone]} *${escapeMrkdwn(boundSafe(summary.verdict.text, LINE_MAX))}*${flags}${summary.team ? `  ·  ${teamLine(summary.team)}` : ''}`;
  blocks.push({ type: 'section', text: mrkdwn(truncate(verdict, SLACK_LIMITS.sectionText)) });
  if (summary.facts.length > 0)
    blocks.push({
      type: 'section',
      fields: summary.facts.slice(0, SLACK_LIMITS.fields).map((f) => mrkdwn(`*${escapeMrkdwn(f.label)}*\n${code(f.value)}`)),
    });
  for (const s of summary.sections) {
    // One block per list, whatever the list holds: the items that fit, then "+N more".
    const title = `*${escapeMrkdwn(s.title)}* (${s.total})\n`;
    const list = fitLines(s.items.map(code), SLACK_LIMITS.sectionText - title.length, s.total - s.items.length);
    blocks.push({ type: 'section', text: mrkdwn(`${title}${list}`) });
  }
  const context = [
    `source: ${escapeMrkdwn(truncate(summary.source, 100))}`,
    summary.freshness ? escapeMrkdwn(truncate(summary.freshness, LINE_MAX)) : null,
    permalinkMrkdwn(summary.permalink, summary.source),
  ];
  blocks.push({ type: 'context', elements: [mrkdwn(truncate(context.filter(Boolean).join('  ·  '), SLACK_LIMITS.sectionText))] });
  if (votable) {
    const value = `${summary.type}:${summary.value}`.slice(0, 2000);
    blocks.push({
      type: 'actions',
      block_id: 'vote',
      elements: [
        { type: 'button', text: plain('👎 Malicious'), action_id: 'vote-malicious', value, style: 'danger' },
        { type: 'button', text: plain('👍 Not malicious'), action_id: 'vote-safe', value },
        { type: 'button', text: plain('🔔 Watch'), action_id: 'watch', value },
      ],
    });
  }
  if (extras.visibility !== 'ephemeral') withGraphButton(blocks, summary);
  // Its own block, after the buttons: the menu never crowds the vote row.
  const used = JSON.stringify(blocks).length;
  const select = extras.pivots ? pivotSelectBlock(extras.pivots, SLACK_LIMITS.message - 500 - used) : null;
  if (select) blocks.push(select);
  return blocks.slice(0, SLACK_LIMITS.blocks);
}

export function summaryFallback(summary: Summary): string {
  return escapeMrkdwn(
    boundSafe(
      `${TYPE_LABELS[summary.type]} ${summary.display}: ${summary.verdict.text}${summary.team ? ` (${teamLine(summary.team)})` : ''}`,
      LINE_MAX,
    ),
  );
}
