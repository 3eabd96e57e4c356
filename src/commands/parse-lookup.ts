/**
 * The one lookup grammar of chat and the command line: `[domain|ip|email|file|av] <value>…`. Hints show the
 * usage where it is typed (`/threatcrowd …` in chat, `threatcrowd-bot lookup …` in a terminal).
 */
import type { ParseOptions } from '../core/command.js';
import { SLASH } from '../core/slash.js';
import type { Word } from '../core/tokenize.js';
import { isUserError, UserError } from '../errors/user-error.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { LookupType } from '../report/report.js';
import { parseTargets } from './parse-targets.js';

/** The words that name a type, and the type each names. */
export const TYPE_WORDS: Readonly<Record<string, LookupType>> = {
  domain: 'domain',
  ip: 'ip',
  email: 'email',
  file: 'file',
  hash: 'file',
  av: 'antivirus',
  antivirus: 'antivirus',
};

export interface LookupArgs {
  readonly kind: 'lookup';
  readonly targets: readonly LookupTarget[];
}

/** The usage lines of a lookup where it is typed. */
export function lookupUsage(prefix = SLASH): { any: string; typed: string } {
  const more = prefix === SLASH ? '' : ' [more values…]';
  return { any: `${prefix} <indicator> [more indicators…]`, typed: `${prefix} domain|ip|email|file|av <value>${more}` };
}

/** Values of one type (the type word already read). */
export function parseTypedValues(words: readonly Word[], type: LookupType, options: ParseOptions): LookupArgs {
  return { kind: 'lookup', targets: parseTargets(words, type, options, lookupUsage(options.lookupPrefix).typed) };
}

/** Reads `[type word] <value>…`; throws a UserError with the usage where it is typed. */
export function parseLookupWords(words: readonly Word[], options: ParseOptions): LookupArgs {
  const prefix = options.lookupPrefix ?? SLASH;
  const usage = lookupUsage(prefix);
  const [first, ...rest] = words;
  const keyword = first && !first.literal ? first.text.toLowerCase() : null;
  const type = keyword ? TYPE_WORDS[keyword] : undefined;
  if (type) return parseTypedValues(rest, type, options);
  if (first && keyword && /^[a-z]+$/.test(keyword) && !first.text.includes('.')) {
    const word = first.text.slice(0, 40);
    throw new UserError(`I don't know the word "${word}". For a malware family, try: ${prefix} av ${word}`, `${usage.any}\n${usage.typed}`);
  }
  return { kind: 'lookup', targets: parseTargets(words, undefined, options, usage.any) };
}

/** Parses a lookup's words alone (the command line's `lookup` arguments, one word each); never throws a UserError. */
export function parseLookup(words: readonly Word[], options: ParseOptions = {}): LookupArgs | UserError {
  try {
    return parseLookupWords(words, options);
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
}
