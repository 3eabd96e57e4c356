import { describe, expect, it } from 'vitest';
import { UpstreamBusyError, UpstreamHtmlError, UpstreamMalformedError } from '../../src/errors/index.js';
import type { DomainResolution, IpResolution, LookupType } from '../../src/report/report.js';
import { parseReport } from '../../src/threatcrowd/parse.js';
import { readFixture, recordedAnswers } from '../support/fixtures.js';

const AT = '2026-11-29T06:00:00.000Z';
const REQ = 'GET http://sim/searchApi/v2/x/report/';
const parse = (type: LookupType, value: string, body: string) => parseReport(type, value, body, AT, REQ);

describe('parsing every real recorded answer', () => {
  it.each(recordedAnswers())('GIVEN %s THEN it parses into a report without junk', (_file, endpoint, value, body) => {
    const report = parse(endpoint as LookupType, value, body);
    expect(report.type).toBe(endpoint);
    expect(report.fetchedAt).toBe(AT);
    const everything = [
      ...report.hashes,
      ...report.subdomains,
      ...report.emails,
      ...report.domains,
      ...report.scans,
      ...report.ips,
      ...report.references,
    ];
    for (const item of everything) {
      expect(item).not.toMatch(/^\s*$|^-$|^0\.0\.0\.0$|\r/);
      expect(item.toLowerCase()).not.toBe('error scanning file');
    }
    expect(new Set(report.hashes).size).toBe(report.hashes.length);
  });
});

describe('parsing quirks of real answers', () => {
  it('GIVEN the 2015 aoldaily.com answer THEN "-" and 0.0.0.0 resolutions are dropped, 0000-00-00 is null, newest first', () => {
    const report = parse('domain', 'aoldaily.com', readFixture('domain-aoldaily.com.json'));
    const resolutions = report.resolutions as DomainResolution[];
    expect(resolutions.map((r) => r.ip)).not.toContain('-');
    expect(resolutions.map((r) => r.ip)).not.toContain('0.0.0.0');
    expect(resolutions[0]).toEqual({ ip: '69.195.129.70', lastResolved: '2015-05-12' });
    expect(resolutions.at(-1)).toEqual({ ip: '66.228.48.134', lastResolved: null });
    expect(report.votes).toBeNull();
    expect(report.subdomains).toEqual([]);
    expect(report.permalink).toBe('https://www.threatcrowd.org/domain.php?domain=aoldaily.com');
  });

  it('GIVEN the IP answer with trailing \\r and upper-case domains THEN domains are trimmed, lower-cased and de-duplicated', () => {
    const report = parse('ip', '188.40.75.132', readFixture('ip-188.40.75.132.json'));
    const domains = (report.resolutions as IpResolution[]).map((r) => r.domain);
    expect(domains.every((d) => d === d.toLowerCase() && !d.includes('\r'))).toBe(true);
    expect(new Set(domains).size).toBe(domains.length);
    expect(report.references).toEqual([]);
    const advtravel = (report.resolutions as IpResolution[]).find((r) => r.domain === 'advtravel.info');
    expect(advtravel?.lastResolved).toBe('2014-03-22');
  });

  it('GIVEN the file answer THEN empty scans are dropped, duplicates removed, md5 and sha1 kept', () => {
    const report = parse('file', 'ec8c89aa5e521572c74e2dd02a4daf78', readFixture('file-ec8c89aa5e521572c74e2dd02a4daf78.json'));
    expect(report.scans).not.toContain('');
    expect(report.scans.filter((s) => s === 'TSPY_COSSTA.DH')).toHaveLength(1);
    expect(report.md5).toBe('ec8c89aa5e521572c74e2dd02a4daf78');
    expect(report.sha1).toBe('01f5c3905f2098650f16f50a1b26156586238bfe');
    expect(report.ips).toEqual([]);
  });

  it('GIVEN votes as a number or a string THEN both parse', () => {
    expect(parse('ip', '1.2.3.5', readFixture('ip-1.2.3.5.json')).votes).toBe(0);
    expect(parse('domain', 'x.com', '{"response_code":"1","votes":"-1"}').votes).toBe(-1);
    expect(parse('domain', 'x.com', '{"response_code":1,"votes":1}').votes).toBe(1);
    expect(parse('domain', 'x.com', '{"response_code":1,"votes":"7"}').votes).toBeNull();
  });

  it('GIVEN {"response_code":"0"} or an empty body THEN the report is not found, not an error', () => {
    expect(parse('ip', '1.2.3.4', readFixture('ip-1.2.3.4.json')).found).toBe(false);
    expect(parse('ip', '1.2.3.4', '').found).toBe(false);
    expect(parse('ip', '1.2.3.4', '  \n').found).toBe(false);
    expect(parse('ip', '1.2.3.4', '{"response_code":0}').found).toBe(false);
  });

  it('GIVEN the 2021 answer with junk subdomains THEN they are kept as data (renderers escape them)', () => {
    const report = parse('domain', 'aoldaily.com', readFixture('domain-aoldaily.com.2021-xsoar.json'));
    expect(report.subdomains.length).toBeGreaterThan(10);
    expect(report.references).toContain('httpblog.shadowserver.org201302');
  });
});

describe('parsing failures', () => {
  it('GIVEN the real 503 outage page THEN it is a retryable HTML error', () => {
    const error = (() => {
      try {
        parse('domain', 'x.com', readFixture('error-503-service-temporarily-unavailable.html'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UpstreamHtmlError);
    expect((error as UpstreamHtmlError).retryable).toBe(true);
  });

  it('GIVEN "Too many connections" THEN it is a busy error', () => {
    expect(() => parse('domain', 'x.com', 'Too many connections')).toThrow(UpstreamBusyError);
  });

  it('GIVEN truncated JSON THEN it is a malformed error that keeps its cause', () => {
    try {
      parse('domain', 'x.com', '{"response_code":"1","hashes":["ab');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UpstreamMalformedError);
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    }
  });

  it('GIVEN JSON that is not an object THEN it is malformed', () => {
    expect(() => parse('domain', 'x.com', '[1,2]')).toThrow(UpstreamMalformedError);
  });
});
