/**
 * How `lookup` prints one answer, per `--format`. A new format is one entry here (and its name in
 * LOOKUP_FORMATS); the command itself does not change.
 */
import { renderDiscord } from '../../adapters/discord/render.js';
import { renderSlack } from '../../adapters/slack/render.js';
import type { AnswerSource } from '../cache/cached-lookup.js';
import type { Reply } from '../core/reply.js';
import type { Report } from '../report/report.js';
import { buildSummary } from '../summary/build-summary.js';
import { renderSummaryText } from '../summary/render-text.js';

/** Formats printed one answer at a time. */
export const ANSWER_FORMATS = ['text', 'json', 'slack', 'discord'] as const;
export type AnswerFormat = (typeof ANSWER_FORMATS)[number];

/** Every `--format`: the answer formats, and documents (csv, stix; json for --file) built by lookup-export. */
export const LOOKUP_FORMATS = [...ANSWER_FORMATS, 'csv', 'stix'] as const;
export type LookupFormat = (typeof LOOKUP_FORMATS)[number];

/** One answer as printed: a line (or lines) without the final newline. */
export type Formatter = (report: Report, from: AnswerSource) => string;

const summaryReply = (report: Report, from: AnswerSource): Reply => ({
  kind: 'summary',
  visibility: 'public',
  summary: buildSummary(report, { from }),
  target: { type: report.type, value: report.value },
  votable: report.type !== 'antivirus',
});

export const FORMATTERS: Record<AnswerFormat, Formatter> = {
  text: (report, from) => renderSummaryText(buildSummary(report, { from })),
  json: (report) => JSON.stringify(report), // the report model is the documented JSON object
  // The payloads the adapters would send, so they can be checked without a chat account.
  slack: (report, from) => JSON.stringify(renderSlack(summaryReply(report, from))),
  discord: (report, from) => JSON.stringify(renderDiscord(summaryReply(report, from))),
};

export function isLookupFormat(name: string): name is LookupFormat {
  return (LOOKUP_FORMATS as readonly string[]).includes(name);
}

export function isAnswerFormat(name: string): name is AnswerFormat {
  return (ANSWER_FORMATS as readonly string[]).includes(name);
}
