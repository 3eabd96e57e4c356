/** Every command's metadata, in the order help lists them, and the usage lines for errors. */

import type { CommandMetadata } from '../core/command.js';
import { channelMetadata } from './channel.js';
import { helpMetadata } from './help.js';
import { lookupMetadata, typedLookupMetadata } from './lookup.js';
import { statusMetadata } from './status.js';
import { voteMetadata } from './vote.js';

export const COMMANDS: readonly CommandMetadata[] = [
  lookupMetadata,
  typedLookupMetadata,
  voteMetadata,
  channelMetadata,
  statusMetadata,
  helpMetadata,
];

/** One usage line per command. */
export const USAGE = COMMANDS.map((c) => c.usage).join('\n');
