/** `/threatcrowd graph <indicator> [--depth 2]`: a picture of the indicator's neighbourhood, attached where asked. */

import type { Command } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import { queueOwner } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import { privateError } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import { UserError } from '../errors/user-error.js';
import { buildGraph } from '../graph/build-graph.js';
import { graphLookupsFrom } from '../graph/cached-graph-lookups.js';
import { expandGraph } from '../graph/expand-graph.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { displayTarget } from '../summary/display-target.js';
import { parseTargets } from './parse-targets.js';

interface GraphArgs {
  readonly kind: 'graph';
  readonly target: LookupTarget;
  readonly depth: 1 | 2;
}

const USAGE = `${SLASH} graph <indicator> [--depth 2]`;

export const graphCommand: Command<GraphArgs> = {
  metadata: {
    name: 'graph',
    aliases: [],
    usage: USAGE,
    summary: "A picture of an indicator's neighbourhood (resolutions, subdomains, hashes, e-mails); --depth 2 goes one step further.",
    examples: [`${SLASH} graph aoldaily[.]com`, `${SLASH} graph aoldaily[.]com --depth 2`],
    args: [
      { name: 'indicator', description: 'the indicator at the centre', required: true, maxLength: 512 },
      { name: 'depth', description: '1 (default) or 2', required: false, choices: ['1', '2'] },
    ],
    forms: [
      {
        name: 'graph',
        description: "A picture of an indicator's neighbourhood",
        keyword: 'graph',
        args: [
          { name: 'indicator', description: 'the indicator at the centre', required: true, maxLength: 512 },
          { name: 'depth', description: '--depth 2 expands the most connected neighbours', required: false, choices: ['--depth 2'] },
        ],
      },
    ],
  },
  parse(words, input) {
    const depthAt = words.findIndex((w) => !w.literal && w.text.toLowerCase() === '--depth');
    const depthWord = depthAt >= 0 ? words[depthAt + 1]?.text : undefined;
    if (depthAt >= 0 && depthWord !== '1' && depthWord !== '2') throw new UserError('--depth is 1 or 2.', USAGE);
    const values = depthAt >= 0 ? [...words.slice(0, depthAt), ...words.slice(depthAt + 2)] : words;
    if (values.length !== 1) throw new UserError('Draw one indicator at a time.', USAGE);
    const [target] = parseTargets(values, undefined, input, USAGE);
    if (!target) throw new UserError('Draw one indicator at a time.', USAGE);
    return { kind: 'graph', target, depth: depthWord === '2' ? 2 : 1 };
  },
  run: ({ target, depth }, ctx) => graphReplies(target, depth, ctx),
};

/** The picture of `target`'s neighbourhood at `depth`, as a public file reply (drawn once per report). */
export async function graphReplies(target: LookupTarget, depth: 1 | 2, ctx: CommandContext): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  const owner = queueOwner(invocation, false);
  const { report } = await deps.lookups.lookup(target.type, target.value, 'interactive', owner);
  if (!report.found) return [privateError(`${displayTarget(target)} is not known to ${report.source}: nothing to draw.`)];
  const onFeed = (t: LookupTarget) => deps.feeds?.has(t) ?? false;
  const graph =
    depth === 2
      ? await expandGraph(report, graphLookupsFrom(deps.lookups, owner), { onFeed, maxLookups: deps.settings.graphMaxLookups })
      : buildGraph(report, { onFeed });
  const picture = await deps.graphPictures.picture(graph, 'dark', owner);
  return [
    {
      kind: 'file',
      visibility: 'public',
      file: {
        name: 'graph.png',
        mime: 'image/png',
        bytes: picture.png,
        title: `ThreatCrowd graph: ${displayTarget(target)}${depth === 2 ? ' (depth 2)' : ''}`,
        altText: picture.altText,
        notes: picture.notes,
        ...(depth === 1 ? { expand: target } : {}),
      },
    },
  ];
}
