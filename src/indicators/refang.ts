/**
 * Refanging: turn the defanged spellings in `refang-rules.ts` back into live syntax, remembering which
 * characters a substitution produced so the detector can tell which indicators were written defanged.
 * Every rule is bounded (no unbounded quantifier). A pass can expose a new defanged form
 * (`[[.]]` → `[.]`), so passes repeat until nothing changes, at most MAX_PASSES times: linear overall.
 */
import { REFANG_RULES } from './refang-rules.js';

const DEFANG_PATTERN = new RegExp(REFANG_RULES.map((rule) => `(${rule.pattern})`).join('|'), 'gi');
const MAX_PASSES = 6;

/** Text after refanging, with a flag per character set where a substitution produced it (empty: none did). */
export interface RefangResult {
  readonly text: string;
  readonly marked: Uint8Array;
}

function replacementFor(match: RegExpExecArray, text: string): string {
  // Each rule is one capturing group (rules have none of their own): the defined one says which matched.
  for (let i = 0; i < REFANG_RULES.length; i++) {
    if (match[i + 1] !== undefined) return REFANG_RULES[i]?.replace(match[0], text, match.index) ?? match[0];
  }
  return match[0];
}

/** Growable output: text pieces and their per-character flags. */
class MarkedBuilder {
  private parts: string[] = [];
  private flags: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.flags = new Uint8Array(capacity);
  }
  /** Appends `piece`; its flags come from `from`, or are all set (`null`: a substitution's output). */
  push(piece: string, from: Uint8Array | null): void {
    if (this.length + piece.length > this.flags.length) {
      const bigger = new Uint8Array((this.length + piece.length) * 2);
      bigger.set(this.flags);
      this.flags = bigger;
    }
    if (!from) this.flags.fill(1, this.length, this.length + piece.length);
    else if (from.length > 0) this.flags.set(from, this.length); // an empty `marked` stands for all clear
    this.parts.push(piece);
    this.length += piece.length;
  }
  result(): RefangResult {
    return { text: this.parts.join(''), marked: this.flags.subarray(0, this.length) };
  }
}

/** One pass of the rules over `text`; `again` when a substitution may have made a new defanged form next to it. */
function pass(text: string, marked: Uint8Array): (RefangResult & { again: boolean }) | null {
  const pattern = DEFANG_PATTERN;
  pattern.lastIndex = 0;
  let out: MarkedBuilder | null = null;
  let last = 0;
  const substituted: number[] = []; // where each substitution ends in the output
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const replacement = replacementFor(match, text);
    if (replacement === match[0]) {
      pattern.lastIndex = match.index + 1; // declined or already live: a shorter rule may still match inside
      continue;
    }
    out ??= new MarkedBuilder(text.length + 64);
    out.push(text.slice(last, match.index), marked.length > 0 ? marked.subarray(last, match.index) : marked);
    out.push(replacement, null);
    substituted.push(out.length);
    last = match.index + match[0].length;
  }
  if (!out) return null;
  out.push(text.slice(last), marked.length > 0 ? marked.subarray(last) : marked);
  const result = out.result();
  // `[[.]]`, `h[xx]p[:]//`: only the text around a substitution can hold a form this pass made.
  const again = substituted.some((end) => mayBeDefanged(result.text.slice(Math.max(0, end - 16), end + 12)));
  return { ...result, again };
}

/**
 * A quick test that no rule can match (most chat text): each alternative is the start of one or more rules
 * in `refang-rules.ts` (an opening bracket before a dot, comma, `@`, `:`, `/` or a defang word; a closing one
 * after a dot; `<.`, `^.`, `\\.`; schemes written `hxxp`, `https//`, `http ://`, `http:///`, `hxxp__`; `dot` in
 * any case; ` . `; the Unicode dots). A live `http://` is not among them, so refanged text passes it.
 */
const MAYBE_DEFANGED =
  /[[({][[({\s]{0,3}(?:[\\.,@:/-]|at|arroba|dot|punt|et|h[xt])|[\])}]\.|\.[\])]|<\.|\^\.|\\\.|[\u2024\u3002\uFF0E\uFF61]|[a-z](?:\/\/|__)|\/\/\/| :\/\/|h(?:xx|\[|\*\*)|fxp|dot| \. /i;

/** True when some defang rule may match `text`. */
export function mayBeDefanged(text: string): boolean {
  return MAYBE_DEFANGED.test(text);
}

const NOTHING_MARKED = new Uint8Array(0);

/** Refangs `text` and flags the characters the substitutions produced (`marked` is empty when none did). */
export function refangWithMarks(text: string): RefangResult {
  let result: RefangResult = { text, marked: NOTHING_MARKED };
  // A pass runs only while a rule may match: most text needs none, most defanged text one.
  let again = mayBeDefanged(text);
  for (let i = 0; i < MAX_PASSES && again; i++) {
    const next = pass(result.text, result.marked);
    if (!next) break;
    result = { text: next.text, marked: next.marked };
    again = next.again;
  }
  return result;
}

/** Refangs `text` (`evil[.]com` → `evil.com`, `hxxps[:]//` → `https://`, `foo[-]bar` → `foo-bar`). */
export function refang(text: string): string {
  return refangWithMarks(text).text;
}
