/**
 * Where attachments may be downloaded from: only the chat platform's own file hosts. An entry is a host
 * name (HTTPS only, exact match, no subdomains) or a full origin (`http://127.0.0.1:3001`, for a proxy or a test).
 */

/** Slack serves `url_private_download` from here. */
export const SLACK_FILE_HOSTS = ['files.slack.com'] as const;
/** Discord serves attachments from its CDN and media proxy. */
export const DISCORD_FILE_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'] as const;

/** The platform's hosts, plus the origin of its configured API URL (Enterprise Grid proxies, tests). */
export function fileHostsFor(platform: 'slack' | 'discord', apiUrl?: string): string[] {
  const hosts: string[] = [...(platform === 'slack' ? SLACK_FILE_HOSTS : DISCORD_FILE_HOSTS)];
  if (apiUrl) hosts.push(new URL(apiUrl).origin);
  return hosts;
}

/** True when `url` is on the allow-list: an exact HTTPS host, or an exact origin. Credentials in the URL are refused. */
export function isAllowedFileUrl(url: URL, allowList: readonly string[]): boolean {
  if (url.username !== '' || url.password !== '') return false;
  return allowList.some((entry) =>
    entry.includes('://')
      ? new URL(entry).origin === url.origin
      : url.protocol === 'https:' && url.hostname.toLowerCase() === entry.toLowerCase() && url.port === '',
  );
}
