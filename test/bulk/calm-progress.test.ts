import { describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../src/bulk/bulk-progress.js';
import { estimateTimeLeft } from '../../src/bulk/bulk-progress.js';
import { calmProgress } from '../../src/bulk/calm-progress.js';

const step = (done: number, total = 10, status: BulkProgress['status'] = 'running'): BulkProgress => ({
  id: 'b1',
  status,
  done,
  total,
  fromCache: 0,
  failed: 0,
  waiting: total - done,
  etaMs: 0,
});

describe('calmProgress', () => {
  it('GIVEN updates every 100 ms and a 1 s pace THEN the first, one a second, and the last pass', () => {
    let now = 0;
    const shown: number[] = [];
    const calm = calmProgress((p) => shown.push(p.done), { everyMs: 1000, now: () => now });
    for (let done = 0; done <= 30; done++) {
      calm(step(done, 30));
      now += 100;
    }
    expect(shown).toEqual([0, 10, 20, 30]);
  });

  it('GIVEN a pause starting and ending between two paced updates THEN both are shown at once', () => {
    let now = 0;
    const shown: string[] = [];
    const calm = calmProgress((p) => shown.push(`${p.done}${p.paused ? ' paused' : ''}`), { everyMs: 1000, now: () => now });
    calm(step(1));
    now += 100;
    calm({ ...step(1), paused: { providers: ['ThreatCrowd'], retryInMs: 60_000 } });
    now += 100;
    calm({ ...step(1), paused: { providers: ['ThreatCrowd'], retryInMs: 59_900 } });
    now += 100;
    calm(step(2));
    expect(shown).toEqual(['1', '1 paused', '2']);
  });

  it('GIVEN a bulk cancelled between two paced updates THEN the cancelled state is shown at once', () => {
    let now = 0;
    const shown: string[] = [];
    const calm = calmProgress((p) => shown.push(`${p.status}:${p.done}`), { everyMs: 1000, now: () => now });
    calm(step(0));
    now += 10;
    calm(step(1));
    calm(step(1, 10, 'cancelled'));
    expect(shown).toEqual(['running:0', 'cancelled:1']);
  });
});

describe('estimateTimeLeft', () => {
  it('GIVEN people queued ahead and 5 lookups left THEN the next one waits for them and the rest one interval each', async () => {
    const queue = { intervalMs: 10_000, estimate: async () => ({ position: 3, waitMs: 20_000 }) };
    expect(await estimateTimeLeft(queue, 5)).toBe(20_000 + 4 * 10_000);
    expect(await estimateTimeLeft(queue, 0)).toBe(0);
  });
});
