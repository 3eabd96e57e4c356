/**
 * Files shared in a channel: hashed where they are (MD5, SHA-1, SHA-256, never stored, never sent anywhere)
 * and answered by their hashes: a line naming the file, then the MD5's summary (ThreatCrowd) and the
 * SHA-256's where a provider knows SHA-256 (OTX). Files over FILE_HASH_MAX_MB wait for someone to ask (🔎).
 */
import type { CommandContext } from '../core/context.js';
import { type Attachment, type AttachmentHashes, queueOwner } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import { UserError } from '../errors/user-error.js';
import { FileError } from '../files/errors.js';
import { inHashSlot } from '../files/hash-slots.js';
import { safeText } from '../summary/safe-text.js';
import type { Priority } from '../throttle/limiter.js';
import { summarizeTarget } from './summarize-target.js';

/** Files answered per message; the rest are counted. */
export const MAX_FILES_PER_MESSAGE = 5;
const NAME_MAX = 120;

/** The file's name as it may be shown: safe characters, no live link, bounded (renderers escape markup). */
export function shownFileName(name: string): string {
  return safeText(name, NAME_MAX) || 'unnamed file';
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function hashLine(name: string, hashes: AttachmentHashes): string {
  return `📎 ${shownFileName(name)} (${formatSize(hashes.size)}), hashed here and not uploaded anywhere. MD5 ${hashes.md5} · SHA-1 ${hashes.sha1} · SHA-256 ${hashes.sha256}`;
}

const notice = (text: string): Reply => ({ kind: 'notice', visibility: 'public', text });

/** Asks about a file over the automatic cap: the adapter marks the message with 🔎. */
function askFirst(name: string, maxBytes: number): Reply[] {
  const mb = Math.round(maxBytes / 1024 / 1024);
  return [
    notice(`📎 ${shownFileName(name)} is larger than ${mb} MB (FILE_HASH_MAX_MB): react with 🔎 to hash it and look it up.`),
    { kind: 'reveal', visibility: 'public', count: 1 },
  ];
}

/** A file's replies; `busy` when it was not read because too many files wait (so a 🔎 may ask again). */
interface FileReplies {
  readonly replies: Reply[];
  readonly busy: boolean;
}

async function answerOne(file: Attachment, ctx: CommandContext, onRequest: boolean, priority: Priority): Promise<FileReplies> {
  const { settings } = ctx.deps;
  if (!onRequest && file.size !== null && file.size > settings.fileHashMaxBytes) {
    return { replies: askFirst(file.name, settings.fileHashMaxBytes), busy: false };
  }
  const maxBytes = onRequest ? settings.fileHashOnRequestMaxBytes : settings.fileHashMaxBytes;
  let hashes: AttachmentHashes;
  try {
    hashes = await inHashSlot(() => file.hash({ maxBytes, timeoutMs: settings.fileHashTimeoutMs }), queueOwner(ctx.invocation, false));
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    if (error.kind === 'too-large' && !onRequest) return { replies: askFirst(file.name, settings.fileHashMaxBytes), busy: false };
    return { replies: [notice(`📎 ${shownFileName(file.name)}: ${error.message}`)], busy: error.kind === 'busy' };
  }
  const summaries = await Promise.all([hashes.md5, hashes.sha256].map((value) => summarizeTarget({ type: 'file', value }, priority, ctx)));
  return { replies: [notice(hashLine(file.name, hashes)), ...summaries.filter((r): r is Reply => r !== null)], busy: false };
}

/**
 * The answers for a message's files: automatic ones at the passive priority and within FILE_HASH_MAX_MB;
 * on request (🔎, `/threatcrowd file`) interactive and up to FILE_HASH_ON_REQUEST_MAX_MB.
 */
export async function answerAttachments(files: readonly Attachment[], ctx: CommandContext, onRequest: boolean): Promise<Reply[]> {
  return (await answerFiles(files, ctx, onRequest)).replies;
}

/** As `answerAttachments`, saying whether a file was left unread because too many wait. */
export async function answerFiles(files: readonly Attachment[], ctx: CommandContext, onRequest: boolean): Promise<FileReplies> {
  const priority: Priority = onRequest ? 'interactive' : 'passive';
  const answers = await Promise.all(files.slice(0, MAX_FILES_PER_MESSAGE).map((file) => answerOne(file, ctx, onRequest, priority)));
  const replies = answers.flatMap((a) => a.replies);
  const rest = files.length - MAX_FILES_PER_MESSAGE;
  if (rest > 0) replies.push(notice(`and ${rest} more files: share them in another message to have them hashed.`));
  return { replies, busy: answers.some((a) => a.busy) };
}

/** `/threatcrowd file` with files attached: hashed whatever their size (up to FILE_HASH_ON_REQUEST_MAX_MB). */
export function hashAttachedFiles(ctx: CommandContext): Promise<Reply[]> {
  const files = ctx.invocation.attachments ?? [];
  if (files.length === 0) {
    throw new UserError(
      'Give a file hash, or attach the file to hash.',
      `${SLASH} file <hash>   (or attach a file; in Slack, react 🔎 on it)`,
    );
  }
  return answerAttachments(files, ctx, true);
}
