/**
 * Discord attachments as the core's attachments: downloaded from their URL only when it is on Discord's CDN
 * (or the host of DISCORD_API_URL), never by redirect elsewhere, never written to disk. No token is sent.
 */
import type { Attachment } from '../../src/core/invocation.js';
import { downloadAndHash } from '../../src/files/download-and-hash.js';
import { fileHostsFor } from '../../src/files/file-hosts.js';
import { downloadText } from '../../src/files/read-text.js';

/** An attachment as discord.js gives it (only the fields read here). */
export interface DiscordAttachmentLike {
  readonly name: string | null;
  readonly size: number;
  readonly url: string;
}

export function discordAttachments(attachments: Iterable<DiscordAttachmentLike>, apiUrl?: string): Attachment[] {
  const allowedHosts = fileHostsFor('discord', apiUrl);
  return [...attachments].map((a) => ({
    name: a.name ?? 'file',
    size: Number.isFinite(a.size) ? a.size : null,
    hash: (limits) => downloadAndHash(a.url, { allowedHosts, ...limits }),
    text: (limits) => downloadText(a.url, { allowedHosts, ...limits }),
  }));
}
