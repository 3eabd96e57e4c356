/**
 * The Slack message shape the renderers build (Block Kit with a plain-text fallback), Slack's limits (50
 * blocks, 3,000 characters per section text, 10 fields of 2,000, the whole message well under 12,000), and
 * mrkdwn escaping (`& < >`), which also defuses `<!channel>` and `<@U…>`.
 */
import { splitText, truncate } from '../../src/summary/split-text.js';
import type { SlackSelectBlock } from './pivot-select.js';

export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, fields: 10, fieldText: 2000, headerText: 150, message: 12_000 } as const;

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

export const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text });
export const plain = (text: string): Text => ({ type: 'plain_text', text, emoji: true });

/** Sections of at most 3,000 characters holding `text` (which is already mrkdwn). */
export function sections(text: string): SlackBlock[] {
  return splitText(text, SLACK_LIMITS.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

export function textMessage(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return { text: truncate(escaped, 3000), blocks: sections(escaped) };
}
