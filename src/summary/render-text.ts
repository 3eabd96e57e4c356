/** Plain-text rendering of a summary, for the console and `lookup --format text`. */
import { defang } from '../indicators/defang.js';
import { teamLine } from './describe.js';
import { type Summary, TYPE_LABELS } from './summary.js';

/** Removes control characters (terminal escapes) from untrusted text. */
export function plainSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

export function renderSummaryText(summary: Summary): string {
  const flags = summary.flags
    .filter((f) => f !== summary.verdict.text)
    .map((f) => ` [${f}]`)
    .join('');
  const lines = [`${TYPE_LABELS[summary.type]} ${plainSafe(summary.display)} — ${summary.verdict.text}${flags}`];
  if (summary.team) lines.push(`  ${teamLine(summary.team)}`);
  for (const fact of summary.facts) lines.push(`  ${fact.label}: ${plainSafe(fact.value)}`);
  for (const s of summary.sections) {
    const more = s.total > s.items.length ? ` (+${s.total - s.items.length} more)` : '';
    lines.push(`  ${s.title} (${s.total}): ${s.items.map(plainSafe).join(', ')}${more}`);
  }
  const footer = [`source: ${summary.source}`, summary.freshness, summary.permalink ? plainSafe(defang(summary.permalink)) : null].filter(
    Boolean,
  );
  lines.push(`  ${footer.join(' · ')}`);
  return lines.join('\n');
}
