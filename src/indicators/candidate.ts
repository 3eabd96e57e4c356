/** What token parsing produces, and the context a token is read in. */
import type { Indicator, IndicatorType, SkipReason } from './types.js';

/** An indicator found in a token, with why it must not go upstream (or null). */
export interface Candidate extends Indicator {
  readonly reason: SkipReason | null;
}

export interface TokenContext {
  readonly source: string; // the whole refanged text
  readonly start: number; // where the token starts in it
  readonly next: string; // the character right after the token
  readonly defanged: boolean;
  readonly inUrl: boolean;
  readonly gluedKey: string | null;
  readonly trusted: boolean; // typed to the bot on purpose, or named by an analysis-site link: no chat heuristics
  readonly ignoreDomains: readonly string[];
}

export function candidate(type: IndicatorType, value: string, ctx: TokenContext, reason: SkipReason | null): Candidate {
  return { type, value, defanged: ctx.defanged, reason };
}

/** No candidates: one shared, frozen empty list (most tokens yield none). */
export const NONE: Candidate[] = Object.freeze([]) as unknown as Candidate[];
