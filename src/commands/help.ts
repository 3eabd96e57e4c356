/** `/threatcrowd help`: every command from the same metadata the parser uses. */

import type { CommandMetadata } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';

export const helpMetadata: CommandMetadata = {
  name: 'help',
  aliases: [],
  usage: `${SLASH} help`,
  summary: 'This help.',
  examples: [`${SLASH} help`],
  args: [],
};

export async function runHelp(ctx: CommandContext): Promise<Reply[]> {
  return [{ kind: 'help', visibility: 'ephemeral', commands: ctx.commands }];
}
