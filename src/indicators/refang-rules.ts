/**
 * The defanged spellings analysts paste, one rule each: a bounded pattern and what it stands for.
 * Rules are tried in order at each position (earlier wins); a rule may decline by returning its match.
 * Patterns start with a literal where they can, so the combined expression stays fast.
 */

/** One defang style: `pattern` (a RegExp source, no capturing groups) and its live replacement. */
export interface RefangRule {
  readonly name: string;
  readonly pattern: string;
  /**
   * A character class (RegExp source) holding every character a match can start with, and an expression for
   * every way its first two characters can go (null: any). They let the scanner skip most positions without
   * running the pattern; `test/indicators/fast-paths.test.ts` checks them against the combined expression.
   */
  readonly first: string;
  readonly lead: string | null;
  /** For rules that would otherwise run at many positions (a space, a `d`): a class for their third character. */
  readonly third?: string;
  /** The live text for `match` found at `index` of `text`; the match itself to leave it alone. */
  readonly replace: (match: string, text: string, index: number) => string;
}

/** Top-level names common enough to read a glued or spaced `dot` before them as a dot (`exampledotcom`). */
const COMMON_TLD = /^(?:com|net|org|info|biz|ru|cn|io|xyz|top|uk|de|su|co|me|us|tk|onion)(?![a-z0-9-])/i;
const DIGIT = /[0-9]/;
/** Words that come before "at" in prose (`look at`, `meet at`): never the local part of a worded address. */
const PROSE_BEFORE_AT = new Set(
  (
    'look looked looking meet met be is are was were am it that this me us them him her you we they i here there see ' +
    'check go went arrive arrived stay work works working live lives point points pointing hosted located aimed ' +
    'block blocked also only just even not all up down out in on both available reach reached found seen good bad ' +
    'best least most sent send mail email write contact call now home hit hits running run started'
  ).split(' '),
);

const dot = () => '.';

function scheme(match: string): string {
  const m = match.toLowerCase();
  const word = m.replace(/^[[(]/, '');
  const live = word.startsWith('f') ? 'ftp://' : /^h\S*?ps/.test(word) ? 'https://' : 'http://';
  return m === live ? match : live; // `http://` as written is not a defang
}

function gluedDot(match: string, text: string, index: number): string {
  if (match === 'DOT') return '.';
  return match === 'dot' && COMMON_TLD.test(text.slice(index + 3, index + 12)) ? '.' : match;
}

function spacedDot(match: string, text: string, index: number): string {
  const before = text[index - 1] ?? '';
  const after = text.slice(index + match.length, index + match.length + 10);
  if (DIGIT.test(before) && DIGIT.test(after[0] ?? '')) return '.'; // 1.1.1 . 1
  return COMMON_TLD.test(after) ? '.' : match; // example . com
}

/**
 * Square brackets nested around a dot (`x[.[.]]y`, `x[[.].]y`: a bracketed dot defanged once more) stand for one
 * dot when they open as one balanced group; closing brackets left over after it are kept for the rules that read
 * half brackets. Anything else is left as written.
 */
function nestedBracketDots(match: string): string {
  let depth = 0;
  for (let i = 0; i < match.length; i++) {
    depth += match[i] === '[' ? 1 : match[i] === ']' ? -1 : 0;
    if (depth > 0) continue;
    const rest = match.slice(i + 1);
    return /^\]*$/.test(rest) && match.slice(0, i + 1).includes('.') ? `.${rest}` : match;
  }
  return match;
}

/** ` at example dot com` after a local part that is not a prose word → `@example.com`. */
function wordedEmail(match: string, text: string, index: number): string {
  const local = /[a-z0-9._%+-]{1,64}$/i.exec(text.slice(Math.max(0, index - 64), index))?.[0] ?? '';
  if (local === '' || PROSE_BEFORE_AT.has(local.toLowerCase())) return match;
  const live = match.replace(/^ (?:at|\[at\]|\(at\)) /i, '@').replace(/ (?:dot|\[dot\]|\(dot\)) /gi, '.');
  const tld = live.slice(live.lastIndexOf('.') + 1);
  return /^[a-z]{2,24}$/i.test(tld) ? live : match;
}

const ALNUM = '[a-z0-9]';

/** The rules, in priority order. */
export const REFANG_RULES: readonly RefangRule[] = [
  { name: 'bracketed hyphen', pattern: String.raw`\[-\]`, first: String.raw`\[`, lead: String.raw`\[-`, replace: () => '-' },
  {
    name: 'scheme',
    pattern: String.raw`[[(]?\b(?:h(?:xx|tt|\[xx\]|\[tt\]|\*\*)ps?|fxp|ftp)[\])]?(?: ?\[?:\]?\/\/\/?|\[:\/\/\]|\/\/|__)`,
    first: '[[(hf]',
    lead: '[[(][hf]|h[xt[*]|f[xt]',
    replace: scheme,
  },
  {
    name: 'worded e-mail',
    pattern: String.raw` (?<=${ALNUM} )(?:at|\[at\]|\(at\)) [a-z0-9-]{1,63}(?: (?:dot|\[dot\]|\(dot\)) [a-z0-9-]{1,63}){1,4}(?![a-z0-9-])`,
    first: ' ',
    lead: ' [a[(]',
    third: '[t a]',
    replace: wordedEmail,
  },
  {
    name: 'nested bracketed dots',
    pattern: String.raw`\[\.{0,2}\[[[.]{0,4}[\].]{0,6}\]`,
    first: String.raw`\[`,
    lead: String.raw`\[[[.]`,
    replace: nestedBracketDots,
  },
  {
    name: 'bracketed dot',
    pattern: String.raw`\s?[[({]{1,3}\s?(?:\\?\.|dot|punto|punkt|,)\s?[\])}]{1,3}\s?`,
    first: String.raw`[\s[({]`,
    lead: String.raw`[[({][\s[({\\.dp,]|\s[[({]`,
    replace: dot,
  },
  {
    name: 'bracketed at',
    pattern: String.raw`\s?[[({]{1,3}\s?(?:@|at|et|arroba)\s?[\])}]{1,3}\s?`,
    first: String.raw`[\s[({]`,
    lead: String.raw`[[({][\s[({@ae]|\s[[({]`,
    replace: () => '@',
  },
  { name: 'angle-bracketed dot', pattern: String.raw`<\.>`, first: '<', lead: String.raw`<\.`, replace: dot }, // evil<.>com
  { name: 'reversed brackets', pattern: String.raw`[\])}]\.[[({]`, first: String.raw`[\])}]`, lead: String.raw`[\])}]\.`, replace: dot },
  {
    name: 'bracketed ://',
    pattern: String.raw`\[\s?:\s?\/\s?\/\s?\]`,
    first: String.raw`\[`,
    lead: String.raw`\[[\s:]`,
    replace: () => '://',
  },
  { name: 'bracketed :', pattern: String.raw`\[\s?:\s?\]`, first: String.raw`\[`, lead: String.raw`\[[\s:]`, replace: () => ':' },
  { name: 'bracketed /', pattern: String.raw`\[\s?\/\s?\]`, first: String.raw`\[`, lead: String.raw`\[[\s/]`, replace: () => '/' },
  {
    name: 'half bracket before',
    pattern: String.raw`\[{1,3}\.(?=${ALNUM})`,
    first: String.raw`\[`,
    lead: String.raw`\[[[.]`,
    replace: dot,
  }, // example[.com
  {
    name: 'half bracket after',
    pattern: String.raw`\.(?<=${ALNUM}\.)\]{1,3}`,
    first: String.raw`\.`,
    lead: String.raw`\.\]`,
    replace: dot,
  }, // example.]com
  {
    name: 'half parenthesis before',
    pattern: String.raw`\((?<=${ALNUM}\()\.(?=${ALNUM})`,
    first: String.raw`\(`,
    lead: String.raw`\(\.`,
    replace: dot,
  }, // example(.com
  {
    name: 'half parenthesis after',
    pattern: String.raw`\.(?<=${ALNUM}\.)\)(?=${ALNUM})`,
    first: String.raw`\.`,
    lead: String.raw`\.\)`,
    replace: dot,
  }, // example.)com
  { name: 'caret dot', pattern: String.raw`\^(?<=${ALNUM}\^)\.(?=${ALNUM})`, first: String.raw`\^`, lead: String.raw`\^\.`, replace: dot }, // example^.com
  { name: 'escaped dot', pattern: String.raw`\\\.`, first: String.raw`\\`, lead: String.raw`\\\.`, replace: dot },
  { name: 'hyphenated dot word', pattern: `-(?<=${ALNUM}-)dot-(?=${ALNUM})`, first: '-', lead: '-d', replace: dot }, // example-dot-com
  { name: 'glued dot word', pattern: `d(?<=${ALNUM}d)ot(?=${ALNUM})`, first: 'd', lead: 'do', third: 't', replace: gluedDot }, // exampleDOTcom
  {
    name: 'spaced dot',
    pattern: String.raw` (?<=${ALNUM} )\. (?=${ALNUM})`,
    first: ' ',
    lead: String.raw` \.`,
    third: ' ',
    replace: spacedDot,
  }, // example . com
  {
    name: 'Unicode dot',
    pattern: String.raw`[\u2024\u3002\uFF0E\uFF61]`,
    first: String.raw`[\u2024\u3002\uFF0E\uFF61]`,
    lead: null,
    replace: dot,
  }, // dot leader, ideographic and full-width stops
];
