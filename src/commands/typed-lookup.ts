/**
 * `/threatcrowd domain|ip|email|file|av <value>`: look up a value of a given type (a malware family needs `av`).
 * `file` without a value hashes the file attached to the command (Discord's attachment option) instead.
 */
import { hashAttachedFiles } from '../answers/file-answers.js';
import type { ArgumentMetadata, Command } from '../core/command.js';
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

const FILE_ARGS: readonly ArgumentMetadata[] = [
  { name: 'value', description: 'an MD5, SHA-1 or SHA-256 file hash', required: false, maxLength: 512, literal: true },
  { name: 'file', description: 'a file to hash here (it is never uploaded anywhere)', required: false, attachment: true },
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
      description: name === 'file' ? 'Look up a file hash, or hash an attached file here (never uploaded)' : `Look up ${what}`,
      keyword,
      args: name === 'file' ? FILE_ARGS : [{ name: 'value', description: what, required: true, maxLength: 512, literal: true }],
    })),
  },
  parse(words, input) {
    const type = TYPE_WORDS[input.keyword ?? ''] ?? 'domain';
    // `file` alone: the attached file is hashed (no attachment is a usage error when it runs).
    if (type === 'file' && words.length === 0) return { kind: 'lookup', targets: [] };
    return parseTypedValues(words, type, input);
  },
  run: (args, ctx) => (args.targets.length === 0 ? hashAttachedFiles(ctx) : runLookup(args.targets, ctx)),
};
