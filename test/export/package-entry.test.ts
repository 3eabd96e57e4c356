import { describe, expect, it } from 'vitest';

describe('the package entry, for files in and files out', () => {
  it('exports hashing, bulk planning and the three export formats', async () => {
    const entry = await import('../../src/index.js');
    expect((await entry.hashStream(new Blob(['abc']).stream())).md5).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(entry.planBulk('evil[.]com').targets).toEqual([{ typed: 'evil[.]com', type: 'domain', value: 'evil.com' }]);
    expect(entry.resultsToCsv([]).startsWith('type,value_typed,value,')).toBe(true);
    expect(JSON.parse(entry.resultsToJson([])).results).toEqual([]);
    expect(entry.resultsToStix([]).type).toBe('bundle');
    expect(typeof entry.BulkRunner).toBe('function');
    expect(typeof entry.downloadAndHash).toBe('function');
  });
});
