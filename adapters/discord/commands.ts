/**
 * The `/threatcrowd` slash command for Discord, built from the core's command metadata, and the mapping
 * from a chat-input interaction's options back to the core's command text. Pure.
 */
import { channelMetadata } from '../../src/commands/channel.js';
import { helpMetadata } from '../../src/commands/help.js';
import { lookupMetadata, typedLookupMetadata } from '../../src/commands/lookup.js';
import { statusMetadata } from '../../src/commands/status.js';
import { voteMetadata } from '../../src/commands/vote.js';
import { CHANNEL_MODES } from '../../src/core/command.js';

const STRING = 3;
const SUB_COMMAND = 1;
const CHAT_INPUT = 1;

interface Option {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string }>;
  options?: Option[];
  max_length?: number;
}

const desc = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text);
const choices = (values: readonly string[]) => values.map((v) => ({ name: v, value: v }));

const TYPED: Array<[string, string]> = [
  ['domain', 'Look up a domain'],
  ['ip', 'Look up an IP address'],
  ['email', 'Look up an e-mail address'],
  ['file', 'Look up an MD5 or SHA1 file hash'],
  ['antivirus', 'Look up a malware family name, such as plugx'],
];

/** The application command JSON that `deploy-commands` registers. */
export function slashCommandJson() {
  const value = (description: string): Option => ({ type: STRING, name: 'value', description, required: true, max_length: 512 });
  const options: Option[] = [
    {
      type: SUB_COMMAND,
      name: 'lookup',
      description: desc(lookupMetadata.summary),
      options: [{ ...value('indicators, separated by spaces'), name: 'indicators', max_length: 2000 }],
    },
    ...TYPED.map(
      ([name, description]): Option => ({ type: SUB_COMMAND, name, description, options: [value(description.replace(/^Look up /, ''))] }),
    ),
    {
      type: SUB_COMMAND,
      name: 'vote',
      description: desc(voteMetadata.summary),
      options: [
        { type: STRING, name: 'verdict', description: 'malicious or safe', required: true, choices: choices(['malicious', 'safe']) },
        { ...value('the indicator to vote on'), name: 'indicator' },
      ],
    },
    {
      type: SUB_COMMAND,
      name: 'channel',
      description: desc(channelMetadata.summary),
      options: [{ type: STRING, name: 'mode', description: 'auto, reveal or off', required: true, choices: choices(CHANNEL_MODES) }],
    },
    { type: SUB_COMMAND, name: 'help', description: desc(helpMetadata.summary) },
    { type: SUB_COMMAND, name: 'status', description: desc(statusMetadata.summary) },
  ];
  return [
    {
      type: CHAT_INPUT,
      name: 'threatcrowd',
      description: desc(typedLookupMetadata.summary.replace(/;.*/, '') || 'ThreatCrowd lookups'),
      options,
    },
  ];
}

/** Sub-commands whose answers only the asker sees: the deferral is private from the start. */
export const PRIVATE_SUBCOMMANDS: ReadonlySet<string> = new Set(['help', 'status']);

const quote = (value: string) => `"${value.replace(/"/g, '')}"`;

/** The core's command text for a sub-command and its options. */
export function commandText(subcommand: string, option: (name: string) => string | null): string {
  switch (subcommand) {
    case 'lookup':
      return option('indicators') ?? '';
    case 'vote':
      return `vote ${option('verdict') ?? ''} ${option('indicator') ?? ''}`;
    case 'channel':
      return `channel ${option('mode') ?? ''}`;
    case 'help':
    case 'status':
      return subcommand;
    default: {
      const type = subcommand === 'antivirus' ? 'av' : subcommand;
      return `${type} ${quote(option('value') ?? '')}`;
    }
  }
}
