/** `/threatcrowd help`: every command from the same metadata the parser uses. */
import type { CommandContext } from '../bot/context.js';
import type { Reply } from '../bot/reply.js';
import { SLASH } from './slash.js';
import type { CommandMetadata } from './types.js';

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
