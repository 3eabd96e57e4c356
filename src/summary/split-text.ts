/**
 * Splits text into pieces of at most `max` characters, preferring line breaks, then spaces; the pieces
 * joined with '' give back the text exactly (no character lost or added).
 */
export function splitText(text: string, max: number): string[] {
  if (!(max >= 1)) throw new RangeError(`max must be >= 1, got ${max}`);
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n') + 1;
    if (cut < max / 2) cut = window.lastIndexOf(' ') + 1;
    if (cut < max / 2) cut = max;
    // Never cut a surrogate pair in two.
    const code = rest.charCodeAt(cut - 1);
    if (cut > 1 && code >= 0xd800 && code <= 0xdbff) cut--;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** Cuts `text` to at most `max` characters, ending with '…' when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  return `${text.slice(0, code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut)}…`;
}
