/** `/threatcrowd channel auto|reveal|off`: how the bot treats indicators posted in this channel. */

import { setChannelMode } from '../answers/channel-modes.js';
import { CHANNEL_MODES, type ChannelMode, type CommandMetadata } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';

export const channelMetadata: CommandMetadata = {
  name: 'channel',
  aliases: [],
  usage: `${SLASH} channel auto|reveal|off`,
  summary: 'How I treat indicators posted here: auto (answer in a thread), reveal (mark, answer on request), off.',
  examples: [`${SLASH} channel reveal`],
  args: [{ name: 'mode', description: 'auto, reveal or off', required: true, choices: [...CHANNEL_MODES] }],
};

const EXPLAIN: Record<ChannelMode, string> = {
  auto: 'I will answer indicators posted here in a thread.',
  reveal: 'I will mark messages with indicators (🔎); react with 🔎 or click to see the lookup.',
  off: 'I will ignore indicators posted here; /threatcrowd still works.',
};

export async function runChannel(mode: ChannelMode, ctx: CommandContext): Promise<Reply[]> {
  await setChannelMode(ctx.deps.store, ctx.invocation, mode);
  return [{ kind: 'notice', visibility: 'public', text: `Channel mode set to ${mode}. ${EXPLAIN[mode]}` }];
}
