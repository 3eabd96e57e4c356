/** The parsed forms of the bot's commands and the neutral metadata that help and the adapters read. */
import type { LookupTarget } from '../lookup/resolve-target.js';

export const CHANNEL_MODES = ['auto', 'reveal', 'off'] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];

export type LookupCommand = { readonly kind: 'lookup'; readonly targets: readonly LookupTarget[] };

export type Command =
  | LookupCommand
  | { readonly kind: 'vote'; readonly malicious: boolean; readonly target: LookupTarget }
  | { readonly kind: 'help' }
  | { readonly kind: 'status' }
  | { readonly kind: 'channel'; readonly mode: ChannelMode };

/** One argument of a command, for help text and for Discord's slash-command options. */
export interface ArgumentMetadata {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly choices?: readonly string[];
}

/** What a command is called and how it is used; the parser, help and the adapters share it. */
export interface CommandMetadata {
  /** The keyword (absent for the default lookup, which takes bare indicators). */
  readonly name: string;
  readonly aliases: readonly string[];
  readonly usage: string;
  readonly summary: string;
  readonly examples: readonly string[];
  readonly args: readonly ArgumentMetadata[];
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
