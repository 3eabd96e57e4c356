import { describe, expect, it } from 'vitest';
import { resultsToJson } from '../../src/export/to-json.js';
import { NOW, sampleResults } from './results.js';

describe('JSON export', () => {
  it('GIVEN lookup results THEN one document holds each value with its full report model', () => {
    const document = JSON.parse(resultsToJson(sampleResults(), NOW));
    expect(document).toMatchObject({ format: 'threatcrowd-bot/results', version: 1, generatedAt: '2026-12-01T06:00:00.000Z' });
    expect(document.results).toHaveLength(7);
    expect(document.results[0]).toMatchObject({ typed: 'evilupdate[.]top', value: 'evilupdate.top', from: 'upstream', error: null });
    expect(document.results[0].report).toMatchObject({ type: 'domain', found: true, votes: -1 });
    expect(document.results[6]).toMatchObject({ report: null, error: expect.stringContaining('503') });
  });
});
