/** Slack payloads → platform-neutral invocations. Pure functions: no Bolt, no network. */
import type { Attachment, Invocation } from '../../src/core/invocation.js';

export interface SlashCommandBody {
  readonly text?: string;
  readonly user_id: string;
  readonly channel_id: string;
  readonly team_id?: string;
}

export interface MessageEventLike {
  readonly type: string;
  readonly subtype?: string;
  readonly bot_id?: string;
  readonly user?: string;
  readonly text?: string;
  readonly channel: string;
  readonly ts: string;
  readonly thread_ts?: string;
  readonly team?: string;
}

export interface ReactionEventLike {
  readonly user: string;
  readonly reaction: string;
  readonly item: { readonly type: string; readonly channel?: string; readonly ts?: string };
}

export function commandInvocation(body: SlashCommandBody): Invocation {
  return {
    platform: 'slack',
    teamId: body.team_id,
    userId: body.user_id,
    channelId: body.channel_id,
    text: body.text ?? '',
    kind: 'command',
  };
}

/**
 * A channel message as a plain-message invocation, or null for what the bot must ignore: any subtype
 * (edits, joins, bot messages, file shares' metadata), messages from bots, and empty text.
 */
export function messageInvocation(event: MessageEventLike, teamId?: string): Invocation | null {
  if (event.subtype !== undefined || event.bot_id || !event.user || !event.text) return null;
  return fromMessage(event, event.user, event.text, 'message', teamId);
}

/**
 * A `file_share` message (files shared in a channel, with or without text) as a plain-message invocation
 * carrying its files; null for anything else, and for bots.
 */
export function fileShareInvocation(event: MessageEventLike, attachments: readonly Attachment[], teamId?: string): Invocation | null {
  if (event.subtype !== 'file_share' || event.bot_id || !event.user || attachments.length === 0) return null;
  return { ...fromMessage(event, event.user, event.text ?? '', 'message', teamId), attachments };
}

/** A message event (in its thread) as an invocation of `kind`. */
function fromMessage(event: MessageEventLike, user: string, text: string, kind: 'message' | 'command', teamId?: string): Invocation {
  return {
    platform: 'slack',
    teamId: event.team ?? teamId,
    userId: user,
    channelId: event.channel,
    threadId: event.thread_ts ?? event.ts,
    messageId: event.ts,
    text,
    kind,
  };
}

/** `<@UBOT> evil.com` → the command text after the mention. */
export function mentionInvocation(event: MessageEventLike, botUserId: string | undefined, teamId?: string): Invocation | null {
  if (event.bot_id || !event.user || !event.text) return null;
  const text = event.text.replace(botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/, ' ').trim();
  return fromMessage(event, event.user, text, 'command', teamId);
}

export function reactionInvocation(event: ReactionEventLike, added: boolean, teamId?: string, targetText?: string): Invocation | null {
  if (event.item.type !== 'message' || !event.item.channel || !event.item.ts) return null;
  return {
    platform: 'slack',
    teamId,
    userId: event.user,
    channelId: event.item.channel,
    text: '',
    kind: 'reaction',
    reaction: { emoji: event.reaction, added, targetMessageId: event.item.ts, targetText },
  };
}

export interface BlockActionBody {
  readonly user: { readonly id: string; readonly team_id?: string };
  readonly channel?: { readonly id: string };
  readonly message?: { readonly ts: string; readonly thread_ts?: string };
  readonly team?: { readonly id: string } | null;
}

/**
 * Who pressed or chose, and where, for an interaction on a message: the platform, the team (the request's team;
 * in Slack Connect the person's own), the person and the channel, with no text of their own.
 */
export function interactionBase(body: Pick<BlockActionBody, 'user' | 'team'>, channelId: string) {
  return { platform: 'slack' as const, teamId: body.team?.id ?? body.user.team_id, userId: body.user.id, channelId, text: '' };
}

export function buttonInvocation(body: BlockActionBody, actionId: string): Invocation | null {
  if (!body.channel || !body.message || (actionId !== 'vote-malicious' && actionId !== 'vote-safe')) return null;
  return {
    ...interactionBase(body, body.channel.id),
    kind: 'button',
    button: { action: actionId, targetMessageId: body.message.ts },
  };
}

/** The Watch button under a summary: watches its indicator, with notes in the summary's thread (or a new one under it). */
export function watchButtonInvocation(body: BlockActionBody): Invocation | null {
  if (!body.channel || !body.message) return null;
  return {
    ...interactionBase(body, body.channel.id),
    threadId: body.message.thread_ts ?? body.message.ts,
    kind: 'button',
    button: { action: 'watch', targetMessageId: body.message.ts },
  };
}

/**
 * A Graph button (on a summary) or Expand button (under a picture) as an invocation; the picture goes into the
 * thread the button is in (the summary's own thread, or the thread the summary starts). The value is passed on
 * untrusted: the core validates it again.
 */
export function graphButtonInvocation(body: BlockActionBody, actionId: string, value: string | undefined): Invocation | null {
  if (!body.channel || !body.message || (actionId !== 'graph' && actionId !== 'graph-expand')) return null;
  return {
    ...interactionBase(body, body.channel.id),
    threadId: body.message.thread_ts ?? body.message.ts,
    kind: 'button',
    button: { action: actionId, targetMessageId: body.message.ts, ...(typeof value === 'string' ? { value } : {}) },
  };
}
