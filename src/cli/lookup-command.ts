/** `threatcrowd-bot lookup <value>...`: look values up through one limiter and cache, print one answer each. */
import { renderDiscord } from '../../adapters/discord/render.js';
import { renderSlack } from '../../adapters/slack/render.js';
import type { Reply } from '../bot/reply.js';
import type { AnswerSource } from '../cache/cached-lookup.js';
import { loadSettings } from '../config/settings.js';
import { UserError } from '../errors/user-error.js';
import { type LookupTarget, resolveTarget } from '../lookup/resolve-target.js';
import { createServices } from '../runtime/services.js';
import { buildSummary } from '../summary/build-summary.js';
import { renderSummaryText } from '../summary/render-text.js';
import { LOOKUP_TYPES, type LookupType, type Report } from '../threatcrowd/report.js';
import { DOCUMENT_FORMATS, runBulkFile, runValuesDocument } from './lookup-export.js';
import { type CliIo, expectedFailureLine } from './output.js';

export const LOOKUP_FORMATS = ['text', 'json', 'slack', 'discord', ...DOCUMENT_FORMATS] as const;

export interface LookupCommandOptions {
  readonly type?: string;
  readonly format?: string;
  /** Read the values from this file (`-`: standard input) as one bulk. */
  readonly file?: string;
}

type Formatter = (report: Report, from: AnswerSource) => string;

const summaryReply = (report: Report, from: AnswerSource): Reply => ({
  kind: 'summary',
  visibility: 'public',
  summary: buildSummary(report, { from }),
  target: { type: report.type, value: report.value },
  votable: report.type !== 'antivirus',
});

const FORMATTERS: Record<string, Formatter> = {
  text: (report, from) => renderSummaryText(buildSummary(report, { from })),
  json: (report) => JSON.stringify(report), // the report model is the documented JSON object
  // The payloads the adapters would send, so they can be checked without a chat account.
  slack: (report, from) => JSON.stringify(renderSlack(summaryReply(report, from))),
  discord: (report, from) => JSON.stringify(renderDiscord(summaryReply(report, from))),
};

/** Runs the command; resolves to the exit code. */
export async function runLookup(values: string[], options: LookupCommandOptions, io: CliIo): Promise<number> {
  const settings = loadSettings(io.env);
  const format = options.format ?? 'text';
  const formatter = FORMATTERS[format];
  if (!formatter && !(DOCUMENT_FORMATS as readonly string[]).includes(format))
    throw new UserError(`unknown format "${format}"`, `--format ${LOOKUP_FORMATS.join('|')}`);
  const type = options.type as LookupType | undefined;
  if (type !== undefined && !LOOKUP_TYPES.includes(type)) throw new UserError(`unknown type "${type}"`, `--type ${LOOKUP_TYPES.join('|')}`);
  if (options.file !== undefined && values.length > 0) throw new UserError('give values or --file, not both.');
  if (options.file === undefined && values.length === 0)
    throw new UserError('give at least one value, or --file PATH (- reads standard input).', 'lookup <value...> | lookup --file PATH');
  // Validate every value before asking upstream anything.
  const targets: LookupTarget[] = values.map((v) => resolveTarget(v, type, settings.IGNORE_DOMAINS));
  const services = await createServices(settings);
  let failures = 0;
  try {
    if (options.file !== undefined) return await runBulkFile(options.file, format, services, io);
    if (!formatter) return await runValuesDocument(targets, format, services, io);
    for (const target of targets) {
      try {
        const outcome = await services.lookups.lookup(target.type, target.value, 'interactive');
        io.stdout.write(`${formatter(outcome.report, outcome.from)}\n`);
      } catch (error) {
        const line = expectedFailureLine(error);
        if (line === null) throw error;
        failures++;
        io.stderr.write(`${line}\n`);
      }
    }
  } finally {
    await services.close();
  }
  return failures === 0 ? 0 : 1;
}
