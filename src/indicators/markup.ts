/**
 * Platform markup removal: Slack's angle-bracket entities and HTML escapes, Discord's markdown
 * and mention syntax. Code blocks keep their content (analysts paste indicators there on purpose).
 * Every pattern is bounded, so the pass is linear.
 */

const SLACK_ENTITY = /<([^<>\s|]{1,2048})(?:\|([^<>]{0,2048}))?>/g;
const DISCORD_MENTION = /<(?:@[!&]?\d{1,25}|#\d{1,25}|a?:\w{1,64}:\d{1,25}|t:-?\d{1,20}(?::[a-zA-Z])?|\/[\w -]{1,64}:\d{1,25})>/g;
// `__` only where it opens after a space or closes before one: elsewhere it is text (`a__b@x.com`).
// Every alternative starts with its literal (a look-behind first would be tried at every position).
const DISCORD_FORMATTING = /\*\*|__(?<=(?:^|[\s*~|>(])__)|__(?=$|[\s*~|<),!?:;])|~~|\|\||```|`/g;

function stripScheme(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]{0,20}:(?:\/\/)?/i, '');
}

/** Slack `<target|label>` entity → the text a person wrote. */
function slackEntity(target: string, label: string | undefined): string {
  if (target === '.' && label === undefined) return '[.]'; // `evil<.>com`: a defanged dot, not an entity
  const first = target[0];
  if (first === '@' || first === '#' || first === '!') return ' ';
  if (/^mailto:/i.test(target)) return ` ${target.slice(7)} `;
  // Slack turns a bare `evil.com` into `<http://evil.com|evil.com>`: that is bare text, not a URL.
  if (label !== undefined && stripScheme(target).replace(/\/$/, '') === label.replace(/\/$/, '')) {
    return ` ${label} `;
  }
  if (label === undefined || label === target) return ` ${target} `;
  return ` ${target} ${label} `;
}

/** Decodes the three HTML entities Slack escapes in message text. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Removes Slack and Discord markup, leaving the words a person typed.
 * Slack entities are read before the HTML escapes are decoded, so a literal `&lt;` stays text.
 */
export function stripMarkup(text: string): string {
  let out = text;
  if (out.includes('<')) {
    out = out.replace(DISCORD_MENTION, ' ');
    out = out.replace(SLACK_ENTITY, (_m, target: string, label: string | undefined) => slackEntity(target, label));
  }
  if (out.includes('&')) out = decodeSlackEntities(out);
  // JSON-escaped slashes (`https:\/\/evil.com\/x`, as ThreatCrowd itself writes URLs) are plain slashes.
  if (out.includes('\\/')) out = out.replace(/\\\//g, '/');
  // Discord's `<https://…>` (link without preview) needs nothing more: the brackets are delimiters.
  if (/[*_~|`]/.test(out)) out = out.replace(DISCORD_FORMATTING, ' ');
  return out;
}
