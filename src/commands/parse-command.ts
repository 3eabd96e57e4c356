/**
 * The grammar of `/threatcrowd …`. Returns a command, or a UserError (with a usage line) for anything
 * malformed; never throws.
 */

import { CHANNEL_MODES, type ChannelMode, type Command, type LookupCommand, type ParseOptions } from '../core/command.js';
import { SLASH } from '../core/slash.js';
import { tokenize, type Word } from '../core/tokenize.js';
import { UserError } from '../errors/user-error.js';
import { type LookupTarget, resolveTarget } from '../lookup/resolve-target.js';
import type { LookupType } from '../report/report.js';
import { channelMetadata as CHANNEL } from './channel.js';
import { lookupMetadata as LOOKUP, typedLookupMetadata as TYPED_LOOKUP } from './lookup.js';
import { USAGE } from './registry.js';
import { voteMetadata as VOTE } from './vote.js';

const TYPE_WORDS: Record<string, LookupType> = {
  domain: 'domain',
  ip: 'ip',
  email: 'email',
  file: 'file',
  hash: 'file',
  av: 'antivirus',
  antivirus: 'antivirus',
};
const VERDICTS: Record<string, boolean> = {
  malicious: true,
  bad: true,
  safe: false,
  good: false,
  'not-malicious': false,
  notmalicious: false,
};

function targets(words: Word[], type: LookupType | undefined, options: ParseOptions, usage: string): LookupTarget[] {
  const max = options.maxIndicators ?? 10;
  if (words.length === 0) throw new UserError('Tell me what to look up.', usage);
  if (words.length > max)
    throw new UserError(`At most ${max} values per command (got ${words.length}).${options.capHint ? ` ${options.capHint}` : ''}`, usage);
  return words.map((w) => {
    try {
      return resolveTarget(w.text, type, options.ignoreDomains);
    } catch (error) {
      if (error instanceof UserError) throw new UserError(error.message, usage);
      throw error;
    }
  });
}

function parseOrThrow(text: string, options: ParseOptions): Command {
  const words = tokenize(text);
  const [first, ...rest] = words;
  if (!first) throw new UserError('Tell me what to look up.', USAGE);
  const keyword = first.literal ? null : first.text.toLowerCase();
  if (keyword === 'help') return { kind: 'help' };
  if (keyword === 'status') {
    if (rest.length > 0) throw new UserError('`status` takes no arguments.', '/threatcrowd status');
    return { kind: 'status' };
  }
  if (keyword === 'channel') {
    const mode = rest[0]?.text.toLowerCase();
    if (rest.length !== 1 || !CHANNEL_MODES.includes(mode as ChannelMode)) {
      throw new UserError(`Choose a channel mode: ${CHANNEL_MODES.join(', ')}.`, CHANNEL.usage);
    }
    return { kind: 'channel', mode: mode as ChannelMode };
  }
  if (keyword === 'vote') {
    const [verdict, value, ...extra] = rest;
    const malicious = verdict ? VERDICTS[verdict.text.toLowerCase()] : undefined;
    if (malicious === undefined) throw new UserError('Say whether it is malicious or safe.', VOTE.usage);
    if (!value || extra.length > 0) throw new UserError('Vote on exactly one indicator.', VOTE.usage);
    const [target] = targets([value], undefined, options, VOTE.usage);
    if (!target) throw new UserError('Vote on exactly one indicator.', VOTE.usage);
    return { kind: 'vote', malicious, target };
  }
  return parseLookupOrThrow(keyword === 'lookup' ? rest : words, options);
}

/** The usage lines of a lookup where it is typed: `/threatcrowd …` in chat, `threatcrowd-bot lookup …` in a terminal. */
export function lookupUsage(prefix = SLASH): { any: string; typed: string } {
  if (prefix === SLASH) return { any: LOOKUP.usage, typed: TYPED_LOOKUP.usage };
  return { any: `${prefix} <indicator> [more indicators…]`, typed: `${prefix} domain|ip|email|file|av <value> [more values…]` };
}

/** `[lookup] [domain|ip|email|file|av] <value>…`: the one lookup grammar of chat and the command line. */
function parseLookupOrThrow(words: Word[], options: ParseOptions): LookupCommand {
  const prefix = options.lookupPrefix ?? SLASH;
  const usage = lookupUsage(prefix);
  const [first, ...rest] = words;
  const keyword = first && !first.literal ? first.text.toLowerCase() : null;
  const type = keyword ? TYPE_WORDS[keyword] : undefined;
  if (type) return { kind: 'lookup', targets: targets(rest, type, options, usage.typed) };
  if (first && keyword && /^[a-z]+$/.test(keyword) && !first.text.includes('.')) {
    const word = first.text.slice(0, 40);
    const hint = prefix === SLASH ? USAGE : `${usage.any}\n${usage.typed}`;
    throw new UserError(`I don't know the word "${word}". For a malware family, try: ${prefix} av ${word}`, hint);
  }
  return { kind: 'lookup', targets: targets(words, undefined, options, usage.any) };
}

/** Parses a lookup's words alone (the command line's `lookup` arguments, one word each); never throws. */
export function parseLookup(words: readonly Word[], options: ParseOptions = {}): LookupCommand | UserError {
  try {
    return parseLookupOrThrow([...words], options);
  } catch (error) {
    if (error instanceof UserError) return error;
    return new UserError('I could not read that lookup.', lookupUsage(options.lookupPrefix).any);
  }
}

/** Parses the text after `/threatcrowd`. */
export function parseCommand(text: string, options: ParseOptions = {}): Command | UserError {
  try {
    return parseOrThrow(String(text ?? ''), options);
  } catch (error) {
    if (error instanceof UserError) return error;
    return new UserError('I could not read that command.', USAGE);
  }
}
