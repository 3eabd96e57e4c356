/**
 * The indicators of a token, remembered for tokens whose answer depends on nothing but the token itself, its
 * defanged flag and whether `(` follows it: chat repeats the same words (`user.name`, `main.py`, a domain
 * pasted twice), and reading one costs several expressions. Never remembered: hash-length tokens (the text
 * before a hash decides whether it is a secret), links (an analysis link's value may lie past the token),
 * percent-encoded tokens (decoded against the text), values typed to the bot (no chat rules).
 */
import type { Candidate, TokenContext } from './candidate.js';
import { tokenCandidates } from './token-candidates.js';

const MAX_ENTRIES = 20_000;
/** A token this long or longer may hold a hash (32 hex digits): never remembered. */
const MAX_REMEMBERED_LENGTH = 31;

/** One map per context variant: [defanged][followed by `(`]. */
const remembered: Map<string, Candidate[]>[] = [new Map(), new Map(), new Map(), new Map()];
let rememberedFor: readonly string[] = [];
let rememberedForKey = '';
let entries = 0;

/** Forgets every remembered answer (tests compare remembered answers with fresh ones). */
export function forgetRememberedTokens(): void {
  for (const map of remembered) map.clear();
  entries = 0;
}

/** The answers depend on IGNORE_DOMAINS: a different list forgets them. */
function useIgnoreList(ignoreDomains: readonly string[]): void {
  if (ignoreDomains === rememberedFor) return;
  const key = ignoreDomains.join('\n');
  rememberedFor = ignoreDomains;
  if (key === rememberedForKey) return;
  rememberedForKey = key;
  forgetRememberedTokens();
}

function rememberable(raw: string, ctx: TokenContext): boolean {
  return (
    raw.length <= MAX_REMEMBERED_LENGTH && !ctx.trusted && !ctx.inUrl && ctx.gluedKey === null && !raw.includes('%') && !raw.includes('://')
  );
}

/** `tokenCandidates(raw, ctx)`, from memory when the token has been read in the same kind of context. */
export function rememberedTokenCandidates(raw: string, ctx: TokenContext): Candidate[] {
  if (!rememberable(raw, ctx)) return tokenCandidates(raw, ctx);
  useIgnoreList(ctx.ignoreDomains);
  const map = remembered[(ctx.defanged ? 2 : 0) + (ctx.next === '(' ? 1 : 0)] as Map<string, Candidate[]>;
  const hit = map.get(raw);
  if (hit !== undefined) return hit;
  const found = Object.freeze(tokenCandidates(raw, ctx)) as Candidate[];
  if (entries >= MAX_ENTRIES) forgetRememberedTokens();
  map.set(raw, found);
  entries++;
  return found;
}
