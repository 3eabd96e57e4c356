/** Summaries built from recorded answers and from hostile synthetic ones, for renderer tests. */

import type { LookupType } from '../../src/report/report.js';
import { buildSummary } from '../../src/summary/build-summary.js';
import type { Summary } from '../../src/summary/summary.js';
import { parseReport } from '../../src/threatcrowd/parse.js';
import { recordedAnswers, SYNTHETIC_FIXTURES } from './fixtures.js';

const AT = '2026-11-29T00:00:00.000Z';

export function fixtureSummaries(): Array<[string, Summary]> {
  return [...recordedAnswers(), ...recordedAnswers(SYNTHETIC_FIXTURES)].map(([file, endpoint, value, body]) => [
    file,
    buildSummary(parseReport(endpoint as LookupType, value, body, AT, 'GET x'), {
      now: Date.parse(AT) + 7_200_000,
      from: 'cache',
      team: { malicious: 2, safe: 1 },
    }),
  ]);
}

export const HOSTILE = [
  '@everyone',
  '@here',
  '<!channel>',
  '<!here>',
  '<@U024BE7LH>',
  '<@123456789>',
  '<@&987>',
  '<#C1|x>',
  '`code`',
  '*bold*',
  '_it_',
  '|pipe|',
  '> quote',
  '[link](https://evil.com)',
  '<https://evil.com|click>',
  '&amp;',
  '\u202eevil',
];

/** A domain report full of hostile strings: 10,000 subdomains, 2,000-character names, mentions and markup. */
export function hostileSummary(): Summary {
  const subdomains = [
    ...HOSTILE.map((h, i) => `${h}.${i}.evilupdate.top`),
    ...Array.from({ length: 10_000 }, (_, i) => `s${i}.evilupdate.top`),
  ];
  const body = JSON.stringify({
    response_code: '1',
    resolutions: [{ last_resolved: '2020-01-01', ip_address: `${'9'.repeat(2000)}` }],
    hashes: Array.from({ length: 500 }, (_, i) => i.toString(16).padStart(32, 'a')),
    emails: HOSTILE.map((h) => `${h}@evil.com`),
    subdomains,
    references: [`https://x.org/${'y'.repeat(2000)}`, ...HOSTILE],
    votes: -1,
    permalink: 'https://www.threatcrowd.org/domain.php?domain=evil.com>|<!channel>',
  });
  return buildSummary(parseReport('domain', 'evil.com', body, AT, 'GET x'), { now: Date.parse(AT), team: { malicious: 1, safe: 0 } });
}
