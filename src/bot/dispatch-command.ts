/** Parses a command's text and runs the matching command. */
import { runChannel } from '../commands/channel.js';
import { runHelp } from '../commands/help.js';
import { runLookup } from '../commands/lookup.js';
import { parseCommand } from '../commands/parse-command.js';
import { runStatus } from '../commands/status.js';
import { runVote } from '../commands/vote.js';
import type { CommandContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { UserError } from '../errors/user-error.js';

export async function dispatchCommand(ctx: CommandContext): Promise<Reply[]> {
  const { settings } = ctx.deps;
  const command = parseCommand(ctx.invocation.text, {
    ignoreDomains: settings.ignoreDomains,
    maxIndicators: settings.maxIndicatorsPerCommand,
  });
  if (command instanceof UserError) throw command;
  switch (command.kind) {
    case 'lookup':
      return runLookup(command.targets, ctx);
    case 'vote':
      return runVote(command.target, command.malicious, ctx);
    case 'channel':
      return runChannel(command.mode, ctx);
    case 'status':
      return runStatus(ctx);
    case 'help':
      return runHelp(ctx);
  }
}
