import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { hashStream } from '../../src/files/hash-stream.js';
import { lookUpFile } from '../../src/files/look-up-file.js';
import { createServices } from '../../src/runtime/services.js';
import { offlineEnv } from '../support/env.js';
import { afterTest } from '../support/servers.js';
import { useSimulator } from '../support/simulator.js';

const SECRET = 'quarterly-results-CONFIDENTIAL';

async function services(env: Record<string, string> = {}) {
  const sim = await useSimulator();
  const built = await createServices(loadSettings({ ...offlineEnv(sim), ...env }));
  afterTest(() => built.close());
  return { sim, lookups: built.lookups };
}

describe('lookUpFile', () => {
  it('GIVEN a file THEN its MD5 goes to ThreatCrowd and its SHA-256 to OTX, and nothing of its content goes anywhere', async () => {
    const { sim, lookups } = await services();
    const hashes = await hashStream(new Blob([SECRET]).stream());
    const answer = await lookUpFile('report.docx', hashes, lookups);
    expect(answer.results.map((r) => [r.typed, r.value])).toEqual([
      ['MD5', hashes.md5],
      ['SHA-256', hashes.sha256],
    ]);
    const asked = sim.requests.map((r) => `${r.path}?${r.value ?? ''}`).join('\n');
    expect(asked).toContain(hashes.md5);
    expect(asked).toContain(hashes.sha256);
    expect(asked).not.toContain(SECRET);
    expect(asked).not.toContain('report.docx');
  });

  it('GIVEN a file OTX knows by its SHA-256 THEN that answer is found', async () => {
    const { lookups } = await services();
    const answer = await lookUpFile('empty.bin', await hashStream(new Blob([]).stream()), lookups);
    const sha = answer.results.find((r) => r.typed === 'SHA-256');
    expect(sha?.report).toMatchObject({ source: 'otx', found: true });
  });

  it('GIVEN only ThreatCrowd configured THEN the MD5 answer stands alone, without an error for SHA-256', async () => {
    const { lookups } = await services({ PROVIDERS: 'threatcrowd' });
    const answer = await lookUpFile('a.exe', await hashStream(new Blob(['x']).stream()), lookups);
    expect(answer.results.map((r) => r.typed)).toEqual(['MD5']);
  });
});
