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

/**
 * As many whole `lines` as fit in `max` characters, then "+N more" counting those left out and `hidden`
 * (items never rendered): a list is shortened, never cut in the middle of an item or a code span.
 */
export function fitLines(lines: readonly string[], max: number, hidden = 0): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1 + hidden;
    const more = rest > 0 ? `\n+${rest} more`.length : 0;
    if (length + line.length + (kept.length > 0 ? 1 : 0) + more > max) break;
    kept.push(line);
    length += line.length + (kept.length > 1 ? 1 : 0);
  }
  const left = lines.length - kept.length + hidden;
  const tail = left > 0 ? `+${left} more` : '';
  return truncate([...kept, ...(tail ? [tail] : [])].join('\n'), max);
}
