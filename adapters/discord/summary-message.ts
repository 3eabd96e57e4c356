/**
 * A summary as a Discord message: one embed coloured by verdict (the lists that fit within the 6,000-character
 * budget), then the vote row (with Watch and Graph) and the pivot menu's own row.
 */
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { Reply } from '../../src/core/reply.js';
import { teamLine, viaLine } from '../../src/summary/describe.js';
import type { PivotMenu } from '../../src/summary/pivot-menu.js';
import { boundSafe } from '../../src/summary/safe-text.js';
import { fitLines, truncate } from '../../src/summary/split-text.js';
import { type Summary, TYPE_LABELS } from '../../src/summary/summary.js';
import { withGraphButton } from './graph-buttons.js';
import { DISCORD_LIMITS, type DiscordEmbed, type DiscordMessage, escapeDiscord, NO_MENTIONS } from './message.js';
import { pivotSelectRow } from './pivot-select.js';

const ITEM_MAX = 100;
const COLOURS = { malicious: 0xd93f0b, split: 0xfbca04, safe: 0x0e8a16, none: 0x95a5a6, unknown: 0x4f545c } as const;

/** An untrusted value as inline code (back-ticks neutralised, mentions broken). */
function code(value: string): string {
  return `\`${boundSafe(value.replace(/`/g, 'ˋ').replace(/[\r\n]+/g, ' '), ITEM_MAX).replace(/@/g, '@\u200b')}\``;
}

function embedSize(embed: DiscordEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function flagLines(summary: Summary): string {
  return summary.flags
    .filter((f) => f !== summary.verdict.text)
    .map((f) => `\n⚑ ${escapeDiscord(f)}`)
    .join('');
}

export function summaryEmbed(summary: Summary): DiscordEmbed {
  const fields = [
    ...summary.facts.map((f) => ({ name: f.label, value: code(f.value), inline: true })),
    ...summary.sections.map((s) => ({
      name: truncate(`${s.title} (${s.total})`, DISCORD_LIMITS.fieldName),
      // The items that fit, whole, then "+N more": never a code span cut open.
      value: fitLines(s.items.map(code), DISCORD_LIMITS.fieldValue, s.total - s.items.length),
      inline: false,
    })),
  ].slice(0, DISCORD_LIMITS.fields);
  const footer = [`source: ${summary.source}`, summary.freshness].filter(Boolean).join(' · ');
  const embed: DiscordEmbed = {
    title: truncate(`${TYPE_LABELS[summary.type]} ${escapeDiscord(boundSafe(summary.display, 110))}`, DISCORD_LIMITS.title),
    description: truncate(
      `**${escapeDiscord(boundSafe(summary.verdict.text, 1000))}**${flagLines(summary)}${summary.team ? `\n${teamLine(summary.team)}` : ''}`,
      DISCORD_LIMITS.description,
    ),
    color: COLOURS[summary.verdict.tone],
    fields,
    footer: { text: truncate(footer, DISCORD_LIMITS.footer) },
  };
  // The bot's own template link (see src/summary/permalink.ts): the only live link in a summary.
  if (summary.permalink) embed.url = summary.permalink;
  // Keep the whole embed inside the 6,000-character budget by dropping the last lists.
  while (embedSize(embed) > DISCORD_LIMITS.total - 200 && embed.fields && embed.fields.length > 0) embed.fields.pop();
  return embed;
}

/**
 * The vote buttons' row, then the pivot menu's own row. `graphOf`: the public summary offered as a picture
 * (a private answer is never drawn into the channel).
 */
function summaryComponents(votable: boolean, pivots: PivotMenu | null | undefined, graphOf: Summary | null): DiscordMessage['components'] {
  const select = pivots ? pivotSelectRow(pivots) : null;
  const buttons = votable ? voteButtons() : [];
  return [...(graphOf ? withGraphButton(buttons, graphOf) : buttons), ...(select ? [select] : [])];
}

function voteButtons(): DiscordMessage['components'] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Malicious', custom_id: 'vote-malicious', emoji: { name: '👎' } },
        { type: ComponentType.Button, style: ButtonStyle.Success, label: 'Not malicious', custom_id: 'vote-safe', emoji: { name: '👍' } },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Watch', custom_id: 'watch', emoji: { name: '🔔' } },
      ],
    },
  ];
}

/** A new summary: its breadcrumb (a pivot's), the embed, and its buttons and menu. */
export function summaryMessage(reply: Extract<Reply, { kind: 'summary' }>): DiscordMessage {
  const ephemeral = reply.visibility === 'ephemeral';
  return {
    ...(reply.via ? { content: truncate(escapeDiscord(viaLine(reply.via)), DISCORD_LIMITS.content) } : {}),
    embeds: [summaryEmbed(reply.summary)],
    components: summaryComponents(reply.votable, reply.pivots, ephemeral ? null : reply.summary),
    allowed_mentions: NO_MENTIONS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** A summary message edited with a new tally (always votable and public). */
export function summaryUpdateMessage(reply: Extract<Reply, { kind: 'summary-update' }>): DiscordMessage {
  return {
    ...(reply.via ? { content: truncate(escapeDiscord(viaLine(reply.via)), DISCORD_LIMITS.content) } : {}),
    embeds: [summaryEmbed(reply.summary)],
    components: summaryComponents(true, reply.pivots, reply.summary),
    allowed_mentions: NO_MENTIONS,
  };
}
