/**
 * Slack's shared files as the core's attachments: downloaded from `url_private_download` with the bot token
 * (the `files:read` scope), only from Slack's own file host or the host of SLACK_API_URL, never written to disk.
 */
import type { Attachment } from '../../src/core/invocation.js';
import { downloadAndHash } from '../../src/files/download-and-hash.js';
import { fileHostsFor } from '../../src/files/file-hosts.js';
import { downloadText } from '../../src/files/read-text.js';

/** A file object as Slack sends it in a `file_share` message (only the fields read here). */
export interface SlackFileLike {
  readonly id?: string;
  readonly name?: string;
  readonly title?: string;
  readonly size?: number;
  readonly url_private_download?: string;
  readonly url_private?: string;
  /** `external` files live elsewhere (Google Drive…): never downloaded. */
  readonly is_external?: boolean;
  readonly mode?: string;
}

export interface SlackFileAccess {
  readonly botToken: string;
  /** SLACK_API_URL, whose origin is also an allowed file host (Enterprise Grid proxies, tests). */
  readonly apiUrl?: string;
}

/** The attachments of a message: files Slack hosts, each downloadable once asked. */
export function slackAttachments(files: readonly SlackFileLike[] | undefined, access: SlackFileAccess): Attachment[] {
  const allowedHosts = fileHostsFor('slack', access.apiUrl);
  const headers = { authorization: `Bearer ${access.botToken}` };
  return (files ?? [])
    .filter((f) => !f.is_external && f.mode !== 'tombstone' && (f.url_private_download ?? f.url_private))
    .map((f) => {
      const url = (f.url_private_download ?? f.url_private) as string;
      return {
        name: f.name ?? f.title ?? 'file',
        size: typeof f.size === 'number' ? f.size : null,
        hash: (limits) => downloadAndHash(url, { allowedHosts, headers, ...limits }),
        text: (limits) => downloadText(url, { allowedHosts, headers, ...limits }),
      };
    });
}
