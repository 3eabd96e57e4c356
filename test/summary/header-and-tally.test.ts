import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/report/report.js';
import { buildSummary } from '../../src/summary/build-summary.js';
import { renderSummaryText } from '../../src/summary/render-text.js';

const report = (overrides = {}) => ({ ...emptyReport('domain', 'aoldaily.com', new Date().toISOString()), found: true, ...overrides });

describe('the summary header and the team tally', () => {
  it('GIVEN no ThreatCrowd votes and a team vote THEN the header does not say "no votes" above the tally', () => {
    const text = renderSummaryText(buildSummary(report(), { team: { malicious: 0, safe: 1 } }));
    const [header, tally] = text.split('\n');
    expect(header).toBe('Domain aoldaily[.]com — no ThreatCrowd votes');
    expect(tally).toBe('  team: 0 malicious, 1 not malicious');
  });

  it('GIVEN an answer from the simulator THEN its source says so', () => {
    expect(buildSummary(report({ simulated: true })).source).toBe('ThreatCrowd simulator');
    expect(buildSummary(report()).source).toBe('ThreatCrowd');
    expect(buildSummary(report({ source: 'otx', simulated: true })).source).toBe('AlienVault OTX simulator');
  });
});
