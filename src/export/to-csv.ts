/**
 * Results as CSV for a spreadsheet or a ticket: one row per indicator, written by csv-stringify with its
 * formula escaping (a cell starting with = + - @ tab or CR gets a leading quote), control characters removed.
 */
import { stringify } from 'csv-stringify/sync';
import { buildSummary } from '../summary/build-summary.js';
import { type LookupResult, seenRange } from './lookup-result.js';

export const CSV_COLUMNS = [
  'type',
  'value_typed',
  'value',
  'found',
  'verdict',
  'verdict_text',
  'votes',
  'resolutions',
  'hashes',
  'subdomains',
  'emails',
  'first_seen',
  'last_seen',
  'source',
  'answered_from',
  'stale',
  'permalink',
  'error',
] as const;

const VOTE_WORDS = { '-1': 'malicious', '0': 'split', '1': 'not malicious' } as const;
// C0 and C1 controls (tab, CR and LF included: one cell is one line), and bidi overrides that disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const MAX_CELL = 2000;

function clean(text: string): string {
  return text.replace(CONTROLS, ' ').trim().slice(0, MAX_CELL);
}

function row(result: LookupResult, now: number): string[] {
  const { report } = result;
  const base = [result.type, clean(result.typed), result.value];
  if (!report) return [...base, '', '', '', '', '', '', '', '', '', '', '', '', '', '', clean(result.error ?? '')];
  const summary = buildSummary(report, { from: result.from ?? undefined, now });
  const seen = seenRange(report);
  return [
    ...base,
    report.found ? 'yes' : 'no',
    summary.verdict.tone,
    clean(summary.verdict.text),
    report.votes === null ? '' : VOTE_WORDS[String(report.votes) as keyof typeof VOTE_WORDS],
    String(report.resolutions.length),
    String(report.hashes.length),
    String(report.subdomains.length),
    String(report.emails.length),
    seen.first ?? '',
    seen.last ?? '',
    clean(summary.source),
    result.from ?? '',
    summary.stale ? 'yes' : 'no',
    summary.permalink ?? '',
    clean(result.error ?? ''),
  ];
}

/** The CSV text (header and one row per result, CRLF line ends as RFC 4180 says). */
export function resultsToCsv(results: readonly LookupResult[], now: number = Date.now()): string {
  return stringify([[...CSV_COLUMNS], ...results.map((r) => row(r, now))], { escape_formulas: true, record_delimiter: 'windows' });
}
