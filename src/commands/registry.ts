/**
 * Every command, in the order help lists them. Adding a command is one file in this folder and one line here:
 * the grammar, dispatch, help, the Discord command and the Slack manifest's hint all read this list.
 */
import type { Command } from '../core/command.js';
import { bulkCommand } from './bulk.js';
import { channelCommand } from './channel.js';
import { exportCommand } from './export.js';
import { graphCommand } from './graph.js';
import { helpCommand } from './help.js';
import { lookupCommand } from './lookup.js';
import { statusCommand } from './status.js';
import { typedLookupCommand } from './typed-lookup.js';
import { voteCommand } from './vote.js';
import { watchCommand } from './watch.js';

export const COMMANDS: readonly Command[] = [
  lookupCommand,
  typedLookupCommand,
  voteCommand,
  graphCommand,
  bulkCommand,
  exportCommand,
  watchCommand,
  channelCommand,
  statusCommand,
  helpCommand,
];

/** The command that takes bare indicators (no keyword). */
export const DEFAULT_COMMAND: Command = lookupCommand;

/** Each command's metadata, for help and the platforms' command forms. */
export const COMMAND_METADATA = COMMANDS.map((c) => c.metadata);

/** One usage line per command. */
export const USAGE = COMMAND_METADATA.map((c) => c.usage).join('\n');

const BY_KEYWORD: ReadonlyMap<string, Command> = new Map(
  COMMANDS.flatMap((c) => [c.metadata.name, ...c.metadata.aliases].map((word) => [word, c] as const)),
);

/** The command a keyword selects, if any. */
export function commandFor(keyword: string): Command | undefined {
  return BY_KEYWORD.get(keyword);
}
