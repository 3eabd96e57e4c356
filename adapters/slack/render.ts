/**
 * Replies as Slack messages: Block Kit with a plain-text fallback, within Slack's limits (50 blocks,
 * 3,000 characters per section text, 10 fields of 2,000, the whole message well under 12,000).
 * Every untrusted string is escaped for mrkdwn (`& < >`), which also defuses `<!channel>` and `<@U…>`.
 */
import type { Reply, Visibility } from '../../src/core/reply.js';
import { formatAge } from '../../src/summary/age.js';
import { ago, queueNotice, SHARE_LABEL, shareOfferLine, teamLine, viaLine } from '../../src/summary/describe.js';
import type { PivotMenu } from '../../src/summary/pivot-menu.js';
import { boundSafe } from '../../src/summary/safe-text.js';
import { fitLines, splitText, truncate } from '../../src/summary/split-text.js';
import { type Summary, TYPE_LABELS } from '../../src/summary/summary.js';
import { watchUsageLine } from '../../src/watch/watch-usage-line.js';
import { withGraphButton } from './graph-buttons.js';
import { pivotSelectBlock, type SlackSelectBlock } from './pivot-select.js';

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, fields: 10, fieldText: 2000, headerText: 150, message: 12_000 } as const;
const ITEM_MAX = 120;
/** Longest untrusted text put in one mrkdwn string: escaping may grow it fivefold (`&` → `&amp;`), still under 3,000. */
const LINE_MAX = 500;

type Text = { type: 'mrkdwn' | 'plain_text'; text: string; emoji?: boolean };
export type SlackBlock =
  | { type: 'header'; text: Text }
  | { type: 'section'; text?: Text; fields?: Text[] }
  | { type: 'context'; elements: Text[] }
  | {
      type: 'actions';
      block_id?: string;
      elements: Array<{ type: 'button'; text: Text; action_id: string; value: string; style?: 'danger' | 'primary' }>;
    }
  | SlackSelectBlock
  | { type: 'divider' };

export interface SlackMessage {
  /** Fallback for notifications and clients without blocks. */
  readonly text: string;
  readonly blocks: SlackBlock[];
}

/** Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so no mention or link can be formed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An untrusted value as inline code: formatting characters inert, back-ticks and new lines neutralised. */
function code(value: string): string {
  return `\`${escapeMrkdwn(boundSafe(value.replace(/`/g, 'ˋ').replace(/[\r\n]+/g, ' '), ITEM_MAX))}\``;
}

const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text });
const plain = (text: string): Text => ({ type: 'plain_text', text, emoji: true });
const VERDICT_ICON = { malicious: '🔴', split: '🟠', safe: '🟢', none: '⚪', unknown: '⚪' } as const;

/** The provider's page as a link (the summary's permalink is built by the bot from its own templates, never taken from an answer). */
function permalinkMrkdwn(url: string | null, source: string): string | null {
  if (!url) return null;
  return `<${url.replace(/&/g, '&amp;')}|${escapeMrkdwn(source)} page>`;
}

/** Sections of at most 3,000 characters holding `text` (which is already mrkdwn). */
function sections(text: string): SlackBlock[] {
  return splitText(text, SLACK_LIMITS.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
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

function summaryFallback(summary: Summary): string {
  return escapeMrkdwn(
    boundSafe(
      `${TYPE_LABELS[summary.type]} ${summary.display}: ${summary.verdict.text}${summary.team ? ` (${teamLine(summary.team)})` : ''}`,
      LINE_MAX,
    ),
  );
}

export const SHARE_ACTION = 'share-lookup';

/** "Only you can see this answer" and the button that posts it to the message's thread (the button says which message). */
function shareOffer(ts: string, threadTs: string | undefined, count: number): SlackMessage {
  const line = shareOfferLine(count);
  return {
    text: line,
    blocks: [
      { type: 'section', text: mrkdwn(line) },
      {
        type: 'actions',
        block_id: 'share',
        elements: [
          { type: 'button', text: plain(SHARE_LABEL), action_id: SHARE_ACTION, value: JSON.stringify({ ts, thread: threadTs ?? ts }) },
        ],
      },
    ],
  };
}

function textMessage(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return { text: truncate(escaped, 3000), blocks: sections(escaped) };
}

/** Action id of a bulk's Cancel button (its value is the bulk's id). */
export const BULK_CANCEL_ACTION = 'bulk-cancel';

/** A bulk's progress, with a Cancel button while it runs. */
function bulkProgressMessage(text: string, cancellable: string | null): SlackMessage {
  const message = textMessage(text);
  if (!cancellable) return message;
  const button = {
    type: 'button' as const,
    text: plain('Cancel'),
    action_id: BULK_CANCEL_ACTION,
    value: cancellable,
    style: 'danger' as const,
  };
  return { text: message.text, blocks: [...message.blocks, { type: 'actions', elements: [button] }] };
}

/** The Slack message for a reply (reveal replies become a 🔎 reaction, not a message: null). */
export function renderSlack(reply: Reply): SlackMessage | null {
  switch (reply.kind) {
    case 'summary':
      return { text: summaryFallback(reply.summary), blocks: summaryBlocks(reply.summary, reply.votable, reply) };
    case 'summary-update':
      return { text: summaryFallback(reply.summary), blocks: summaryBlocks(reply.summary, true, reply) };
    case 'share-offer':
      return shareOffer(reply.targetMessageId, reply.targetThreadId, reply.count);
    case 'pending':
      return textMessage(queueNotice(reply.targets.length, reply.position, reply.waitMs));
    case 'vote-result':
    case 'notice':
      return textMessage(reply.text);
    case 'reveal':
    case 'file': // uploaded, not posted (SlackDelivery.post)
    case 'bulk': // started by the adapter, which posts its progress message
      return null;
    case 'bulk-progress':
      return bulkProgressMessage(reply.text, reply.running ? reply.bulkId : null);
    case 'bulk-form':
      return textMessage(`${reply.text}\n${reply.usage}`);
    case 'error': {
      const usage = reply.usage ? `\n\`\`\`${escapeMrkdwn(reply.usage)}\`\`\`` : '';
      return {
        text: truncate(escapeMrkdwn(reply.text), SLACK_LIMITS.sectionText),
        blocks: sections(`:warning: ${escapeMrkdwn(reply.text)}${usage}`),
      };
    }
    case 'help': {
      const lines = reply.commands.map((c) => `\`${escapeMrkdwn(c.usage)}\`\n${escapeMrkdwn(c.summary)}`);
      const footer = 'I also answer indicators posted in channels I am in, in a thread. React 👎 or 👍 on a summary to vote.';
      return {
        text: 'threatcrowd-bot help',
        blocks: [
          { type: 'header', text: plain('threatcrowd-bot') },
          ...sections(lines.join('\n\n')),
          { type: 'context', elements: [mrkdwn(footer)] },
        ],
      };
    }
    case 'status': {
      const s = reply.status;
      const fields = [
        `*Queue*\n${s.queueDepth} waiting`,
        `*Cache*\n${(s.cacheHitRatio * 100).toFixed(0)}% hits (${s.cacheHits}/${s.cacheHits + s.cacheMisses})`,
        ...s.upstream.map(
          (u) =>
            `*${escapeMrkdwn(u.name)}*\n${escapeMrkdwn(u.state)}; ok ${ago(s.now, u.lastSuccessAt)}, failed ${ago(s.now, u.lastFailureAt)}`,
        ),
        `*Votes waiting*\n${s.pendingVotes}`,
        ...(s.watchlist ? [`*Watchlist*\n${escapeMrkdwn(watchUsageLine(s.watchlist))}`] : []),
        `*Uptime*\n${formatAge(s.uptimeMs)}`,
      ];
      return { text: 'threatcrowd-bot status', blocks: [{ type: 'section', fields: fields.slice(0, SLACK_LIMITS.fields).map(mrkdwn) }] };
    }
  }
}
