/**
 * What every rendered answer must satisfy, whatever upstream said: the platform's limits, no live link but
 * the bot's own templates, no mention syntax, no indicator left live, no escape sequence.
 */

import { ComponentType } from 'discord.js';
import { expect } from 'vitest';
import { DISCORD_LIMITS, type DiscordMessage } from '../../adapters/discord/message.js';
import type { DiscordSelectRow } from '../../adapters/discord/pivot-select.js';
import { SLACK_LIMITS, type SlackMessage } from '../../adapters/slack/message.js';
import type { SlackSelectBlock } from '../../adapters/slack/pivot-select.js';
import { scanText } from '../../src/indicators/detect.js';

/** The bot's own page templates (src/summary/permalink.ts): the only URLs allowed live. */
export const TRUSTED_LINK =
  /^https:\/\/(?:www\.threatcrowd\.org\/(?:domain|ip|email|malware|listMalware)\.php\?[a-z0-9]+=[\w%.-]+|otx\.alienvault\.com\/indicator\/(?:domain|ip|file)\/[\w%.:-]+)$/;

/** Every text in a Slack message (fallback, blocks, fields, context). */
export function slackTexts(message: SlackMessage): string[] {
  const texts = [message.text];
  for (const block of message.blocks) {
    if ('text' in block && block.text) texts.push(block.text.text);
    if ('fields' in block && block.fields) texts.push(...block.fields.map((f) => f.text));
    if ('elements' in block)
      for (const e of block.elements) texts.push('text' in e && typeof e.text === 'object' ? e.text.text : (e as { text: string }).text);
  }
  return texts;
}

export function expectSlackWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(JSON.stringify(message.blocks).length).toBeLessThan(SLACK_LIMITS.message);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  for (const block of message.blocks) {
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block.type === 'section' && block.fields) {
      expect(block.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const f of block.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    }
    if (block.type === 'context') for (const e of block.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    for (const element of block.type === 'actions' ? block.elements : []) if (element.type === 'static_select') expectSlackSelect(element);
  }
}

/** A static_select within Slack's limits: 100 options, texts of 75, values of 150, unique values, inert texts. */
function expectSlackSelect(select: SlackSelectBlock['elements'][number]): void {
  const options = select.option_groups.flatMap((g) => g.options);
  expect(options.length).toBeGreaterThan(0);
  expect(options.length).toBeLessThanOrEqual(100);
  expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
  for (const group of select.option_groups) expect(group.label.text.length).toBeLessThanOrEqual(75);
  for (const o of options) {
    expect(o.value.length).toBeLessThanOrEqual(150);
    for (const text of [o.text, o.description]) {
      if (!text) continue;
      expect(text.type).toBe('plain_text');
      expect(text.text.length).toBeLessThanOrEqual(75);
      expect(liveIndicators(text.text)).toEqual([]);
      expect(text.text).not.toMatch(ESCAPE_OR_BIDI);
    }
  }
}

/** Every text in a Discord message (content, titles, descriptions, fields, footers), and the embed URLs apart. */
export function discordTexts(message: DiscordMessage): { texts: string[]; urls: string[] } {
  const texts = [message.content ?? ''];
  const urls: string[] = [];
  for (const e of message.embeds) {
    texts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '');
    for (const f of e.fields ?? []) texts.push(f.name, f.value);
    if (e.url) urls.push(e.url);
  }
  return { texts, urls };
}

export function expectDiscordWithinLimits(message: DiscordMessage): void {
  expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  let total = 0;
  for (const e of message.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      total += f.name.length + f.value.length;
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
  expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
  expect(message.components.length).toBeLessThanOrEqual(5);
  for (const row of message.components) for (const c of row.components) if (c.type === ComponentType.StringSelect) expectDiscordSelect(c);
}

/** A string select within Discord's limits: 25 options, label, value, description and custom id of 100, unique values. */
function expectDiscordSelect(select: DiscordSelectRow['components'][number]): void {
  expect(select.options.length).toBeGreaterThan(0);
  expect(select.options.length).toBeLessThanOrEqual(25);
  expect(select.custom_id.length).toBeLessThanOrEqual(100);
  expect(new Set(select.options.map((o) => o.value)).size).toBe(select.options.length);
  for (const o of select.options) {
    expect(o.value.length).toBeLessThanOrEqual(100);
    expect(o.label.length).toBeLessThanOrEqual(100);
    expect(o.description?.length ?? 0).toBeLessThanOrEqual(100);
    expect(liveIndicators(`${o.label} ${o.description ?? ''}`)).toEqual([]);
    expect(o.label).not.toMatch(ESCAPE_OR_BIDI);
  }
}

/** Indicators a reader's client could follow: found in `text` and not written defanged (hashes link nowhere). */
export function liveIndicators(text: string): string[] {
  const { indicators, skipped } = scanText(text);
  return [...indicators, ...skipped].filter((i) => !i.defanged && !/^(?:md5|sha1|sha256)$/.test(i.type)).map((i) => i.value);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
export const ESCAPE_OR_BIDI = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
