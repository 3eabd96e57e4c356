/** discord.js objects (as plain shapes) → platform-neutral invocations. Pure. */
import type { Attachment, Invocation } from '../../src/core/invocation.js';
import { type InteractionLike, invocationBase, type MessageInteractionLike } from './invocation-base.js';

export interface MessageLike {
  readonly id: string;
  readonly content: string;
  readonly channelId: string;
  readonly guildId: string | null;
  readonly author: { readonly id: string; readonly bot: boolean };
  readonly webhookId: string | null;
}

/** A guild message as a plain-message invocation (with its files); null for bots, webhooks, DMs and nothing to read. */
export function messageInvocation(message: MessageLike, attachments: readonly Attachment[] = []): Invocation | null {
  if (message.author.bot || message.webhookId || !message.guildId || (!message.content && attachments.length === 0)) return null;
  return {
    ...(attachments.length > 0 ? { attachments } : {}),
    platform: 'discord',
    teamId: message.guildId,
    userId: message.author.id,
    channelId: message.channelId,
    messageId: message.id,
    text: message.content,
    kind: 'message',
  };
}

export function commandInvocation(interaction: InteractionLike, text: string): Invocation {
  return { ...invocationBase(interaction), text, kind: 'command' };
}

export function reactionInvocation(
  reaction: { emoji: { name: string | null }; message: { id: string; channelId: string; guildId: string | null; content: string | null } },
  user: { id: string; bot: boolean },
  added: boolean,
): Invocation | null {
  if (user.bot || !reaction.emoji.name) return null;
  return {
    platform: 'discord',
    teamId: reaction.message.guildId ?? undefined,
    userId: user.id,
    channelId: reaction.message.channelId,
    text: '',
    kind: 'reaction',
    reaction: {
      emoji: reaction.emoji.name,
      added,
      targetMessageId: reaction.message.id,
      targetText: reaction.message.content ?? undefined,
    },
  };
}

export function buttonInvocation(interaction: MessageInteractionLike): Invocation | null {
  if (interaction.customId !== 'vote-malicious' && interaction.customId !== 'vote-safe') return null;
  return {
    ...invocationBase(interaction),
    kind: 'button',
    button: { action: interaction.customId, targetMessageId: interaction.message.id },
  };
}

/** The Watch button under a summary: watches its indicator, with notes posted in reply to that summary. */
export function watchButtonInvocation(interaction: MessageInteractionLike): Invocation | null {
  if (interaction.customId !== 'watch') return null;
  return {
    ...invocationBase(interaction),
    threadId: interaction.message.id,
    kind: 'button',
    button: { action: 'watch', targetMessageId: interaction.message.id },
  };
}

/** `graph:type:value` or `graph-expand:type:value` (or the bare action): a graph button's action and what it carries. */
export function graphButtonAction(customId: string): { action: 'graph' | 'graph-expand'; value?: string } | null {
  const match = /^(graph|graph-expand)(?::(.*))?$/s.exec(customId);
  if (!match) return null;
  return { action: match[1] as 'graph' | 'graph-expand', ...(match[2] !== undefined ? { value: match[2] } : {}) };
}

/** A Graph or Expand button as an invocation; what the custom id carries is passed on untrusted (the core validates it). */
export function graphButtonInvocation(interaction: MessageInteractionLike): Invocation | null {
  const graph = graphButtonAction(interaction.customId);
  if (!graph) return null;
  return {
    ...invocationBase(interaction),
    kind: 'button',
    button: { action: graph.action, targetMessageId: interaction.message.id, ...(graph.value !== undefined ? { value: graph.value } : {}) },
  };
}
