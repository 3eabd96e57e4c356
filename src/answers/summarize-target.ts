/** Looks one target up and turns the outcome into a reply: a summary (fresh, cached or stale) or an honest error. */

import type { LookupOutcome } from '../cache/cached-lookup.js';
import type { CommandContext } from '../core/context.js';
import { queueOwner } from '../core/invocation.js';
import { privateError, type Reply, type Visibility } from '../core/reply.js';
import { QueueFullError, UnsupportedLookupError, UpstreamError, type UpstreamErrorKind } from '../errors/index.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import { indicatorField } from '../observability/logger.js';
import { deadHostHint } from '../providers/dead-host-hint.js';
import { NoSourceAnsweredError } from '../providers/no-source-answered-error.js';
import { emptyReport, type Report } from '../report/report.js';
import { buildSummary } from '../summary/build-summary.js';
import { displayTarget } from '../summary/display-target.js';
import { buildPivotMenu } from '../summary/pivot-menu.js';
import type { Priority } from '../throttle/limiter.js';

/** What each kind of upstream failure means to a person; complete by type. */
const UPSTREAM_PROBLEMS: Readonly<Record<UpstreamErrorKind, string>> = {
  status: 'answered with an error',
  html: 'sent an error page instead of data',
  busy: 'is overloaded',
  malformed: 'sent a broken answer',
  'too-large': 'sent an answer too large to read',
  network: 'is unreachable',
  timeout: 'did not answer in time',
  'circuit-open': 'is down (requests paused after repeated failures)',
};

/** "ThreatCrowd is unreachable", for a stale answer's note and for error replies. */
export function upstreamProblem(error: UpstreamError, provider = 'ThreatCrowd'): string {
  const detail = 'status' in error && typeof error.status === 'number' ? ` (HTTP ${error.status})` : '';
  return `${provider} ${UPSTREAM_PROBLEMS[error.kind]}${detail}`;
}

/** "AlienVault OTX does not look up e-mail addresses; ": so nobody wonders whether another source was skipped by mistake. */
function noOtherSource(error: UpstreamError): string {
  return error instanceof NoSourceAnsweredError ? `${error.unsupportedSentence}; ` : '';
}

const hinted = new WeakSet<object>();

/** Why a provider's host does not resolve and what to do, said once per bot (it is the same for every value). */
function hintOnce(error: UpstreamError, deps: CommandContext['deps']): string | null {
  const hint = deadHostHint(error);
  if (!hint || hinted.has(deps)) return null;
  hinted.add(deps);
  deps.logger.warn({ provider: error.provider }, hint);
  return hint;
}

/**
 * The reply for one target, or null when a passive lookup was shed or failed (automatic replies stay quiet
 * about upstream trouble; a person who asked gets an honest error).
 */
export async function summarizeTarget(
  target: LookupTarget,
  priority: Priority,
  ctx: CommandContext,
  visibility: Visibility = 'public',
): Promise<Reply | null> {
  const { deps } = ctx;
  const onFeed = deps.feeds?.has(target) ?? false;
  const team = deps.votes ? await deps.votes.tally(target) : null;
  const reply = (report: Report, from: LookupOutcome['from'], error?: UpstreamError): Reply => ({
    kind: 'summary',
    visibility,
    summary: buildSummary(report, {
      from,
      staleReason: error ? upstreamProblem(error, error.provider) : undefined,
      team: team && team.malicious + team.safe > 0 ? team : null,
      now: deps.clock.now(),
      onFeed,
    }),
    target,
    // An answer only the asker sees carries no votes and no menu: both act in public.
    votable: target.type !== 'antivirus' && visibility === 'public',
    pivots: visibility === 'public' ? buildPivotMenu(report, deps.settings.ignoreDomains) : null,
  });
  // An automatic answer for a value on the crowd feed needs no API call: the cached report, or the feed alone.
  if (onFeed && priority === 'passive') {
    const cached = await deps.lookups.peek(target.type, target.value);
    if (cached) return reply(cached, 'cache');
    return reply(
      { ...emptyReport(target.type, target.value, new Date(deps.clock.now()).toISOString(), 'threatcrowd-feed'), found: true },
      'upstream',
    );
  }
  try {
    const owner = queueOwner(ctx.invocation, priority === 'passive');
    const outcome = await deps.lookups.lookup(target.type, target.value, priority, owner);
    return reply(outcome.report, outcome.from, outcome.error);
  } catch (error) {
    if (error instanceof QueueFullError) return null;
    // Errors go only to the person who asked.
    if (error instanceof UnsupportedLookupError) return priority === 'passive' ? null : privateError(error.message);
    if (error instanceof UpstreamError) {
      deps.logger.warn(
        { kind: error.kind, type: target.type, ...indicatorField(target.value, deps.settings.logIndicators) },
        'lookup failed upstream',
      );
      if (priority === 'passive') return null;
      const hint = hintOnce(error, deps);
      return {
        kind: 'error',
        visibility: 'ephemeral',
        text: `${upstreamProblem(error, error.provider)} for ${displayTarget(target)}; ${noOtherSource(error)}no cached answer to fall back on. ${hint ?? 'Try again later.'}`,
      };
    }
    throw error;
  }
}
