/**
 * `/threatcrowd file` (with a file attached, in Discord): the file is hashed here (MD5, SHA-1, SHA-256; never
 * stored or sent anywhere) and its hashes looked up, whatever its size up to FILE_HASH_ON_REQUEST_MAX_MB.
 */
import { answerAttachments } from '../answers/file-answers.js';
import type { Command } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import { UserError } from '../errors/user-error.js';

const USAGE = `${SLASH} file   (with a file attached; in Slack, react 🔎 on a shared file)`;

export const fileCommand: Command<{ readonly kind: 'file' }> = {
  metadata: {
    name: 'file',
    aliases: [],
    usage: USAGE,
    summary: 'Hash an attached file here (it is never uploaded anywhere) and look up its MD5 and SHA-256.',
    examples: [`${SLASH} file`],
    args: [{ name: 'file', description: 'the file to hash', required: true, attachment: true }],
  },
  parse(words) {
    if (words.length > 0) throw new UserError('`file` takes a file, not text: to look up a hash, give it alone.', USAGE);
    return { kind: 'file' };
  },
  run: (_args, ctx) => runFile(ctx),
};

async function runFile(ctx: CommandContext): Promise<Reply[]> {
  const files = ctx.invocation.attachments ?? [];
  if (files.length === 0) throw new UserError('Attach the file to hash.', USAGE);
  return answerAttachments(files, ctx, true);
}
