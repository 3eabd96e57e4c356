/** A file the core attaches (a graph picture) as a Discord message: the picture in its embed, with what was left out below it. */
import type { ReplyFile } from '../../src/core/reply.js';
import { truncate } from '../../src/summary/split-text.js';
import { expandRow } from './graph-buttons.js';
import { DISCORD_LIMITS, type DiscordMessage, escapeDiscord, NO_MENTIONS } from './message.js';

/** A file as an attachment; a picture is shown in the embed, with what was left out below it. */
export function fileMessage(file: ReplyFile): DiscordMessage {
  const picture = file.mime.startsWith('image/');
  const notes = file.notes.map(escapeDiscord).join('\n');
  return {
    embeds: [
      {
        title: truncate(escapeDiscord(file.title), DISCORD_LIMITS.title),
        ...(notes ? { description: truncate(notes, DISCORD_LIMITS.description) } : {}),
        ...(picture ? { image: { url: `attachment://${file.name}` } } : {}),
      },
    ],
    components: file.expand ? expandRow(file.expand) : [],
    allowed_mentions: NO_MENTIONS,
    files: [{ attachment: Buffer.from(file.bytes), name: file.name, description: truncate(file.altText, 1024) }],
  };
}
