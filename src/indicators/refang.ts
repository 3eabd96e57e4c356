/**
 * Refanging: turn the defanged spellings in `refang-rules.ts` back into live syntax, remembering which
 * characters a substitution produced so the detector can tell which indicators were written defanged.
 * Every rule is bounded (no unbounded quantifier). A pass can expose a new defanged form
 * (`[[.]]` → `[.]`), so passes repeat until nothing changes, at most MAX_PASSES times: linear overall.
 */
import { nextDefang } from './refang-scanner.js';

const MAX_PASSES = 6;

/**
 * Text after refanging, and where substitutions produced it: `marked` holds [start, end) pairs of the
 * output, in order (a flat list: typed arrays and objects cost more than the few numbers most texts need).
 */
export interface RefangResult {
  readonly text: string;
  readonly marked: readonly number[];
}

/**
 * Where `position` of the input lands in the output, given the pass's substitutions (input start, input
 * end, output start, output end, in order): a binary search, so carrying many marks stays n log n.
 */
function mapPosition(position: number, subs: readonly number[], clampTo: 'start' | 'end'): number {
  let low = 0;
  let high = subs.length / 4 - 1;
  let found = -1; // the last substitution starting at or before `position`
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((subs[mid * 4] ?? 0) <= position) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  if (found < 0) return position;
  const inEnd = subs[found * 4 + 1] ?? 0;
  const outEnd = subs[found * 4 + 3] ?? 0;
  if (position < inEnd || (position === inEnd && clampTo === 'end' && position > (subs[found * 4] ?? 0))) {
    return clampTo === 'start' ? (subs[found * 4 + 2] ?? 0) : outEnd;
  }
  return position + outEnd - inEnd;
}

/** The marks of the previous passes carried through this one's substitutions, merged with its own. */
function carryMarks(marked: readonly number[], subs: readonly number[]): number[] {
  const ranges: number[] = [];
  if (marked.length === 0) {
    for (let i = 0; i < subs.length; i += 4) ranges.push(subs[i + 2] ?? 0, subs[i + 3] ?? 0); // already in order
    return ranges;
  }
  for (let i = 0; i < marked.length; i += 2)
    ranges.push(mapPosition(marked[i] ?? 0, subs, 'start'), mapPosition(marked[i + 1] ?? 0, subs, 'end'));
  for (let i = 0; i < subs.length; i += 4) ranges.push(subs[i + 2] ?? 0, subs[i + 3] ?? 0);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i] ?? 0, ranges[i + 1] ?? 0]);
  pairs.sort((x, y) => x[0] - y[0]);
  return pairs.flat();
}

/** One pass of the rules over `text`; `again` when a substitution may have made a new defanged form next to it. */
function pass(text: string, marked: readonly number[]): (RefangResult & { again: boolean }) | null {
  const parts: string[] = [];
  const subs: number[] = []; // per substitution: input start, input end, output start, output end
  let length = 0;
  let last = 0;
  for (let match = nextDefang(text, 0); match !== null; ) {
    const replacement = match.rule.replace(match.text, text, match.index);
    if (replacement === match.text) {
      match = nextDefang(text, match.index + 1); // declined or already live: a shorter rule may still match inside
      continue;
    }
    parts.push(text.slice(last, match.index), replacement);
    length += match.index - last;
    last = match.index + match.text.length;
    subs.push(match.index, last, length, length + replacement.length);
    length += replacement.length;
    match = nextDefang(text, last);
  }
  if (subs.length === 0) return null;
  parts.push(text.slice(last));
  const out = parts.join('');
  // `[[.]]`, `h[xx]p[:]//`: only the text around a substitution can hold a form this pass made.
  let again = false;
  for (let i = 3; i < subs.length && !again; i += 4) {
    const end = subs[i] ?? 0;
    again = mayBeDefanged(out.slice(Math.max(0, end - 16), end + 12));
  }
  return { text: out, marked: carryMarks(marked, subs), again };
}

/**
 * A quick test that no rule can match (most chat text): each alternative is the start of one or more rules
 * in `refang-rules.ts` (an opening bracket before a dot, comma, `@`, `:`, `/` or a defang word; a closing one
 * after a dot; `<.`, `^.`, `\\.`; schemes written `hxxp`, `https//`, `http ://`, `http:///`, `hxxp__`; `dot` in
 * any case; ` . `; the Unicode dots). A live `http://` is not among them, so refanged text passes it.
 */
const MAYBE_DEFANGED =
  /[[({][[({\s]{0,3}(?:[\\.,@:/-]|at|arroba|dot|punt|et|h[xt])|[\])}]\.|\.[\])]|<\.|\^\.|\\\.|[\u2024\u3002\uFF0E\uFF61]|\/\/(?<=[a-z]\/\/)|__(?<=[a-z]__)|\/\/\/| :\/\/|h(?:xx|\[|\*\*)|fxp|dot| \. /i;

/** True when some defang rule may match `text`. */
export function mayBeDefanged(text: string): boolean {
  return MAYBE_DEFANGED.test(text);
}

const NOTHING_MARKED: readonly number[] = [];

/** Refangs `text` and lists where the substitutions put live text (`marked` is empty when none did). */
export function refangWithMarks(text: string): RefangResult {
  let result: RefangResult = { text, marked: NOTHING_MARKED };
  let again = true; // the first pass is its own quick test: most text holds no character a rule starts with
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
