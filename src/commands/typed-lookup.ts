/** `/threatcrowd domain|ip|email|file|av <value>`: look up a value of a given type (a malware family needs `av`). */
import type { Command } from '../core/command.js';
import { SLASH } from '../core/slash.js';
import { LOOKUP_TYPES, type LookupType } from '../report/report.js';
import { runLookup } from './lookup.js';
import { type LookupArgs, parseTypedValues, TYPE_WORDS } from './parse-lookup.js';

const FORMS: ReadonlyArray<[LookupType, string, string]> = [
  ['domain', 'domain', 'a domain'],
  ['ip', 'ip', 'an IP address'],
  ['email', 'email', 'an e-mail address'],
  ['file', 'file', 'an MD5, SHA-1 or SHA-256 file hash'],
  ['antivirus', 'av', 'a malware family name, such as plugx'],
];

export const typedLookupCommand: Command<LookupArgs> = {
  metadata: {
    name: 'domain',
    aliases: Object.keys(TYPE_WORDS).filter((w) => w !== 'domain'),
    usage: `${SLASH} domain|ip|email|file|av <value>`,
    summary: 'Look up a value of a given type; `av` (antivirus) takes a malware family name such as plugx.',
    examples: [`${SLASH} av plugx`, `${SLASH} file ec8c89aa5e521572c74e2dd02a4daf78`],
    args: [
      { name: 'type', description: 'what the value is', required: true, choices: [...LOOKUP_TYPES] },
      { name: 'value', description: 'the value to look up', required: true },
    ],
    forms: FORMS.map(([name, keyword, what]) => ({
      name,
      description: `Look up ${what}`,
      keyword,
      args: [{ name: 'value', description: what, required: true, maxLength: 512, literal: true }],
    })),
  },
  parse(words, input) {
    return parseTypedValues(words, TYPE_WORDS[input.keyword ?? ''] ?? 'domain', input);
  },
  run: (args, ctx) => runLookup(args.targets, ctx),
};
