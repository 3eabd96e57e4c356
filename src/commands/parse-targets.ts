/** The values of a lookup or a vote: each resolved (refanged, typed, privacy-checked), at most the cap. */

import type { ParseOptions } from '../core/command.js';
import type { Word } from '../core/tokenize.js';
import { UserError } from '../errors/user-error.js';
import { type LookupTarget, resolveTarget } from '../lookup/resolve-target.js';
import type { LookupType } from '../report/report.js';

export function parseTargets(words: readonly Word[], type: LookupType | undefined, options: ParseOptions, usage: string): LookupTarget[] {
  const max = options.maxIndicators ?? 10;
  if (words.length === 0) throw new UserError('Tell me what to look up.', usage);
  if (words.length > max)
    throw new UserError(`At most ${max} values per command (got ${words.length}).${options.capHint ? ` ${options.capHint}` : ''}`, usage);
  return words.map((w) => {
    try {
      return resolveTarget(w.text, type, options.ignoreDomains);
    } catch (error) {
      if (error instanceof UserError) throw new UserError(error.message, usage);
      throw error;
    }
  });
}
