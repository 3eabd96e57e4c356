/** Metadata of every command, in the order help lists them. */
import { LOOKUP_TYPES } from '../threatcrowd/report.js';
import { CHANNEL_MODES, type CommandMetadata } from './types.js';

export const SLASH = '/threatcrowd';

export const LOOKUP: CommandMetadata = {
  name: 'lookup',
  aliases: [],
  usage: `${SLASH} <indicator> [more indicators…]`,
  summary: 'Look up domains, IPs, e-mail addresses or MD5/SHA1 hashes (defanged is fine); the type is inferred.',
  examples: [`${SLASH} evil[.]com`, `${SLASH} 188.40.75[.]132 william19770319[@]yahoo[.]com`],
  args: [{ name: 'indicators', description: 'one or more indicators, separated by spaces', required: true }],
};

export const TYPED_LOOKUP: CommandMetadata = {
  name: 'domain',
  aliases: ['ip', 'email', 'file', 'hash', 'av', 'antivirus'],
  usage: `${SLASH} domain|ip|email|file|av <value>`,
  summary: 'Look up a value of a given type; `av` (antivirus) takes a malware family name such as plugx.',
  examples: [`${SLASH} av plugx`, `${SLASH} file ec8c89aa5e521572c74e2dd02a4daf78`],
  args: [
    { name: 'type', description: 'what the value is', required: true, choices: [...LOOKUP_TYPES] },
    { name: 'value', description: 'the value to look up', required: true },
  ],
};

export const VOTE: CommandMetadata = {
  name: 'vote',
  aliases: [],
  usage: `${SLASH} vote malicious|safe <indicator>`,
  summary: 'Vote on an indicator for the ThreatCrowd crowd (one current vote per person).',
  examples: [`${SLASH} vote malicious evil[.]com`, `${SLASH} vote safe example[.]org`],
  args: [
    { name: 'verdict', description: 'malicious (bad) or safe (good, not-malicious)', required: true, choices: ['malicious', 'safe'] },
    { name: 'indicator', description: 'the indicator to vote on', required: true },
  ],
};

export const CHANNEL: CommandMetadata = {
  name: 'channel',
  aliases: [],
  usage: `${SLASH} channel auto|reveal|off`,
  summary: 'How I treat indicators posted here: auto (answer in a thread), reveal (mark, answer on request), off.',
  examples: [`${SLASH} channel reveal`],
  args: [{ name: 'mode', description: 'auto, reveal or off', required: true, choices: [...CHANNEL_MODES] }],
};

export const STATUS: CommandMetadata = {
  name: 'status',
  aliases: [],
  usage: `${SLASH} status`,
  summary: 'Queue, cache, upstream health, pending votes and uptime.',
  examples: [`${SLASH} status`],
  args: [],
};

export const HELP: CommandMetadata = {
  name: 'help',
  aliases: [],
  usage: `${SLASH} help`,
  summary: 'This help.',
  examples: [`${SLASH} help`],
  args: [],
};

export const COMMANDS: readonly CommandMetadata[] = [LOOKUP, TYPED_LOOKUP, VOTE, CHANNEL, STATUS, HELP];

/** One usage line per command, for error replies. */
export const USAGE = COMMANDS.map((c) => c.usage).join('\n');
