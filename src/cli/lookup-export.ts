/**
 * `threatcrowd-bot lookup --file PATH|-` (a bulk: values found in the file, de-duplicated, at the bulk
 * priority, resumable) and `--format csv|json|stix` (one document for all the values). Progress goes to
 * standard error, the document to standard output.
 */
import { readFile, stat } from 'node:fs/promises';
import { BulkRunner } from '../bulk/bulk-runner.js';
import type { BulkOutcome } from '../bulk/bulk-runner-options.js';
import { BulkStateStore } from '../bulk/bulk-state.js';
import { type BulkPlan, planBulk } from '../bulk/plan-bulk.js';
import { UserError } from '../errors/user-error.js';
import type { LookupResult } from '../export/lookup-result.js';
import { resultsToStix } from '../export/stix/to-stix.js';
import { resultsToCsv } from '../export/to-csv.js';
import { resultsToJson } from '../export/to-json.js';
import type { LookupTarget } from '../lookup/resolve-target.js';
import type { Services } from '../runtime/services.js';
import { buildSummary } from '../summary/build-summary.js';
import { renderSummaryText } from '../summary/render-text.js';
import { failureLine, printBulkLine, progressPrinter } from './bulk-progress-line.js';
import { type CliIo, expectedFailureLine } from './output.js';

/** Formats that write one document for all the values. */
export const DOCUMENT_FORMATS = ['csv', 'json', 'stix'] as const;
const MAX_LIST_BYTES = 5 * 1024 * 1024;

const WRITERS: Record<string, (results: readonly LookupResult[], now: number) => string> = {
  csv: resultsToCsv,
  json: resultsToJson,
  stix: (results, now) => `${JSON.stringify(resultsToStix(results, now), null, 2)}\n`,
  text: (results, now) =>
    results
      .map((r) => (r.report ? renderSummaryText(buildSummary(r.report, { from: r.from ?? undefined, now })) : failureLine(r)))
      .join('\n\n')
      .concat('\n'),
};

/** The list's text, from a file or standard input (`-`), refused past 5 MB without reading it all. */
export async function readList(path: string, io: CliIo): Promise<string> {
  if (path !== '-') {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new UserError(`cannot read "${path}": no such file.`);
    if (info.size > MAX_LIST_BYTES) throw new UserError(`"${path}" is larger than 5 MB; split it into smaller lists.`);
    return readFile(path, 'utf8');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin ?? process.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_LIST_BYTES) throw new UserError('standard input is larger than 5 MB; split it into smaller lists.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Looks up every value in the file as one bulk and writes the results in `format`; resolves to the exit code. */
export async function runBulkFile(path: string, format: string, services: Services, io: CliIo): Promise<number> {
  const writer = WRITERS[format];
  if (!writer) throw new UserError(`--format ${format} prints one payload per value; with --file use text, csv, json or stix.`);
  const plan = planBulk(await readList(path, io), { ignoreDomains: services.settings.IGNORE_DOMAINS, max: services.settings.BULK_MAX });
  if (plan.targets.length === 0) throw new UserError(`no indicators to look up in ${path === '-' ? 'standard input' : `"${path}"`}.`);
  const outcome = await runCancellable(plan, services, io);
  io.stdout.write(writer(outcome.results, Date.now()));
  printBulkLine(outcome, plan, services.settings, io);
  if (outcome.status === 'cancelled') return 130;
  return outcome.progress.failed === 0 ? 0 : 1;
}

/** Runs the bulk; Ctrl-C or SIGTERM stops it, and what was looked up so far is still written. */
async function runCancellable(plan: BulkPlan, services: Services, io: CliIo): Promise<BulkOutcome> {
  const runner = new BulkRunner({
    lookups: services.lookups,
    queue: services.limiter,
    outagePatienceMs: services.settings.BULK_OUTAGE_WAIT_MINUTES * 60_000,
    state: new BulkStateStore(services.store.namespace('bulk'), services.coordination),
    onError: (error) => io.stderr.write(`unexpected failure: ${(error as Error).message}\n`),
  });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await runner.start(plan, 'cli', { signal: controller.signal, onProgress: progressPrinter(io) });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** Values given on the command line, written as one CSV, JSON or STIX document. */
export async function runValuesDocument(targets: readonly LookupTarget[], format: string, services: Services, io: CliIo): Promise<number> {
  const results: LookupResult[] = [];
  for (const target of targets) {
    try {
      const outcome = await services.lookups.lookup(target.type, target.value, 'interactive');
      results.push({ typed: target.value, ...target, report: outcome.report, from: outcome.from, error: null });
    } catch (error) {
      const line = expectedFailureLine(error);
      if (line === null) throw error;
      io.stderr.write(`${line}\n`);
      results.push({ typed: target.value, ...target, report: null, from: null, error: line });
    }
  }
  io.stdout.write((WRITERS[format] ?? resultsToJson)(results, Date.now()));
  return results.every((r) => r.error === null) ? 0 : 1;
}
