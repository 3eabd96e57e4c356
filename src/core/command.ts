/**
 * A command is one object: neutral metadata (what help, the Discord command and the Slack manifest show), a
 * parser for the words after its keyword, and `run`, which returns replies. The registry lists them.
 */
import type { CommandContext } from './context.js';
import type { Reply } from './reply.js';
import type { Word } from './tokenize.js';

/** One argument of a command, for help text and for Discord's slash-command options. */
export interface ArgumentMetadata {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly choices?: readonly string[];
  /** Longest value a platform form accepts. @default 512 */
  readonly maxLength?: number;
  /** The value is one literal word (quoted when a platform form turns it back into command text). */
  readonly literal?: boolean;
  /** A file rather than text (a Discord attachment option); it reaches the command as an invocation attachment. */
  readonly attachment?: boolean;
}

/** One entry of a platform's structured form of the command (a Discord sub-command). */
export interface CommandForm {
  readonly name: string;
  readonly description: string;
  /** The words that start the command text (empty for bare indicators). */
  readonly keyword: string;
  readonly args: readonly ArgumentMetadata[];
}

/** What a command is called and how it is used; the parser, help and the adapters share it. */
export interface CommandMetadata {
  /** The keyword that selects the command. */
  readonly name: string;
  /** Other keywords that select it. */
  readonly aliases: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly examples: readonly string[];
  readonly args: readonly ArgumentMetadata[];
  /** Only the person who asked sees the answer (a platform may defer privately from the start). */
  readonly private?: boolean;
  /** The structured forms (Discord sub-commands). @default one form: name, summary, args */
  readonly forms?: readonly CommandForm[];
}

export interface ParseOptions {
  readonly ignoreDomains?: readonly string[];
  /** Most values in one command. @default 10 */
  readonly maxIndicators?: number;
  /** How a lookup is typed where hints are shown. @default '/threatcrowd' */
  readonly lookupPrefix?: string;
  /** Said after "At most N values per command", e.g. which setting raises the cap. */
  readonly capHint?: string;
}

/** What a command's parser is given besides the words after its keyword. */
export interface ParseInput extends ParseOptions {
  /** The keyword that selected the command, lower-cased; null for the default command (bare indicators). */
  readonly keyword: string | null;
}

/** Every parsed command carries its kind, so the parser's result reads on its own (`{ kind: 'vote', … }`). */
export interface ParsedArgs {
  readonly kind: string;
}

export interface Command<Args extends ParsedArgs = ParsedArgs> {
  readonly metadata: CommandMetadata;
  /** Reads the words after the keyword; throws a UserError (with a usage line) for anything malformed. */
  parse(words: readonly Word[], input: ParseInput): Args;
  run(args: Args, ctx: CommandContext): Promise<Reply[]>;
}

/** The structured forms of a command: its own, or the single form its metadata implies. */
export function formsOf(metadata: CommandMetadata): readonly CommandForm[] {
  return metadata.forms ?? [{ name: metadata.name, description: metadata.summary, keyword: metadata.name, args: metadata.args }];
}
