/** `/threatcrowd channel auto|reveal|off`: how the bot treats indicators posted in this channel. */
import { setChannelMode } from '../answers/channel-modes.js';
import { CHANNEL_MODES, type ChannelMode } from '../core/channel-mode.js';
import type { Command } from '../core/command.js';
import { SLASH } from '../core/slash.js';
import { UserError } from '../errors/user-error.js';

const EXPLAIN: Record<ChannelMode, string> = {
  auto: 'I will answer indicators posted here in a thread.',
  reveal: 'I will mark messages with indicators (🔎), and look them up when someone asks from the mark.',
  off: 'I will ignore indicators posted here; /threatcrowd still works.',
};

const isMode = (word: string | undefined): word is ChannelMode => CHANNEL_MODES.includes(word as ChannelMode);

export const channelCommand: Command<{ readonly kind: 'channel'; readonly mode: ChannelMode }> = {
  metadata: {
    name: 'channel',
    aliases: [],
    usage: `${SLASH} channel auto|reveal|off`,
    summary: 'How I treat indicators posted here: auto (answer in a thread), reveal (mark, answer on request), off.',
    examples: [`${SLASH} channel reveal`],
    args: [{ name: 'mode', description: 'auto, reveal or off', required: true, choices: [...CHANNEL_MODES] }],
  },
  parse(words) {
    const mode = words[0]?.text.toLowerCase();
    if (words.length !== 1 || !isMode(mode)) {
      throw new UserError(`Choose a channel mode: ${CHANNEL_MODES.join(', ')}.`, channelCommand.metadata.usage);
    }
    return { kind: 'channel', mode };
  },
  async run({ mode }, ctx) {
    await setChannelMode(ctx.deps.store, ctx.invocation, mode);
    return [{ kind: 'notice', visibility: 'public', text: `Channel mode set to ${mode}. ${EXPLAIN[mode]}` }];
  },
};
