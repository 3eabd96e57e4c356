/**
 * The one rule for every string that came from upstream (or a person) before any renderer sees it:
 * control, format and bidi characters removed, indicators inside it defanged, and a length bound.
 * Renderers then only escape for their platform and keep its limits.
 */
import { defang } from '../indicators/defang.js';
import { canonicalIPv6 } from '../indicators/ip.js';
import { truncate } from './split-text.js';

// C0/C1 controls (terminal escapes, OSC-8 links), soft hyphen, Arabic letter mark, zero-width and bidi marks,
// embeddings, overrides and isolates, invisible operators, BOM and interlinear annotation characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const UNSAFE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
/** Line breaks and tabs become one space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** A run of labels joined by dots, live or already bracketed: a host name, an IPv4, `file.exe`. */
const DOTTED = /[\p{L}\p{N}_-]+(?:(?:\.|\[\.\])[\p{L}\p{N}_-]+)+\.?/gu;
/** An `@` between what could be an e-mail's local part and its domain. */
const MAIL_AT = /(?<=[\p{L}\p{N}._%+-])@(?=[\p{L}\p{N}-])/gu;
/** Groups of hex digits joined by colons: maybe an IPv6 address (checked before it is defanged). */
const IPV6_RUN = /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi;
/** Any `http://`, `https://` or `ftp://`, even glued to the word before it (`x[2Jhttps://…` after an escape is removed). */
const LINK_SCHEME = /(?:h(?:tt|xx)p(s?)|(f)tp):\/\//gi;

/** Printable ASCII only: nothing to strip (the common case, checked first because it is cheap). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Removes characters that could hide, reorder or escape text; line breaks become spaces. */
export function stripUnsafe(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(BREAKS, ' ').replace(UNSAFE, '');
}

/** Defangs every URL, e-mail address, host name and IP address inside free text (`Whitelisted by hxxps://evil[.]com/…`). */
export function defangText(text: string): string {
  if (!/[.@:]/.test(text)) return text;
  return text
    .replace(LINK_SCHEME, (_m, s: string | undefined, f: string | undefined) => (f ? 'fxp://' : `hxxp${s ?? ''}://`))
    .replace(DOTTED, (run) => defang(run))
    .replace(IPV6_RUN, defangIPv6Run)
    .replace(MAIL_AT, '[@]');
}

/** An IPv6 run defanged when it is an address, or is one with a colon of punctuation at either end (`::a:`). */
function defangIPv6Run(run: string): string {
  const trims: ReadonlyArray<readonly [number, number]> = [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ];
  for (const [head, tail] of trims) {
    const inner = run.slice(head, run.length - tail);
    if ((head && run[0] !== ':') || (tail && !run.endsWith(':')) || !canonicalIPv6(inner)) continue;
    return run.slice(0, head) + defang(inner) + run.slice(run.length - tail);
  }
  return run;
}

/**
 * `text` (already free of unsafe characters) cut to at most `max` characters with every indicator defanged.
 * The cut comes before defanging, since a cut label can become a top-level name (`evil.comevil` → `evil.com…`);
 * renderers cutting to their own limits use this rather than a bare truncate.
 */
export function boundSafe(text: string, max: number): string {
  let budget = max;
  for (;;) {
    const safe = defangText(truncate(text, budget));
    if (safe.length <= max) return safe;
    // Each broken dot adds two characters: cut shorter and defang again.
    if (budget <= 1) return truncate(safe.replace(/[.@:]/g, ' '), max);
    budget -= Math.max(1, safe.length - max);
  }
}

/** An upstream string ready for any renderer: safe characters, no live indicator, at most `max` characters. */
export function safeText(text: string, max = 200): string {
  // Cut generously first, so a hostile 10 MB string costs nothing more than its first few thousand characters.
  return boundSafe(stripUnsafe(text.slice(0, max * 4)).trim(), max);
}
