/** `/threatcrowd <indicators…>`: look values up for a person; the type of each is inferred. */

import { summarizeTarget } from '../answers/summarize-target.js';
import type { Command } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import { queueOwner } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import { PersonQueueFullError } from '../errors/index.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { displayTarget } from '../summary/display-target.js';
import { type LookupArgs, parseLookupWords } from './parse-lookup.js';

export const lookupCommand: Command<LookupArgs> = {
  metadata: {
    name: 'lookup',
    aliases: [],
    usage: `${SLASH} <indicator> [more indicators…]`,
    summary: 'Look up domains, IPs, e-mail addresses or file hashes (defanged is fine); the type is inferred.',
    examples: [`${SLASH} evil[.]com`, `${SLASH} 188.40.75[.]132 william19770319[@]yahoo[.]com`],
    args: [{ name: 'indicators', description: 'one or more indicators, separated by spaces', required: true, maxLength: 2000 }],
    forms: [
      {
        name: 'lookup',
        description: 'Look up domains, IPs, e-mail addresses or file hashes (defanged is fine); the type is inferred.',
        keyword: '',
        args: [{ name: 'indicators', description: 'indicators, separated by spaces', required: true, maxLength: 2000 }],
      },
    ],
  },
  parse(words, input) {
    return parseLookupWords(words, input);
  },
  run: (args, ctx) => runLookup(args.targets, ctx),
};

/**
 * Looks every target up at interactive priority. Answers come back directly when they are quick; when the
 * queue makes them wait, the first reply is a notice with the position and estimated wait, settled later.
 */
export async function runLookup(targets: readonly LookupTarget[], ctx: CommandContext): Promise<Reply[]> {
  const { deps } = ctx;
  const estimate = await deps.queue.estimate('interactive', queueOwner(ctx.invocation, false));
  const refused: LookupTarget[] = [];
  let waiting = 0;
  const one = (t: LookupTarget) =>
    summarizeTarget(t, 'interactive', ctx).catch((error: unknown) => {
      if (!(error instanceof PersonQueueFullError)) throw error;
      refused.push(t);
      waiting = error.waiting;
      return null;
    });
  const work = Promise.all(targets.map(one)).then((replies) => [
    ...replies.filter((r): r is Reply => r !== null),
    ...(refused.length > 0 ? [notQueued(refused, waiting)] : []),
  ]);
  const quick = await Promise.race([work, deps.clock.sleep(deps.settings.noticeAfterMs).then(() => null)]);
  if (quick) return quick;
  return [{ kind: 'pending', visibility: 'ephemeral', position: estimate.position, waitMs: estimate.waitMs, targets, result: work }];
}

/** One plain line for the values a person's full queue turned away. */
function notQueued(refused: readonly LookupTarget[], waiting: number): Reply {
  const shown = refused.slice(0, 5).map(displayTarget).join(', ');
  const more = refused.length > 5 ? ` and ${refused.length - 5} more` : '';
  return {
    kind: 'error',
    visibility: 'ephemeral',
    text: `You already have ${waiting} lookups waiting for ThreatCrowd, so ${shown}${more} ${refused.length === 1 ? 'was' : 'were'} not queued. Ask again once they are answered.`,
  };
}
