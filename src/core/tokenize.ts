/** Splits command text into words; quotes group words and, like a preceding `--`, mark them literal. */

export interface Word {
  readonly text: string;
  /** Quoted or after `--`: never a keyword, used as written. */
  readonly literal: boolean;
}

const WORD = /"([^"]{0,512})"|'([^']{0,512})'|“([^”]{0,512})”|(\S{1,2048})/g;

export function tokenize(text: string): Word[] {
  const words: Word[] = [];
  let literalRest = false;
  for (const match of text.matchAll(WORD)) {
    const quoted = match[1] ?? match[2] ?? match[3];
    if (quoted !== undefined) {
      words.push({ text: quoted.trim(), literal: true });
    } else if (match[4] === '--' && !literalRest) {
      literalRest = true;
    } else {
      words.push({ text: match[4] ?? '', literal: literalRest });
    }
  }
  return words.filter((w) => w.text !== '');
}
