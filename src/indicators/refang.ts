/**
 * Refanging: turn the common defanged spellings back into live syntax, remembering which characters a
 * substitution produced so the detector can tell which indicators were written defanged.
 * Every alternative is bounded (no unbounded quantifier). A pass can expose a new defanged form
 * (`[[.]]` → `[.]`), so passes repeat until nothing changes, at most MAX_PASSES times: linear overall.
 */

// Order matters: whole bracketed forms before half brackets.
const DEFANG_PATTERN = new RegExp(
  [
    String.raw`\s?[[({]{1,3}\s?(?:\\?\.|dot)\s?[\])}]{1,3}\s?`, // [.] (.) {.} [dot] (dot) {dot} [[.]], optionally spaced
    String.raw`\s?[[({]{1,3}\s?(?:@|at)\s?[\])}]{1,3}\s?`, // [@] [at] (at) {at}
    String.raw`\[\s?:\s?\/\s?\/\s?\]`, // [://]
    String.raw`\[\s?:\s?\]`, // [:]
    String.raw`\[\s?\/\s?\]`, // [/]
    String.raw`\[{1,3}\.(?=[a-z0-9])`, // half bracket: example[.com, 1.1.1[.1
    String.raw`(?<=[a-z0-9])\.\]{1,3}`, // half bracket: example.]com
    String.raw`\\\.`, // \.
    String.raw`[\u2024\u3002\uFF0E\uFF61]`, // one dot leader, ideographic and full-width full stops used as defanged dots
    String.raw`\bh(?:xx|\[xx\]|\[tt\]|\*\*)p(s?)(?=\[?:)`, // hxxp hXXp hxxps h[xx]p h[tt]p
    String.raw`\bfxp(?=\[?:)`, // fxp://
  ].join('|'),
  'gi',
);
const MAX_PASSES = 6;
/** A quick test: text with none of these characters or words has nothing to refang. */
const MAYBE_DEFANGED = /[[({]\s?(?:\\?\.|dot|@|at|:|\/)|\\\.|\.\]|h(?:xx|\[xx\]|\[tt\]|\*\*)p|fxp|[\u2024\u3002\uFF0E\uFF61]/i;

/** Text after refanging, with a flag per character set where a substitution produced it. */
export interface RefangResult {
  readonly text: string;
  readonly marked: Uint8Array;
}

function replacementFor(match: string, httpsS: string | undefined): string {
  const m = match.toLowerCase();
  if (m.startsWith('h')) return `http${httpsS ?? ''}`;
  if (m.startsWith('f')) return 'ftp';
  if (m.includes('://')) return '://';
  if (m.includes('/')) return '/';
  if (m.includes(':')) return ':';
  if (m.includes('@') || /at/.test(m)) return '@';
  return '.';
}

function pass(text: string, marked: Uint8Array): RefangResult | null {
  let out = '';
  const flags = new Uint8Array(text.length + 8 * 16); // grown below when needed
  let flagsOut = flags;
  let last = 0;
  let changed = false;
  const push = (from: Uint8Array | null, length: number) => {
    if (out.length + length > flagsOut.length) {
      const bigger = new Uint8Array((out.length + length) * 2);
      bigger.set(flagsOut);
      flagsOut = bigger;
    }
    if (from) flagsOut.set(from, out.length);
    else flagsOut.fill(1, out.length, out.length + length);
  };
  for (const match of text.matchAll(DEFANG_PATTERN)) {
    const index = match.index ?? 0;
    const replacement = replacementFor(match[0], match[1]);
    changed ||= replacement !== match[0];
    push(marked.subarray(last, index), index - last);
    out += text.slice(last, index);
    push(null, replacement.length);
    out += replacement;
    last = index + match[0].length;
  }
  if (!changed) return null;
  push(marked.subarray(last), text.length - last);
  out += text.slice(last);
  return { text: out, marked: flagsOut.subarray(0, out.length) };
}

/** Refangs `text` and flags the characters the substitutions produced. */
export function refangWithMarks(text: string): RefangResult {
  let result: RefangResult = { text, marked: new Uint8Array(text.length) };
  for (let i = 0; i < MAX_PASSES && MAYBE_DEFANGED.test(result.text); i++) {
    const next = pass(result.text, result.marked);
    if (!next) break;
    result = next;
  }
  return result;
}

/** Refangs `text` (`evil[.]com` → `evil.com`, `hxxps[:]//` → `https://`). */
export function refang(text: string): string {
  return refangWithMarks(text).text;
}
