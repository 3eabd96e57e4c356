/**
 * The grammar of `/threatcrowd …`: the first word selects a command from the registry (bare indicators are a
 * lookup), and that command reads the rest. Malformed input is a UserError with a usage line; never a throw.
 */
import type { Command, ParsedArgs, ParseOptions } from '../core/command.js';
import { SLASH } from '../core/slash.js';
import { tokenize } from '../core/tokenize.js';
import { isUserError, UserError } from '../errors/user-error.js';
import { commandFor, DEFAULT_COMMAND, USAGE } from './registry.js';

/** A command and what its parser read. */
export interface ReadCommand {
  readonly command: Command;
  readonly args: ParsedArgs;
}

/** Reads the text after `/threatcrowd` into a command and its arguments, or a UserError. */
export function readCommand(text: string, options: ParseOptions = {}): ReadCommand | UserError {
  try {
    return readOrThrow(String(text ?? ''), options);
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
}

/** The parsed form of a command's text (`{ kind: 'lookup', targets }`), or a UserError. */
export function parseCommand(text: string, options: ParseOptions = {}): ParsedArgs | UserError {
  const read = readCommand(text, options);
  return isUserError(read) ? read : read.args;
}

function readOrThrow(text: string, options: ParseOptions): ReadCommand {
  const words = tokenize(text);
  const [first, ...rest] = words;
  if (!first) throw new UserError('Tell me what to look up.', USAGE);
  const keyword = first.literal ? null : first.text.toLowerCase();
  const command = keyword === null ? undefined : commandFor(keyword);
  if (command) return { command, args: command.parse(rest, { ...options, keyword }) };
  if (keyword && /^[a-z]+$/.test(keyword) && !first.text.includes('.')) {
    const word = first.text.slice(0, 40);
    throw new UserError(`I don't know the word "${word}". For a malware family, try: ${SLASH} av ${word}`, USAGE);
  }
  return { command: DEFAULT_COMMAND, args: DEFAULT_COMMAND.parse(words, { ...options, keyword: null }) };
}
