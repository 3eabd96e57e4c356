/** Emoji names as platforms send them, reduced to a base name: skin tones count as their base emoji. */

const SKIN_TONE_SUFFIX = /::skin-tone-\d$/; // Slack: thumbsup::skin-tone-3
const SKIN_TONE_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}]/gu; // Unicode: 👍🏽
const VARIATION_SELECTOR = /\uFE0F/g;

export function baseEmoji(name: string): string {
  return name.replace(SKIN_TONE_SUFFIX, '').replace(SKIN_TONE_MODIFIERS, '').replace(VARIATION_SELECTOR, '').replace(/^:|:$/g, '');
}

/** Reactions that ask for the lookup of a message's indicators (reveal mode). */
export const REVEAL_EMOJI: ReadonlySet<string> = new Set(['mag', 'mag_right', '🔎', '🔍']);

export function emojiIn(name: string, list: readonly string[]): boolean {
  const base = baseEmoji(name);
  return list.some((e) => baseEmoji(e) === base);
}
