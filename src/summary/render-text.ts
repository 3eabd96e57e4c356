/** Plain-text rendering of a summary, for the console and `lookup --format text`. */
import { defang } from '../indicators/defang.js';
import { teamLine } from './describe.js';
import { stripUnsafe } from './safe-text.js';
import { type Summary, TYPE_LABELS } from './summary.js';

/** Removes control, format and bidi characters (terminal escapes, OSC-8 links, reordering) from untrusted text. */
export function plainSafe(text: string): string {
  return text.split('\n').map(stripUnsafe).join('\n');
}

export function renderSummaryText(summary: Summary): string {
  const flags = summary.flags
    .filter((f) => f !== summary.verdict.text)
    .map((f) => ` [${f}]`)
    .join('');
  const lines = [`${TYPE_LABELS[summary.type]} ${summary.display} — ${summary.verdict.text}${flags}`];
  if (summary.team) lines.push(`  ${teamLine(summary.team)}`);
  for (const fact of summary.facts) lines.push(`  ${fact.label}: ${fact.value}`);
  for (const s of summary.sections) {
    const more = s.total > s.items.length ? ` (+${s.total - s.items.length} more)` : '';
    lines.push(`  ${s.title} (${s.total}): ${s.items.join(', ')}${more}`);
  }
  // In a terminal every link is live: even the bot's own page is printed defanged.
  const footer = [`source: ${summary.source}`, summary.freshness, summary.permalink ? defang(summary.permalink) : null].filter(Boolean);
  lines.push(`  ${footer.join(' · ')}`);
  // Every line goes through the same filter, the verdict included: no escape sequence reaches the terminal.
  return lines.map(plainSafe).join('\n');
}
