/**
 * discord.js interactions for pivots and on-demand lookups (as plain shapes) → platform-neutral invocations.
 * Pure. What they carry is passed on as data; the core validates it again.
 */
import type { Invocation } from '../../src/core/invocation.js';
import { invocationBase as base, type InteractionLike } from './invocation-base.js';
import { readPivotCustomId } from './pivot-select.js';
import { SHARE_PREFIX } from './share-offer.js';

const SNOWFLAKE = /^\d{15,21}$/;

/** A choice in a summary's "Look up related…" menu, or null for another select menu. */
export function pivotInvocation(
  interaction: InteractionLike & {
    readonly customId: string;
    readonly values: readonly string[];
    readonly message: { readonly id: string };
  },
): Invocation | null {
  const menu = readPivotCustomId(interaction.customId);
  const [choice] = interaction.values;
  if (!menu || !choice) return null;
  return { ...base(interaction), messageId: interaction.message.id, kind: 'pivot', pivot: { choice, from: menu.from } };
}

/** "Look up indicators" on `message` (or its "Post to thread" button, with `share`). */
export function messageLookupInvocation(
  interaction: InteractionLike,
  message: { readonly id: string; readonly content: string | null },
  share = false,
): Invocation {
  return {
    ...base(interaction),
    kind: 'message-lookup',
    messageLookup: { targetMessageId: message.id, targetText: message.content ?? '', share },
  };
}

/** The message a "Post to thread" button names, or null for another button or a malformed id. */
export function sharedMessageId(customId: string): string | null {
  const [prefix, id] = customId.split('|');
  return prefix === SHARE_PREFIX && id && SNOWFLAKE.test(id) ? id : null;
}
