/** The input line repeated above its answers when the console reads a pipe, defanged like everything it prints. */
import { plainSafe } from '../../src/summary/render-text.js';

/**
 * Breaks every dot and `@` between word characters and every http scheme, so no indicator in the echo is live
 * (more than strictly needed: `main[.]py` too, which is harmless in an echo).
 */
export function defangLine(line: string): string {
  return plainSafe(line)
    .replace(/\bh(?:tt|xx)p(s?):\/\//gi, 'hxxp$1://')
    .replace(/(?<=\w)\.(?=\w)/g, '[.]')
    .replace(/(?<=\w)@(?=\w)/g, '[@]');
}

export function echoLine(line: string): string {
  return `> ${defangLine(line.trim())}`;
}
