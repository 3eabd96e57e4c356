/**
 * Cutting text into tokens at characters that never belong to an indicator, with a char-code table
 * instead of a regular expression: most of a chat message is words with no `.`, `:` or `@`, and this
 * loop passes over them without building a string or a match object.
 */

const DELIMITER = 1;
const ANCHOR = 2;
const PERCENT = 3;

/** Per UTF-16 code unit: delimiter, anchor (`.`, `:`, `@`) or part of a token (0). */
const CLASS = new Uint8Array(65_536);
// CJK text is written without spaces: its characters end a token (`访问evil.com` holds `evil.com`).
for (const [from, to] of [
  [0x3000, 0x9fff],
  [0xac00, 0xd7af],
  [0xff00, 0xffef],
]) {
  CLASS.fill(DELIMITER, from ?? 0, (to ?? 0) + 1);
}
for (const c of '()<>{}[]"\'`,;|!*^\\=“”‘’«»「」') CLASS[c.charCodeAt(0)] = DELIMITER;
for (let c = 0; c < 65_536; c++) if (/\s/.test(String.fromCharCode(c))) CLASS[c] = DELIMITER;
for (const c of '.:@') CLASS[c.charCodeAt(0)] = ANCHOR;
CLASS['%'.charCodeAt(0)] = PERCENT;

/** Shortest and longest hash-shaped token without an anchor worth a look (a 32–64 hex run with a little wrapping). */
const HASH_MIN = 32;
const HASH_MAX = 70;

/**
 * A word whose only anchor is a `.` or `:` at its end (`done.`, `IOC:`, `kernel:`) holds no indicator once that
 * end is trimmed (`token-candidates.ts`), unless it is `localhost.` or percent-encoded; a sentence end is the
 * commonest anchor in chat, so it is passed over here without building the word.
 */
function onlyAnAnchorAtTheEnd(text: string, start: number, end: number, anchors: number, lastAnchor: number): boolean {
  if (anchors !== 1 || lastAnchor !== end - 1 || text.charCodeAt(lastAnchor) === 64) return false; // `@`
  return !(end - start === 10 && text.slice(start, end - 1).toLowerCase() === 'localhost');
}

/**
 * Calls `visit(start, end)` for every token that could hold an indicator: one with a `.`, `:` or `@` other
 * than a single one closing it, one of hash length, one with a `%`, or `localhost`.
 */
export function forEachCandidateToken(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && CLASS[text.charCodeAt(i)] === DELIMITER) i++;
    const start = i;
    let anchors = 0;
    let lastAnchor = -1;
    let percent = false;
    for (; i < n; i++) {
      const k = CLASS[text.charCodeAt(i)];
      if (k === 0) continue;
      if (k === DELIMITER) break;
      if (k === ANCHOR) {
        anchors++;
        lastAnchor = i;
      } else percent = true;
    }
    const length = i - start;
    if (length === 0) continue;
    const hashLength = length >= HASH_MIN && length <= HASH_MAX;
    if (anchors > 0 && (percent || hashLength || !onlyAnAnchorAtTheEnd(text, start, i, anchors, lastAnchor))) visit(start, i);
    else if (hashLength || (length === 9 && text.slice(start, i).toLowerCase() === 'localhost')) visit(start, i);
  }
}
