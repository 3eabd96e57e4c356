/** What a bulk shows in a chat: its progress line (numbers and fixed words only) and, at the end, its exports. */
import type { BulkProgress } from '../bulk/bulk-progress.js';
import type { BulkOutcome } from '../bulk/bulk-runner-options.js';
import type { BulkPlan } from '../bulk/plan-bulk.js';
import type { Reply, ReplyFile } from '../core/reply.js';
import type { LookupResult } from '../export/lookup-result.js';
import { resultsToStix } from '../export/stix/to-stix.js';
import { resultsToCsv } from '../export/to-csv.js';
import { resultsToJson } from '../export/to-json.js';

function duration(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `${s} s`;
  const min = Math.ceil(s / 60);
  return min < 90 ? `${min} min` : `${(min / 60).toFixed(1)} h`;
}

/** What the plan left out, e.g. "3 repeated, 2 internal never sent, 10 over BULK_MAX". */
export function leftOutLine(plan: Pick<BulkPlan, 'duplicates' | 'skipped' | 'overCap'>): string {
  return [
    plan.duplicates ? `${plan.duplicates} repeated` : '',
    plan.skipped ? `${plan.skipped} internal never sent` : '',
    plan.overCap ? `${plan.overCap} over BULK_MAX, not looked up` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

const HEADLINE = { running: '🔄 Bulk lookup', done: '✅ Bulk lookup done', cancelled: '⏹️ Bulk lookup cancelled' } as const;

/** "⏸️ Bulk lookup waiting for ThreatCrowd to answer again (next try in 40 s)" while providers are paused. */
function headline(progress: BulkProgress): string {
  const { paused } = progress;
  if (!paused || progress.status !== 'running') return HEADLINE[progress.status];
  return `⏸️ Bulk lookup waiting for ${paused.providers.join(' and ')} to answer again (next try in ${duration(paused.retryInMs)})`;
}

/** The progress message's text: done/total, from cache, waiting, failed and time left. */
export function progressText(progress: BulkProgress, plan: BulkPlan): string {
  const parts = [
    `${progress.done}/${progress.total} looked up`,
    `${progress.fromCache} from cache`,
    `${progress.waiting} waiting`,
    ...(progress.failed ? [`${progress.failed} failed`] : []),
  ];
  const eta = progress.status === 'running' && progress.waiting > 0 ? `, about ${duration(progress.etaMs)} left` : '';
  const left = leftOutLine(plan);
  return `${headline(progress)}: ${parts.join(' · ')}${eta}${left ? `\nLeft out: ${left}.` : ''}`;
}

export function progressReply(progress: BulkProgress, plan: BulkPlan): Reply {
  return {
    kind: 'bulk-progress',
    visibility: 'public',
    bulkId: progress.id,
    text: progressText(progress, plan),
    running: progress.status === 'running',
  };
}

/** The first progress message, shown before the bulk has an id. */
export function startingReply(plan: BulkPlan): Reply {
  return {
    kind: 'bulk-progress',
    visibility: 'public',
    bulkId: null,
    text: `${HEADLINE.running}: 0/${plan.targets.length} looked up, starting…`,
    running: true,
  };
}

const EXPORTS = [
  { ext: 'csv', mime: 'text/csv', what: 'CSV', write: resultsToCsv },
  { ext: 'json', mime: 'application/json', what: 'JSON', write: resultsToJson },
  {
    ext: 'stix.json',
    mime: 'application/json',
    what: 'STIX 2.1 bundle',
    write: (results: readonly LookupResult[], now: number) => `${JSON.stringify(resultsToStix(results, now), null, 2)}\n`,
  },
] as const;

/** The results as three files: CSV, JSON and a STIX 2.1 bundle. */
export function exportFiles(results: readonly LookupResult[], now: number, stem = 'threatcrowd-bulk'): ReplyFile[] {
  return EXPORTS.map(({ ext, mime, what, write }) => ({
    name: `${stem}.${ext}`,
    mime,
    bytes: Buffer.from(write(results, now)),
    title: `Bulk lookup results (${what})`,
    altText: `${results.length} looked-up values as ${what}`,
    notes: [],
  }));
}

/** The last progress and the exports, for the adapter to show when a bulk ends (nothing to attach if it stopped early). */
export function finalReplies(outcome: BulkOutcome, now: number): Reply[] {
  const last = progressReply(outcome.progress, outcome.job);
  if (outcome.status === 'running') return [last];
  const files = outcome.progress.done > 0 ? exportFiles(outcome.results, now) : [];
  return [last, ...files.map((file): Reply => ({ kind: 'file', visibility: 'public', file }))];
}
