/** `/threatcrowd vote malicious|safe <indicator>`: the same vote as a reaction on a summary. */
import type { Command } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import { privateError, type Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import { UserError } from '../errors/user-error.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { displayTarget } from '../summary/display-target.js';
import { parseTargets } from './parse-targets.js';

/** The words for a verdict, in every grammar that takes one (the command, the console's `:vote`). */
const VERDICTS: Readonly<Record<string, boolean>> = {
  malicious: true,
  bad: true,
  safe: false,
  good: false,
  'not-malicious': false,
  notmalicious: false,
};

/** true: malicious, false: not malicious, undefined: not a verdict word. */
export function verdictOf(word: string | undefined): boolean | undefined {
  return word === undefined ? undefined : VERDICTS[word.toLowerCase()];
}

export interface VoteArgs {
  readonly kind: 'vote';
  readonly malicious: boolean;
  readonly target: LookupTarget;
}

export const voteCommand: Command<VoteArgs> = {
  metadata: {
    name: 'vote',
    aliases: [],
    usage: `${SLASH} vote malicious|safe <indicator>`,
    summary: 'Vote on an indicator for the ThreatCrowd crowd (one current vote per person).',
    examples: [`${SLASH} vote malicious evil[.]com`, `${SLASH} vote safe example[.]org`],
    args: [
      { name: 'verdict', description: 'malicious or safe', required: true, choices: ['malicious', 'safe'] },
      { name: 'indicator', description: 'the indicator to vote on', required: true, maxLength: 512 },
    ],
  },
  parse(words, input) {
    const { usage } = voteCommand.metadata;
    const [verdict, value, ...extra] = words;
    const malicious = verdictOf(verdict?.text);
    if (malicious === undefined) throw new UserError('Say whether it is malicious or safe.', usage);
    if (!value || extra.length > 0) throw new UserError('Vote on exactly one indicator.', usage);
    const [target] = parseTargets([value], undefined, input, usage);
    if (!target) throw new UserError('Vote on exactly one indicator.', usage);
    return { kind: 'vote', malicious, target };
  },
  run: (args, ctx) => runVote(args.target, args.malicious, ctx),
};

export async function runVote(target: LookupTarget, malicious: boolean, ctx: CommandContext, source = 'command'): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  if (!deps.votes) return [privateError('Voting is not available here.')];
  if (target.type === 'antivirus') return [privateError('Votes are for domains, IPs, e-mail addresses and hashes, not malware families.')];
  const result = await deps.votes.cast({ platform: invocation.platform, userId: invocation.userId, target, malicious, source });
  const verdict = malicious ? 'malicious' : 'not malicious';
  const tally = await deps.votes.tally(target);
  const text = result.changed
    ? `Your vote: ${displayTarget(target)} is ${verdict}. Team: ${tally.malicious} malicious, ${tally.safe} not malicious.`
    : `You already voted ${displayTarget(target)} ${verdict}; nothing changed.`;
  return [{ kind: 'vote-result', visibility: 'ephemeral', text, target }];
}
