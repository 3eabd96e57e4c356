/**
 * `/threatcrowd watch <indicator>`, `/threatcrowd watch list`, `/threatcrowd unwatch <indicator>`: re-check an
 * indicator every WATCH_INTERVAL_HOURS and post what changed where the watch was set (src/watch/ does the work).
 */
import type { Command } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import { queueOwner } from '../core/invocation.js';
import type { Place } from '../core/outbound.js';
import { privateError, type Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import type { WatchView } from '../core/watch-port.js';
import { UserError } from '../errors/user-error.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { formatAge } from '../summary/age.js';
import { ago } from '../summary/describe.js';
import { displayTarget } from '../summary/display-target.js';
import { TYPE_WORDS } from './parse-lookup.js';
import { parseTargets } from './parse-targets.js';

type WatchArgs =
  | { readonly kind: 'watch'; readonly action: 'add' | 'remove'; readonly target: LookupTarget }
  | { readonly kind: 'watch'; readonly action: 'list' };

const USAGE = `${SLASH} watch [domain|ip|email|file|av] <indicator>  |  ${SLASH} watch list  |  ${SLASH} unwatch <indicator>`;
const INDICATOR = { name: 'indicator', description: 'the indicator to watch', required: true, maxLength: 512 } as const;

export const watchCommand: Command<WatchArgs> = {
  metadata: {
    name: 'watch',
    aliases: ['unwatch'],
    usage: USAGE,
    summary: 'Re-check an indicator regularly and post here what changes (new resolutions, hashes, verdict); `watch list`, `unwatch`.',
    examples: [`${SLASH} watch aoldaily[.]com`, `${SLASH} watch list`, `${SLASH} unwatch aoldaily[.]com`],
    args: [INDICATOR],
    forms: [
      { name: 'watch', description: 'Re-check an indicator regularly and post here what changes', keyword: 'watch', args: [INDICATOR] },
      { name: 'watchlist', description: 'The indicators watched in this channel', keyword: 'watch list', args: [] },
      {
        name: 'unwatch',
        description: 'Stop watching an indicator here',
        keyword: 'unwatch',
        args: [{ ...INDICATOR, description: 'the indicator to stop watching' }],
      },
    ],
  },
  parse(words, input) {
    const [first, second, ...extra] = words;
    if (!first) throw new UserError('Tell me which indicator to watch.', USAGE);
    if (input.keyword === 'watch' && words.length === 1 && !first.literal && first.text.toLowerCase() === 'list') {
      return { kind: 'watch', action: 'list' };
    }
    const type = second && !first.literal ? TYPE_WORDS[first.text.toLowerCase()] : undefined;
    const value = type ? second : first;
    if (!value || extra.length > 0 || (second && !type)) throw new UserError('Watch one indicator at a time.', USAGE);
    const [target] = parseTargets([value], type, input, USAGE);
    if (!target) throw new UserError('Watch one indicator at a time.', USAGE);
    return { kind: 'watch', action: input.keyword === 'unwatch' ? 'remove' : 'add', target };
  },
  run: (args, ctx) =>
    args.action === 'list' ? listWatches(ctx) : args.action === 'remove' ? unwatch(args.target, ctx) : runWatch(args.target, ctx),
};

/** Where the watch's notes go: the thread (or channel) it was set in. */
function placeOf(ctx: CommandContext): Place {
  const { platform, teamId, channelId, threadId } = ctx.invocation;
  return { platform, teamId, channelId, ...(threadId ? { threadId } : {}) };
}

/** Sets a watch on `target` where the person is (also the summaries' Watch button). */
export async function runWatch(target: LookupTarget, ctx: CommandContext, place = placeOf(ctx)): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  if (!deps.watches) return [privateError('Watching is not available here.')];
  const outcome = await deps.watches.watch({ place, owner: queueOwner(invocation, false), target });
  if (outcome.kind === 'refused') return [privateError(outcome.reason)];
  const shown = displayTarget(target);
  if (outcome.kind === 'exists') return [{ kind: 'notice', visibility: 'ephemeral', text: `${shown} is already watched here.` }];
  const text = `🔔 Watching ${shown}: I re-check it every ${formatAge(outcome.everyMs)} and post here what changes (unwatch: ${SLASH} unwatch ${shown}).`;
  return [{ kind: 'notice', visibility: 'public', text }];
}

async function unwatch(target: LookupTarget, ctx: CommandContext): Promise<Reply[]> {
  if (!ctx.deps.watches) return [privateError('Watching is not available here.')];
  const removed = await ctx.deps.watches.unwatch(placeOf(ctx), target);
  const shown = displayTarget(target);
  return [
    {
      kind: 'notice',
      visibility: removed ? 'public' : 'ephemeral',
      text: removed ? `Stopped watching ${shown} here.` : `${shown} is not watched here.`,
    },
  ];
}

function watchLine(watch: WatchView, now: number): string {
  const checked = watch.lastCheckedAt === null ? 'not re-checked yet' : `re-checked ${ago(now, watch.lastCheckedAt)}`;
  const failing = watch.failures > 0 ? `, ${watch.failures} failed re-check${watch.failures === 1 ? '' : 's'}` : '';
  return `• ${displayTarget(watch.target)}: ${checked}${failing}, next in ${formatAge(watch.nextCheckAt - now)}`;
}

async function listWatches(ctx: CommandContext): Promise<Reply[]> {
  const { deps } = ctx;
  if (!deps.watches) return [privateError('Watching is not available here.')];
  const watches = await deps.watches.list(placeOf(ctx));
  const now = deps.clock.now();
  const text =
    watches.length === 0
      ? `Nothing is watched in this channel. Start with ${SLASH} watch <indicator>.`
      : [`Watched in this channel (${watches.length}):`, ...watches.slice(0, 50).map((w) => watchLine(w, now))].join('\n');
  return [{ kind: 'notice', visibility: 'ephemeral', text }];
}
