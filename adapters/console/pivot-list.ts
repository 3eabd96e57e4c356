/** A summary's "Look up related…" menu in the terminal: numbered lines that `:pivot N` chooses from. */

import { fairShare, type PivotMenu, type PivotOption } from '../../src/summary/pivot-menu.js';
import { plainSafe } from '../../src/summary/render-text.js';

/** Numbers shown per summary: enough to walk on, short enough to read. */
export const CONSOLE_PIVOTS = 12;

/** The options `:pivot 1…N` name, in the order they are numbered. */
export function consoleChoices(menu: PivotMenu): PivotOption[] {
  return fairShare(menu.groups, CONSOLE_PIVOTS).flatMap((g) => g.options);
}

export function pivotLines(menu: PivotMenu): string[] {
  let n = 0;
  const lines = fairShare(menu.groups, CONSOLE_PIVOTS).map(
    (g) => `    ${g.title}: ${g.options.map((o) => `${++n}) ${plainSafe(o.label)}`).join('  ')}`,
  );
  return ['  Look up related (:pivot N):', ...lines];
}
