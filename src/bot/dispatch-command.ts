/** Reads a command's text and runs the command it names. */
import { readCommand } from '../commands/parse-command.js';
import type { CommandContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { isUserError } from '../errors/user-error.js';

export async function dispatchCommand(ctx: CommandContext): Promise<Reply[]> {
  const { settings } = ctx.deps;
  const read = readCommand(ctx.invocation.text, {
    ignoreDomains: settings.ignoreDomains,
    maxIndicators: settings.maxIndicatorsPerCommand,
  });
  if (isUserError(read)) throw read;
  return read.command.run(read.args, ctx);
}
