/** What an adapter hands the core: one platform-neutral event. */

export type Platform = 'slack' | 'discord' | 'console';

export interface ReactionEvent {
  /** Emoji name without colons and without skin tone (`thumbsdown`, `+1`, `mag`), or the unicode emoji. */
  readonly emoji: string;
  readonly added: boolean;
  /** The message reacted to. */
  readonly targetMessageId: string;
  /** Its text, when the adapter has it (needed for 🔎 on a person's message). */
  readonly targetText?: string;
}

/** `graph` draws a summary's neighbourhood into its thread; `graph-expand` redraws a picture at depth 2. */
export type ButtonAction = 'vote-malicious' | 'vote-safe' | 'reveal' | 'watch' | 'graph' | 'graph-expand';

export interface ButtonEvent {
  readonly action: ButtonAction;
  /** The message that carries the button. */
  readonly targetMessageId: string;
  /** The text to reveal, for `reveal`. */
  readonly targetText?: string;
  /** What the button carried (`type:value` for the graph buttons): untrusted, the core validates it again. */
  readonly value?: string;
}

/** A file's MD5, SHA-1 and SHA-256 and its size in bytes (see src/files/hash-stream.ts). */
export interface AttachmentHashes {
  readonly md5: string;
  readonly sha1: string;
  readonly sha256: string;
  readonly size: number;
}

/**
 * A file shared with a message or a command. The adapter binds the download (the platform's own file host,
 * its token): the core decides whether to read it, and the bytes never leave the process.
 */
export interface Attachment {
  /** The name the platform gave it: untrusted text. */
  readonly name: string;
  /** Bytes, as the platform declared them (null when unknown). */
  readonly size: number | null;
  /** Streams the file through MD5, SHA-1 and SHA-256; a FileError past the caps. */
  hash(limits: { readonly maxBytes: number; readonly timeoutMs: number }): Promise<AttachmentHashes>;
  /** The file's text (UTF-8), for a list of indicators; a FileError past `maxBytes`. */
  text(limits: { readonly maxBytes: number; readonly timeoutMs: number }): Promise<string>;
}

/** A choice in a summary's "Look up related…" menu. Both strings come from the platform: validated again. */
export interface PivotEvent {
  /** The option's value (`d:evil.com`, see src/summary/pivot-value.ts). */
  readonly choice: string;
  /** The value of the indicator whose summary carried the menu, for the breadcrumb, when the platform kept it. */
  readonly from?: string;
}

/** "Look up indicators" on one message (a Slack message shortcut, a Discord context-menu command). */
export interface MessageLookupEvent {
  readonly targetMessageId: string;
  /** The thread the message is in (Slack), so the shared answer goes there. */
  readonly targetThreadId?: string;
  /** The message's text as the platform gave it. */
  readonly targetText: string;
  /** Post the answer for everyone in the message's thread ("Post to thread"), not to the asker alone. */
  readonly share: boolean;
}

export interface Invocation {
  readonly platform: Platform;
  /** Workspace or guild, when the platform has one; part of every per-channel key. */
  readonly teamId?: string;
  readonly userId: string;
  readonly channelId: string;
  readonly threadId?: string;
  readonly messageId?: string;
  /** The command text (after `/threatcrowd`) or the message text. */
  readonly text: string;
  readonly kind: 'command' | 'message' | 'reaction' | 'button' | 'pivot' | 'message-lookup';
  /** Sent by a bot or a webhook (including this bot): ignored. */
  readonly fromBot?: boolean;
  readonly reaction?: ReactionEvent;
  readonly button?: ButtonEvent;
  /** Files shared with the message or the command (or, for a 🔎 reaction, with the message reacted to). */
  readonly attachments?: readonly Attachment[];
  readonly pivot?: PivotEvent;
  readonly messageLookup?: MessageLookupEvent;
}

/**
 * `platform:team:channel`, the key of everything kept per channel (modes, claims, summaries and votes).
 * Slack channel IDs are unique across workspaces, and in a Slack Connect or Enterprise Grid channel the
 * team differs by who spoke (`event.team` is the sender's, `team_id` the receiving workspace's): Slack keys
 * by channel alone, so messages, commands, reactions and buttons all meet on one key.
 */
export function channelKey(invocation: Pick<Invocation, 'platform' | 'teamId' | 'channelId'>): string {
  const team = invocation.platform === 'slack' ? '-' : (invocation.teamId ?? '-');
  return `${invocation.platform}:${team}:${invocation.channelId}`;
}

/**
 * The key an earlier version used for a Slack channel (`slack:TEAM:channel`), for reading what it stored
 * (channel modes, votable summaries) after the upgrade to keys by channel alone; null where nothing changed.
 */
export function legacyChannelKey(invocation: Pick<Invocation, 'platform' | 'teamId' | 'channelId'>): string | null {
  return invocation.platform === 'slack' && invocation.teamId ? `slack:${invocation.teamId}:${invocation.channelId}` : null;
}

/** Whose turn a lookup takes in the fair queue: the person who asked, or the channel for automatic lookups. */
export function queueOwner(invocation: Pick<Invocation, 'platform' | 'teamId' | 'channelId' | 'userId'>, passive: boolean): string {
  return passive ? `channel:${channelKey(invocation)}` : `person:${invocation.platform}:${invocation.teamId ?? '-'}:${invocation.userId}`;
}
