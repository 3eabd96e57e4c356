/** `/threatcrowd vote malicious|safe <indicator>`: the same vote as a reaction on a summary. */

import type { CommandMetadata } from '../core/command.js';
import type { CommandContext } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import { SLASH } from '../core/slash.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { displayTarget } from '../summary/display-target.js';

export const voteMetadata: CommandMetadata = {
  name: 'vote',
  aliases: [],
  usage: `${SLASH} vote malicious|safe <indicator>`,
  summary: 'Vote on an indicator for the ThreatCrowd crowd (one current vote per person).',
  examples: [`${SLASH} vote malicious evil[.]com`, `${SLASH} vote safe example[.]org`],
  args: [
    { name: 'verdict', description: 'malicious (bad) or safe (good, not-malicious)', required: true, choices: ['malicious', 'safe'] },
    { name: 'indicator', description: 'the indicator to vote on', required: true },
  ],
};

export async function runVote(target: LookupTarget, malicious: boolean, ctx: CommandContext, source = 'command'): Promise<Reply[]> {
  const { deps, invocation } = ctx;
  if (!deps.votes) return [{ kind: 'error', visibility: 'ephemeral', text: 'Voting is not available here.' }];
  if (target.type === 'antivirus')
    return [
      { kind: 'error', visibility: 'ephemeral', text: 'Votes are for domains, IPs, e-mail addresses and hashes, not malware families.' },
    ];
  const result = await deps.votes.cast({ platform: invocation.platform, userId: invocation.userId, target, malicious, source });
  const verdict = malicious ? 'malicious' : 'not malicious';
  const tally = await deps.votes.tally(target);
  const text = result.changed
    ? `Your vote: ${displayTarget(target)} is ${verdict}. Team: ${tally.malicious} malicious, ${tally.safe} not malicious.`
    : `You already voted ${displayTarget(target)} ${verdict}; nothing changed.`;
  return [{ kind: 'vote-result', visibility: 'ephemeral', text, target }];
}
