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
import { type CliIo, expectedFailureLine } from './output.js';

export const LOOKUP_FORMATS = ['text', 'json', 'slack', 'discord'] as const;

export interface LookupCommandOptions {
  readonly type?: string;
  readonly format?: string;
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
  if (!formatter) throw new UserError(`unknown format "${format}"`, `--format ${Object.keys(FORMATTERS).join('|')}`);
  const type = options.type as LookupType | undefined;
  if (type !== undefined && !LOOKUP_TYPES.includes(type)) throw new UserError(`unknown type "${type}"`, `--type ${LOOKUP_TYPES.join('|')}`);
  // Validate every value before asking upstream anything.
  const targets: LookupTarget[] = values.map((v) => resolveTarget(v, type, settings.IGNORE_DOMAINS));
  const services = await createServices(settings);
  let failures = 0;
  try {
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
