/** Plain-text rendering of every reply, for the terminal chat. */
import type { Reply } from '../../src/core/reply.js';
import { formatAge } from '../../src/summary/age.js';
import { ago, queueNotice, shareOfferLine, teamLine, viaLine } from '../../src/summary/describe.js';
import { plainSafe, renderSummaryText } from '../../src/summary/render-text.js';
import { watchUsageLine } from '../../src/watch/watch-usage-line.js';
import { verbLines } from './banner.js';
import { pivotLines } from './pivot-list.js';

export function renderReplyText(reply: Reply): string {
  switch (reply.kind) {
    case 'summary':
      return [
        ...(reply.via ? [plainSafe(viaLine(reply.via))] : []),
        renderSummaryText(reply.summary),
        ...(reply.pivots ? pivotLines(reply.pivots) : []),
      ].join('\n');
    case 'share-offer':
      return shareOfferLine(reply.count);
    case 'file':
      return [
        `${plainSafe(reply.file.title)} (${reply.file.name}, ${Math.ceil(reply.file.bytes.length / 1024)} KB)`,
        ...reply.file.notes.map(plainSafe),
      ].join('\n');
    case 'summary-update':
      return `  ${plainSafe(reply.summary.display)}: ${reply.summary.team ? teamLine(reply.summary.team) : 'no team votes'}`;
    case 'pending':
      return queueNotice(reply.targets.length, reply.position, reply.waitMs);
    case 'vote-result':
      return plainSafe(reply.text);
    case 'notice':
      return plainSafe(reply.text);
    case 'bulk':
      return `${reply.plan.targets.length} values found. In the terminal, look them up as one bulk with: threatcrowd-bot lookup --file PATH`;
    case 'bulk-progress':
      return reply.text;
    case 'bulk-form':
      return `${plainSafe(reply.text)}\nusage:\n  ${reply.usage}`;
    case 'reveal':
      return `${reply.count === 1 ? 'An indicator' : `${reply.count} indicators`} here: type :reveal to look ${reply.count === 1 ? 'it' : 'them'} up.`;
    case 'error':
      return `error: ${plainSafe(reply.text)}${reply.usage ? `\nusage:\n${reply.usage.replace(/^/gm, '  ')}` : ''}`;
    case 'help':
      return [
        'Commands:',
        ...reply.commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
        'Messages with indicators are answered as in a channel. In this console:',
        ...verbLines(),
      ].join('\n');
    case 'status': {
      const s = reply.status;
      return [
        `queue: ${s.queueDepth} waiting`,
        `cache: ${(s.cacheHitRatio * 100).toFixed(0)}% hits (${s.cacheHits} hits, ${s.cacheMisses} misses)`,
        ...s.upstream.map(
          (u) =>
            `${u.name}: ${u.state}; last success ${ago(s.now, u.lastSuccessAt)}, last failure ${ago(s.now, u.lastFailureAt)}${u.lastFailure ? ` (${u.lastFailure})` : ''}`,
        ),
        `votes waiting to be sent: ${s.pendingVotes}`,
        ...(s.watchlist ? [`watchlist: ${watchUsageLine(s.watchlist)}`] : []),
        `up ${formatAge(s.uptimeMs)}`,
      ].join('\n');
    }
  }
}
