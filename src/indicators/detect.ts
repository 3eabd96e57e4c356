/**
 * Indicator detection in chat text: markup removed, refanged, cut into tokens at characters that
 * never belong to an indicator, then each whole token validated (a piece of an invalid token is never
 * accepted). Every step is linear in the text's length.
 */
import type { Candidate, TokenContext } from './candidate.js';
import { stripMarkup } from './markup.js';
import { refangWithMarks } from './refang.js';
import { rememberedTokenCandidates } from './token-cache.js';
import { forEachCandidateToken } from './token-scanner.js';
import type { DetectOptions, Indicator, ScanResult, SkippedIndicator } from './types.js';

export const DEFAULT_MAX_LENGTH = 40_000;

/** Cuts text over `max` characters at the last white space before the cap, so no token is cut in two. */
function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return space > 0 ? cut.slice(0, space) : cut;
}

/**
 * Tells whether [start, end) overlaps one of the `marked` ranges (flat [start, end) pairs, in order of
 * start). Tokens come in order, so a cursor skips the ranges that end before them: linear overall.
 */
class MarkReader {
  private cursor = 0;
  constructor(private readonly marked: readonly number[]) {}
  overlaps(start: number, end: number): boolean {
    const marked = this.marked;
    while (this.cursor < marked.length && (marked[this.cursor + 1] ?? 0) <= start && (marked[this.cursor] ?? 0) < start) {
      this.cursor += 2;
    }
    for (let i = this.cursor; i < marked.length; i += 2) {
      if ((marked[i] ?? 0) >= end) return false;
      if ((marked[i + 1] ?? 0) > start) return true;
    }
    return false;
  }
}

/** Candidates in order of first appearance, each once (defanged if any sighting was); a map only once there are many. */
class CandidateList {
  readonly items: Candidate[] = [];
  private index: Map<string, number> | null = null;

  add(found: Candidate): void {
    const at = this.indexOf(found);
    if (at < 0) {
      this.items.push(found);
      if (this.index) this.index.set(`${found.type}:${found.value}`, this.items.length - 1);
      else if (this.items.length > 16) this.index = new Map(this.items.map((c, i) => [`${c.type}:${c.value}`, i]));
      return;
    }
    const earlier = this.items[at] as Candidate;
    if (found.defanged && !earlier.defanged) this.items[at] = { ...earlier, defanged: true };
  }

  private indexOf(found: Candidate): number {
    if (this.index) return this.index.get(`${found.type}:${found.value}`) ?? -1;
    return this.items.findIndex((c) => c.value === found.value && c.type === found.type);
  }
}

/** Every indicator in `text`, and those recognised but never to be looked up with their reason. */
export function scanText(text: string, options: DetectOptions = {}): ScanResult {
  const plain = stripMarkup(capLength(String(text), options.maxLength ?? DEFAULT_MAX_LENGTH));
  const { text: refanged, marked } = refangWithMarks(plain);
  const seen = new CandidateList();
  const anyDefanged = marked.length > 0;
  const marks = new MarkReader(marked);
  const trusted = options.context === 'command';
  const ignoreDomains = options.ignoreDomains ?? [];
  // One context for every token, updated in place: a token's candidates copy what they need from it.
  const ctx: { -readonly [K in keyof TokenContext]: TokenContext[K] } = {
    source: refanged,
    start: 0,
    next: '',
    defanged: false,
    inUrl: false,
    gluedKey: null,
    trusted,
    ignoreDomains,
  };
  forEachCandidateToken(refanged, (start, end) => {
    ctx.start = start;
    ctx.next = refanged[end] ?? '';
    ctx.defanged = anyDefanged && marks.overlaps(start, end);
    for (const found of rememberedTokenCandidates(refanged.slice(start, end), ctx)) seen.add(found);
  });
  const indicators: Indicator[] = [];
  const skipped: SkippedIndicator[] = [];
  for (const { type, value, defanged, reason } of seen.items) {
    if (reason) skipped.push({ type, value, defanged, reason });
    else indicators.push({ type, value, defanged });
  }
  return { indicators, skipped };
}

/** De-duplicated indicators in `text`, in order of first appearance, in canonical form. */
export function detectIndicators(text: string, options: DetectOptions = {}): Indicator[] {
  return scanText(text, options).indicators;
}
