/**
 * Tokens that hold no indicator, remembered: what repeats in chat is mostly noise (`user.name`, `main.py`,
 * `console.log`, times), and ruling one out costs several expressions. Tokens that hold an indicator are not
 * remembered: in a stream of chat most addresses and names are new, and a map of them costs more in
 * collections than it saves (measured on fresh text, see docs/benchmarks.md). Only tokens whose answer depends
 * on nothing but the token, its defanged flag and whether `(` follows it are remembered: never hash-length
 * tokens (the text before a hash decides whether it is a secret), links (an analysis link's value may lie past
 * the token), percent-encoded tokens (decoded against the text), or values typed to the bot (no chat rules).
 */
import { type Candidate, NONE, type TokenContext } from './candidate.js';
import { tokenCandidates } from './token-candidates.js';

const MAX_ENTRIES = 20_000;
/** A token this long or longer may hold a hash (32 hex digits): never remembered. */
const MAX_REMEMBERED_LENGTH = 31;

/** Tokens ruled out, one set per context variant: [defanged][followed by `(`]. (IGNORE_DOMAINS changes why a
 * candidate is skipped, never whether a token holds one, so it plays no part.) */
const ruledOut: Set<string>[] = [new Set(), new Set(), new Set(), new Set()];
let entries = 0;

/** Forgets every remembered token (tests compare answers with fresh ones). */
export function forgetRememberedTokens(): void {
  for (const set of ruledOut) set.clear();
  entries = 0;
}

function rememberable(raw: string, ctx: TokenContext): boolean {
  return (
    raw.length <= MAX_REMEMBERED_LENGTH && !ctx.trusted && !ctx.inUrl && ctx.gluedKey === null && !raw.includes('%') && !raw.includes('://')
  );
}

/** `tokenCandidates(raw, ctx)`, or none at once when the token was ruled out before in the same kind of context. */
export function rememberedTokenCandidates(raw: string, ctx: TokenContext): Candidate[] {
  if (!rememberable(raw, ctx)) return tokenCandidates(raw, ctx);
  const set = ruledOut[(ctx.defanged ? 2 : 0) + (ctx.next === '(' ? 1 : 0)] as Set<string>;
  if (set.has(raw)) return NONE;
  const found = tokenCandidates(raw, ctx);
  if (found.length > 0) return found;
  if (entries >= MAX_ENTRIES) forgetRememberedTokens();
  set.add(raw);
  entries++;
  return NONE;
}
