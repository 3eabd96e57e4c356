/**
 * What the safe-output rule costs: parsing a hostile answer (10,000 subdomains, markup, escapes), building its
 * summary (every shown string defanged, stripped and bounded) and rendering it for Slack, Discord and text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReplyText } from '../adapters/console/render.js';
import { renderDiscord } from '../adapters/discord/render.js';
import { renderSlack } from '../adapters/slack/render.js';
import type { Reply } from '../src/core/reply.js';
import { defang } from '../src/indicators/defang.js';
import type { LookupType } from '../src/report/report.js';
import { buildSummary } from '../src/summary/build-summary.js';
import { safeText } from '../src/summary/safe-text.js';
import { parseReport } from '../src/threatcrowd/parse.js';

const HOSTILE = join(import.meta.dirname, '..', 'fixtures', 'threatcrowd', 'hostile');

function perSecond(runs: number, work: () => void): number {
  work(); // warm up
  const start = performance.now();
  for (let i = 0; i < runs; i++) work();
  return (runs * 1000) / (performance.now() - start);
}

function answerRate(file: string, type: LookupType, value: string): number {
  const body = readFileSync(join(HOSTILE, file), 'utf8');
  return perSecond(200, () => {
    const summary = buildSummary(parseReport(type, value, body, new Date().toISOString(), 'GET x'), { from: 'upstream' });
    const reply: Reply = { kind: 'summary', visibility: 'public', summary, target: { type, value }, votable: true };
    renderSlack(reply);
    renderDiscord(reply);
    renderReplyText(reply);
  });
}

export function benchRendering(): string[] {
  const huge = answerRate('domain-hostile-huge.top.json', 'domain', 'hostile-huge.top');
  const markup = answerRate('domain-hostile-markup.top.json', 'domain', 'hostile-markup.top');
  const words = 'Whitelisted by https://evil-0.example.com/lists/a.b and mail ceo@victim.org at 45.77.12.34';
  const texts = perSecond(20_000, () => safeText(words));
  const names = perSecond(100_000, () => defang('login.microsoftonline.com.evil.co.uk'));
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  return [
    '| work | rate |',
    '| --- | --- |',
    `| answer with 10,000 subdomains (258 KB): parse, summary, Slack + Discord + text | ${f(huge)} answers/s |`,
    `| hostile markup answer (2.6 KB): parse, summary, Slack + Discord + text | ${f(markup)} answers/s |`,
    `| safeText of a 90-character upstream line (URL, e-mail, IP) | ${f(texts)} lines/s |`,
    `| defang of a six-label host name | ${f(names)} names/s |`,
  ];
}
