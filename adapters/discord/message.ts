/**
 * The Discord message shape the renderers build, Discord's limits (description 4,096, 25 fields of 1,024,
 * 6,000 characters across a message's embeds, 10 embeds), and escaping: untrusted text is markdown-escaped
 * and mentions are broken; every message also disables mentions.
 */
import { type ButtonStyle, type ComponentType, MessageFlags } from 'discord.js';
import { truncate } from '../../src/summary/split-text.js';
import type { DiscordSelectRow } from './pivot-select.js';

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

export const NO_MENTIONS = { parse: [] as [], replied_user: false as const };

export function textMessage(text: string, ephemeral: boolean): DiscordMessage {
  return {
    content: truncate(escapeDiscord(text), DISCORD_LIMITS.content),
    embeds: [],
    components: [],
    allowed_mentions: NO_MENTIONS,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}
