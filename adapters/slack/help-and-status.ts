/** The help and status answers as Block Kit. */
import type { CommandMetadata } from '../../src/core/command.js';
import type { StatusInfo } from '../../src/core/reply.js';
import { formatAge } from '../../src/summary/age.js';
import { ago } from '../../src/summary/describe.js';
import { watchUsageLine } from '../../src/watch/watch-usage-line.js';
import { escapeMrkdwn, mrkdwn, plain, SLACK_LIMITS, type SlackMessage, sections } from './message.js';

export function helpMessage(commands: readonly CommandMetadata[]): SlackMessage {
  const lines = commands.map((c) => `\`${escapeMrkdwn(c.usage)}\`\n${escapeMrkdwn(c.summary)}`);
  const footer = 'I also answer indicators posted in channels I am in, in a thread. React 👎 or 👍 on a summary to vote.';
  return {
    text: 'threatcrowd-bot help',
    blocks: [
      { type: 'header', text: plain('threatcrowd-bot') },
      ...sections(lines.join('\n\n')),
      { type: 'context', elements: [mrkdwn(footer)] },
    ],
  };
}

export function statusMessage(s: StatusInfo): SlackMessage {
  const fields = [
    `*Queue*\n${s.queueDepth} waiting`,
    `*Cache*\n${(s.cacheHitRatio * 100).toFixed(0)}% hits (${s.cacheHits}/${s.cacheHits + s.cacheMisses})`,
    ...s.upstream.map(
      (u) =>
        `*${escapeMrkdwn(u.name)}*\n${escapeMrkdwn(u.state)}; ok ${ago(s.now, u.lastSuccessAt)}, failed ${ago(s.now, u.lastFailureAt)}`,
    ),
    `*Votes waiting*\n${s.pendingVotes}`,
    ...(s.watchlist ? [`*Watchlist*\n${escapeMrkdwn(watchUsageLine(s.watchlist))}`] : []),
    `*Uptime*\n${formatAge(s.uptimeMs)}`,
  ];
  return { text: 'threatcrowd-bot status', blocks: [{ type: 'section', fields: fields.slice(0, SLACK_LIMITS.fields).map(mrkdwn) }] };
}
