/**
 * Replies as Discord messages: embeds coloured by verdict and vote buttons, within Discord's limits
 * (description 4,096, 25 fields of 1,024, 6,000 characters across a message's embeds, 10 embeds).
 * Untrusted text is markdown-escaped and mentions are broken; every message also disables mentions.
 */
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { Reply, ReplyFile } from '../../src/core/reply.js';
import { formatAge } from '../../src/summary/age.js';
import { ago, queueNotice, revealLine, teamLine, viaLine } from '../../src/summary/describe.js';
import type { PivotMenu } from '../../src/summary/pivot-menu.js';
import { boundSafe } from '../../src/summary/safe-text.js';
import { fitLines, truncate } from '../../src/summary/split-text.js';
import { type Summary, TYPE_LABELS } from '../../src/summary/summary.js';
import { watchUsageLine } from '../../src/watch/watch-usage-line.js';
import { expandRow, withGraphButton } from './graph-buttons.js';
import { type DiscordSelectRow, pivotSelectRow } from './pivot-select.js';
import { shareOffer } from './share-offer.js';

export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
  embeds: 10,
  content: 2000,
} as const;
const ITEM_MAX = 100;
const COLOURS = { malicious: 0xd93f0b, split: 0xfbca04, safe: 0x0e8a16, none: 0x95a5a6, unknown: 0x4f545c } as const;

export interface DiscordEmbed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  image?: { url: string };
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components: Array<
    | {
        type: ComponentType.ActionRow;
        components: Array<{ type: ComponentType.Button; style: ButtonStyle; label: string; custom_id: string; emoji?: { name: string } }>;
      }
    | DiscordSelectRow
  >;
  /** Never ping anyone, whatever the text holds. */
  allowed_mentions: { parse: []; replied_user: false };
  /** Ephemeral: only the person who asked sees it (interaction replies). */
  flags?: MessageFlags.Ephemeral;
  /** Attachments sent with the message (a picture shown in its embed as `attachment://NAME`). */
  files?: Array<{ attachment: Buffer; name: string; description: string }>;
}

/** Escapes Discord markdown and breaks mentions (`@everyone`, `<@id>`, `<@&role>`, `<#channel>`) with a zero-width space. */
export function escapeDiscord(text: string): string {
  return text
    .replace(/[\\*_~`|>#[\]()-]/g, '\\$&')
    .replace(/@/g, '@\u200b')
    .replace(/</g, '<\u200b');
}

/** An untrusted value as inline code (back-ticks neutralised, mentions broken). */
function code(value: string): string {
  return `\`${boundSafe(value.replace(/`/g, 'ˋ').replace(/[\r\n]+/g, ' '), ITEM_MAX).replace(/@/g, '@\u200b')}\``;
}

const NO_MENTIONS = { parse: [] as [], replied_user: false as const };

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

/** The vote buttons' row, then the pivot menu's own row. */
/** `graphOf`: the public summary offered as a picture (a private answer is never drawn into the channel). */
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

function textMessage(text: string, ephemeral: boolean): DiscordMessage {
  return {
    content: truncate(escapeDiscord(text), DISCORD_LIMITS.content),
    embeds: [],
    components: [],
    allowed_mentions: NO_MENTIONS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** The Discord message for a reply. */
export function renderDiscord(reply: Reply): DiscordMessage {
  const ephemeral = reply.visibility === 'ephemeral';
  switch (reply.kind) {
    case 'summary':
      return {
        ...(reply.via ? { content: truncate(escapeDiscord(viaLine(reply.via)), DISCORD_LIMITS.content) } : {}),
        embeds: [summaryEmbed(reply.summary)],
        components: summaryComponents(reply.votable, reply.pivots, ephemeral ? null : reply.summary),
        allowed_mentions: NO_MENTIONS,
        ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      };
    case 'summary-update':
      return {
        embeds: [summaryEmbed(reply.summary)],
        components: summaryComponents(true, reply.pivots, reply.summary),
        allowed_mentions: NO_MENTIONS,
      };
    case 'share-offer':
      return shareOffer(reply.targetMessageId, reply.count);
    case 'pending':
      return textMessage(queueNotice(reply.targets.length, reply.position, reply.waitMs), ephemeral);
    case 'vote-result':
    case 'notice':
      return textMessage(reply.text, ephemeral);
    case 'reveal':
      return textMessage(revealLine(reply.count), ephemeral);
    case 'file':
      return fileMessage(reply.file);
    case 'bulk':
      return textMessage(`Looking up ${reply.plan.targets.length} values…`, false);
    case 'bulk-progress':
      return bulkProgressMessage(reply.text, reply.running ? reply.bulkId : null);
    case 'bulk-form':
      return textMessage(`⚠️ ${reply.text}\n${reply.usage}`, true);
    case 'error':
      return {
        ...textMessage(`⚠️ ${reply.text}`, true),
        ...(reply.usage
          ? {
              content: truncate(
                `⚠️ ${escapeDiscord(reply.text)}\n\`\`\`\n${reply.usage.replace(/`/g, 'ˋ')}\n\`\`\``,
                DISCORD_LIMITS.content,
              ),
            }
          : {}),
      };
    case 'help':
      return {
        embeds: [
          {
            title: 'threatcrowd-bot',
            description: truncate(
              reply.commands.map((c) => `\`${c.usage.replace(/`/g, 'ˋ')}\`\n${escapeDiscord(c.summary)}`).join('\n\n'),
              DISCORD_LIMITS.description,
            ),
            footer: { text: 'Indicators posted in channels are answered in a reply. React 👎 or 👍 on a summary to vote.' },
          },
        ],
        components: [],
        allowed_mentions: NO_MENTIONS,
        flags: MessageFlags.Ephemeral,
      };
    case 'status': {
      const s = reply.status;
      const fields = [
        { name: 'Queue', value: `${s.queueDepth} waiting`, inline: true },
        {
          name: 'Cache',
          value: `${(s.cacheHitRatio * 100).toFixed(0)}% hits (${s.cacheHits}/${s.cacheHits + s.cacheMisses})`,
          inline: true,
        },
        ...s.upstream.map((u) => ({
          name: u.name,
          value: `${u.state}; ok ${ago(s.now, u.lastSuccessAt)}, failed ${ago(s.now, u.lastFailureAt)}`,
          inline: false,
        })),
        { name: 'Votes waiting', value: String(s.pendingVotes), inline: true },
        ...(s.watchlist ? [{ name: 'Watchlist', value: escapeDiscord(watchUsageLine(s.watchlist)), inline: false }] : []),
        { name: 'Uptime', value: formatAge(s.uptimeMs), inline: true },
      ];
      return {
        embeds: [{ title: 'threatcrowd-bot status', fields }],
        components: [],
        allowed_mentions: NO_MENTIONS,
        flags: MessageFlags.Ephemeral,
      };
    }
  }
}

/** Custom id prefix of a bulk's Cancel button (`bulk-cancel:ID`). */
export const BULK_CANCEL_PREFIX = 'bulk-cancel:';

/** A bulk's progress, with a Cancel button while it runs. */
function bulkProgressMessage(text: string, cancellable: string | null): DiscordMessage {
  const message = textMessage(text, false);
  if (!cancellable) return message;
  const button = {
    type: ComponentType.Button as const,
    style: ButtonStyle.Danger,
    label: 'Cancel',
    custom_id: `${BULK_CANCEL_PREFIX}${cancellable}`,
  };
  return { ...message, components: [{ type: ComponentType.ActionRow, components: [button] }] };
}

/** A file as an attachment; a picture is shown in the embed, with what was left out below it. */
function fileMessage(file: ReplyFile): DiscordMessage {
  const picture = file.mime.startsWith('image/');
  const notes = file.notes.map(escapeDiscord).join('\n');
  return {
    embeds: [
      {
        title: truncate(escapeDiscord(file.title), DISCORD_LIMITS.title),
        ...(notes ? { description: truncate(notes, DISCORD_LIMITS.description) } : {}),
        ...(picture ? { image: { url: `attachment://${file.name}` } } : {}),
      },
    ],
    components: file.expand ? expandRow(file.expand) : [],
    allowed_mentions: NO_MENTIONS,
    files: [{ attachment: Buffer.from(file.bytes), name: file.name, description: truncate(file.altText, 1024) }],
  };
}
