/**
 * Refanging: turn the common defanged spellings back into live syntax, remembering where
 * a substitution happened so the detector can tell which indicators were written defanged.
 * Every alternative is bounded (no unbounded quantifier), so the pass is linear.
 */

// Order matters: whole bracketed forms before half brackets.
const DEFANG_PATTERN = new RegExp(
  [
    String.raw`\s?[\[({]\s?(?:\.|dot)\s?[\])}]\s?`, // [.] (.) {.} [dot] (dot) {dot}, optionally spaced
    String.raw`\s?[\[({]\s?(?:@|at)\s?[\])}]\s?`, // [@] [at] (at) {at}
    String.raw`\[\s?:\s?\/\s?\/\s?\]`, // [://]
    String.raw`\[\s?:\s?\]`, // [:]
    String.raw`\[\s?\/\s?\]`, // [/]
    String.raw`\[\.(?=[a-z0-9])`, // half bracket: example[.com, 1.1.1[.1
    String.raw`(?<=[a-z0-9])\.\]`, // half bracket: example.]com
    String.raw`\\\.`, // \.
    String.raw`\bh(?:xx|\[xx\]|\[tt\]|\*\*)p(s?)(?=\[?:)`, // hxxp hXXp hxxps h[xx]p h[tt]p
    String.raw`\bfxp(?=\[?:)`, // fxp://
  ].join('|'),
  'gi',
);

/** Text after refanging, with the offsets (in the refanged text) where a substitution was made. */
export interface RefangResult {
  readonly text: string;
  /** Sorted offsets in `text` of every character that a substitution produced. */
  readonly marks: readonly number[];
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

/** Refangs `text` and reports where it changed. */
export function refangWithMarks(text: string): RefangResult {
  const marks: number[] = [];
  let out = '';
  let last = 0;
  for (const match of text.matchAll(DEFANG_PATTERN)) {
    const index = match.index ?? 0;
    out += text.slice(last, index);
    const replacement = replacementFor(match[0], match[1]);
    for (let i = 0; i < replacement.length; i++) marks.push(out.length + i);
    out += replacement;
    last = index + match[0].length;
  }
  out += text.slice(last);
  return { text: out, marks };
}

/** Refangs `text` (`evil[.]com` → `evil.com`, `hxxps[:]//` → `https://`). Idempotent. */
export function refang(text: string): string {
  return refangWithMarks(text).text;
}
