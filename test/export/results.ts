/** Lookup results built from the recorded and synthetic ThreatCrowd answers, for the export tests. */
import type { LookupResult } from '../../src/export/lookup-result.js';
import type { LookupType, Report } from '../../src/report/report.js';
import { parseReport } from '../../src/threatcrowd/parse.js';
import { readFixture, SYNTHETIC_FIXTURES } from '../support/fixtures.js';

export const NOW = Date.parse('2026-12-01T06:00:00.000Z');

export function reportFrom(type: LookupType, value: string, fixture: string, dir?: string): Report {
  return parseReport(type, value, readFixture(fixture, dir), '2026-11-30T12:00:00.000Z', 'GET test');
}

export function result(typed: string, type: LookupType, value: string, report: Report | null, error: string | null = null): LookupResult {
  return { typed, type, value, report, from: report ? 'upstream' : null, error };
}

/** One of each kind: a malicious domain (with junk resolutions), an IP, an e-mail, a file, a family, a failure. */
export function sampleResults(): LookupResult[] {
  return [
    result(
      'evilupdate[.]top',
      'domain',
      'evilupdate.top',
      reportFrom('domain', 'evilupdate.top', 'domain-evilupdate.top.json', SYNTHETIC_FIXTURES),
    ),
    result('45.77.12[.]34', 'ip', '45.77.12.34', reportFrom('ip', '45.77.12.34', 'ip-45.77.12.34.json', SYNTHETIC_FIXTURES)),
    result('aoldaily.com', 'domain', 'aoldaily.com', reportFrom('domain', 'aoldaily.com', 'domain-aoldaily.com.json')),
    result(
      'william19770319[@]yahoo.com',
      'email',
      'william19770319@yahoo.com',
      reportFrom('email', 'william19770319@yahoo.com', 'email-william19770319@yahoo.com.json'),
    ),
    result(
      'ec8c89aa5e521572c74e2dd02a4daf78',
      'file',
      'ec8c89aa5e521572c74e2dd02a4daf78',
      reportFrom('file', 'ec8c89aa5e521572c74e2dd02a4daf78', 'file-ec8c89aa5e521572c74e2dd02a4daf78.json'),
    ),
    result('plugx', 'antivirus', 'plugx', reportFrom('antivirus', 'plugx', 'antivirus-plugx.json')),
    result(
      '2001:db8::1',
      'ip',
      '2606:4700::1111',
      null,
      'ThreatCrowd answered HTTP 503: GET https://www.threatcrowd.org/searchApi/v2/ip/report/',
    ),
  ];
}
