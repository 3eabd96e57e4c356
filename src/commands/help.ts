/** `/threatcrowd help`: every command, from the same metadata the parser uses. */
import type { Command } from '../core/command.js';
import { SLASH } from '../core/slash.js';

export const helpCommand: Command<{ readonly kind: 'help' }> = {
  metadata: {
    name: 'help',
    aliases: [],
    usage: `${SLASH} help`,
    summary: 'This help.',
    examples: [`${SLASH} help`],
    args: [],
    private: true,
  },
  parse: () => ({ kind: 'help' }),
  run: async (_args, ctx) => [{ kind: 'help', visibility: 'ephemeral', commands: ctx.commands }],
};
