import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, resultsToCsv } from '../../src/export/to-csv.js';
import { emptyReport } from '../../src/report/report.js';
import { NOW, result, sampleResults } from './results.js';

const rows = (csv: string) => parse(csv, { columns: true, relax_quotes: false }) as Array<Record<string, string>>;

describe('CSV export', () => {
  it('GIVEN lookup results THEN the CSV parses back to one row per indicator with the documented columns', () => {
    const csv = resultsToCsv(sampleResults(), NOW);
    const parsed = rows(csv);
    expect(Object.keys(parsed[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(parsed).toHaveLength(7);
    expect(parsed[0]).toMatchObject({
      type: 'domain',
      value_typed: 'evilupdate[.]top',
      value: 'evilupdate.top',
      found: 'yes',
      verdict: 'malicious',
      votes: 'malicious',
      resolutions: '3', // the parser already dropped the "-" address
      first_seen: '2019-03-02', // "0000-00-00" is no date
      last_seen: '2019-06-11',
      source: 'ThreatCrowd',
      answered_from: 'upstream',
      stale: 'no',
      error: '',
    });
    expect(parsed[6]).toMatchObject({ type: 'ip', found: '', error: expect.stringContaining('HTTP 503') });
  });

  it('GIVEN values and upstream text beginning with = + - @ tab or CR THEN each cell is neutralised with a leading quote', () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const results = hostile.map((typed) => result(typed, 'domain', 'evil.example', null, typed));
    const parsed = rows(resultsToCsv(results, NOW));
    for (const [i, row] of parsed.entries()) {
      expect(row.value_typed?.startsWith("'")).toBe(true);
      expect(row.error?.startsWith("'")).toBe(true);
      // Control characters are gone, the rest of the text survives.
      expect(row.value_typed?.slice(1).trim()).toBe(hostile[i]?.replace(/[\t\r]/g, ' ').trim());
    }
  });

  it('GIVEN quotes, commas, new lines and control characters THEN the row survives a round trip intact', () => {
    const typed = 'evil.com", injected\nrow,\u0007bell\u202Eevil';
    const parsed = rows(
      resultsToCsv([result(typed, 'domain', 'evil.com', emptyReport('domain', 'evil.com', new Date(NOW).toISOString()))], NOW),
    );
    expect(parsed).toHaveLength(1);
    expect(parsed[0]?.value_typed).toBe('evil.com", injected row, bell evil');
    expect(parsed[0]?.found).toBe('no');
  });

  it('GIVEN no results THEN the CSV is just the header', () => {
    expect(resultsToCsv([], NOW)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
