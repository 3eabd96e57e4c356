/** How a bulk in the CLI shows itself on standard error: a calm progress line in a terminal, and a closing count. */

import type { BulkProgress } from '../bulk/bulk-progress.js';
import type { BulkOutcome } from '../bulk/bulk-runner-options.js';
import { calmProgress } from '../bulk/calm-progress.js';
import type { BulkPlan } from '../bulk/plan-bulk.js';
import type { Settings } from '../config/settings.js';
import type { LookupResult } from '../export/lookup-result.js';
import { displayTarget } from '../summary/display-target.js';
import type { CliIo } from './output.js';

const EVERY_MS = 1000;

function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 90 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}

/** "waiting for ThreatCrowd (next try in 45 s)". */
const waitingFor = (paused: NonNullable<BulkProgress['paused']>) =>
  `waiting for ${paused.providers.join(' and ')} (next try in ${duration(paused.retryInMs)})`;

/** Elsewhere than a terminal (a log, a pipe): one line when a pause begins, so a silent wait is explained. */
function pauseNotices(io: CliIo): (progress: BulkProgress) => void {
  let paused = false;
  return (p) => {
    if (p.paused && !paused) io.stderr.write(`${p.done}/${p.total} looked up; ${waitingFor(p.paused)}\n`);
    paused = p.paused !== undefined;
  };
}

/** A progress line at most once a second when standard error is a terminal; otherwise only the pauses. */
export function progressPrinter(io: CliIo): (progress: BulkProgress) => void {
  if ((io.stderr as { isTTY?: boolean }).isTTY !== true) return pauseNotices(io);
  return calmProgress(
    (p) => {
      const wait = p.paused ? `, ${waitingFor(p.paused)}` : '';
      const eta = p.waiting > 0 ? `${wait}, about ${duration(p.etaMs)} left` : '';
      io.stderr.write(`\r${p.done}/${p.total} looked up (${p.fromCache} from cache, ${p.failed} failed)${eta}   `);
    },
    { everyMs: EVERY_MS },
  );
}

/** The closing count: what was looked up, and what was left out and why. */
export function printBulkLine(outcome: BulkOutcome, plan: BulkPlan, settings: Settings, io: CliIo): void {
  const p = outcome.progress;
  const left = [
    plan.duplicates ? `${plan.duplicates} repeated` : '',
    plan.skipped ? `${plan.skipped} internal never sent` : '',
    plan.overCap ? `${plan.overCap} over BULK_MAX (${settings.BULK_MAX}) not looked up` : '',
  ].filter(Boolean);
  const state = outcome.status === 'cancelled' ? 'stopped: ' : '';
  const line = `${state}${p.done}/${p.total} looked up (${p.fromCache} from cache, ${p.failed} failed)${left.length ? `; ${left.join(', ')}` : ''}`;
  io.stderr.write(`${(io.stderr as { isTTY?: boolean }).isTTY ? '\r' : ''}${line}\n`);
}

/** A text line for a value without an answer. */
export function failureLine(result: LookupResult): string {
  return `${displayTarget(result)}: ${result.error ?? 'no answer'}`;
}
