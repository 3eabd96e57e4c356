/** Reports from the bundled fixtures and hostile ones, for graph tests and benchmarks. */
import type { GraphNode } from '../../src/graph/model.js';
import type { LookupType, Report } from '../../src/report/report.js';
import { normaliseReport } from '../../src/threatcrowd/parse.js';
import { readFixture, SYNTHETIC_FIXTURES } from './fixtures.js';
import { HOSTILE } from './summaries.js';

const AT = '2026-12-01T00:00:00.000Z';

/** The report a bundled fixture parses to. */
export function fixtureReport(type: LookupType, value: string, dir?: string): Report {
  return normaliseReport(type, value, JSON.parse(readFixture(`${type}-${value}.json`, dir)), AT);
}

/** One report per fixture type: domain, IP, e-mail, file hash, antivirus family, and the hostile synthetic domain. */
export const FIXTURE_REPORTS: Array<[string, () => Report]> = [
  ['domain aoldaily.com', () => fixtureReport('domain', 'aoldaily.com')],
  ['domain google.com', () => fixtureReport('domain', 'google.com')],
  ['IP 188.40.75.132', () => fixtureReport('ip', '188.40.75.132')],
  ['e-mail william19770319@yahoo.com', () => fixtureReport('email', 'william19770319@yahoo.com')],
  ['file ec8c89aa5e521572c74e2dd02a4daf78', () => fixtureReport('file', 'ec8c89aa5e521572c74e2dd02a4daf78')],
  ['antivirus plugx', () => fixtureReport('antivirus', 'plugx')],
  ['hostile domain evilupdate.top', () => fixtureReport('domain', 'evilupdate.top', SYNTHETIC_FIXTURES)],
  ['IP 45.77.12.34 (voted malicious)', () => fixtureReport('ip', '45.77.12.34', SYNTHETIC_FIXTURES)],
];

/** Labels written to hurt: markup, mentions, control and bidi characters, a script tag, look-alike letters. */
export const HOSTILE_VALUES = [
  '<script>alert(1)</script>.evil.top',
  '<!channel>.evil.top',
  '<@U024BE7LH>.evil.top',
  '@everyone.evil.top',
  '@here',
  '**bold**.__under__.evil.top',
  'a\u202eusertxt.exe.evil.top',
  'zero\u200bwidth.evil.top',
  'bell\u0007\u001b[31mred.evil.top',
  'line\nbreak\r.evil.top',
  'аpple.com',
  '"quoted"&amp;\'apos\'.evil.top',
  ']]><![CDATA[x.evil.top',
  'x'.repeat(300),
  ...HOSTILE,
];

/** A domain report with `subdomains` subdomains, the hostile values among them, and many resolutions. */
export function hostileReport(subdomains = 10_000): Report {
  const base = fixtureReport('domain', 'evilupdate.top', SYNTHETIC_FIXTURES);
  return {
    ...base,
    subdomains: [...HOSTILE_VALUES, ...Array.from({ length: subdomains }, (_, i) => `host-${i}.evilupdate.top`)],
    resolutions: Array.from({ length: 500 }, (_, i) => ({ ip: `10.${i >> 8}.${i & 255}.1`, lastResolved: '2019-01-01' })),
    emails: HOSTILE_VALUES.map((v) => `${v}@evilupdate.top`),
    references: HOSTILE_VALUES.map((v) => `https://${v}/x.php`),
    hashes: HOSTILE_VALUES,
  };
}

/** A label that could become a live link: a dot after the last `[.]`, or an `@` that is not `[@]`. */
export function isLive(node: Pick<GraphNode, 'kind' | 'label'>): boolean {
  if (node.label.replace(/\[@\]/g, '').includes('@')) return true;
  if (node.kind === 'reference') return node.label.replace(/\[\.\]/g, '').includes('.');
  if (node.kind === 'domain' || node.kind === 'email' || node.kind === 'ip') {
    const tail = node.label.slice(node.label.lastIndexOf('[.]') + 1);
    return node.label.includes('.') && (!node.label.includes('[.]') || tail.replace(/^\.\]/, '').includes('.'));
  }
  return false;
}
